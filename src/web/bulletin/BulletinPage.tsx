import { Button, DatePicker, Empty, Flex, InputNumber, Skeleton, Typography } from 'antd';
import { DownloadOutlined, FilePdfOutlined, PrinterOutlined } from '@ant-design/icons';
import dayjs from 'dayjs';
import { chinaToday } from '../../domain/calendar.ts';
import { useI18n } from '../i18n/i18n.tsx';
import { useMetricCatalogue } from '../metrics/metrics.queries.ts';
import { ScopeUnitSelect } from '../metrics/ScopeUnitSelect.tsx';
import { ErrorAlert } from '../ui/ErrorAlert.tsx';
import { PageHeader } from '../ui/PageHeader.tsx';
import { useUrlFilters } from '../ui/use-url-filters.ts';
import { bulletinExportUrl, useBulletin, type BulletinParams } from './bulletin.queries.ts';
import { BulletinChains } from './BulletinChains.tsx';
import { BulletinCorrections } from './BulletinCorrections.tsx';
import { BulletinSection } from './BulletinSection.tsx';
import { CloseMonthButton, MonthCloseStatus } from './MonthClose.tsx';

/** The month a bulletin is about by default: the last whole month (a bulletin reports a month once it is over). */
function lastWholeMonth(today: string): { year: number; month: number } {
  const year = Number(today.slice(0, 4));
  const month = Number(today.slice(5, 7));
  return month === 1 ? { year: year - 1, month: 12 } : { year, month: month - 1 };
}

function readMonth(text: string | undefined, today: string): { year: number; month: number } {
  const match = /^(\d{4})-(\d{1,2})$/.exec(text ?? '');
  const month = Number(match?.[2]);
  return match && month >= 1 && month <= 12 ? { year: Number(match[1]), month } : lastWholeMonth(today);
}

/** 通报: the monthly bulletin of a unit, to read, download as Excel or PDF, and print on A4. */
export function BulletinPage() {
  const { t, locale } = useI18n();
  const filters = useUrlFilters();
  const today = chinaToday(new Date());
  const { year, month } = readMonth(filters.text('month'), today);
  const unitId = filters.number('unitId');
  const listSize = Math.min(10, filters.number('listSize', 3)!);
  const params: BulletinParams = { year, month, unitId, listSize };
  const { data, error, isPending } = useBulletin(params);
  const catalogue = useMetricCatalogue();
  const unitOf = (key: string) => catalogue.data?.find((metric) => metric.key === key)?.unit ?? 'count';

  return (
    <>
      <div className="zs-no-print">
        <PageHeader
          title={t('nav.bulletin')}
          extra={
            <>
              {data ? <CloseMonthButton asked={{ year: data.year, month: data.month }} closedAt={data.closedAt} today={today} /> : null}
              <Button icon={<DownloadOutlined />} href={bulletinExportUrl(params, 'xlsx')} download>
                {t('bulletin.downloadXlsx')}
              </Button>
              <Button icon={<FilePdfOutlined />} href={bulletinExportUrl(params, 'pdf')} download>
                {t('bulletin.downloadPdf')}
              </Button>
              <Button type="primary" icon={<PrinterOutlined />} onClick={() => window.print()}>
                {t('bulletin.print')}
              </Button>
            </>
          }
        />
        <Flex className="zs-filters" gap="small" wrap align="center">
          <DatePicker
            picker="month"
            aria-label={t('bulletin.month')}
            allowClear={false}
            value={dayjs(`${year}-${String(month).padStart(2, '0')}-01`)}
            disabledDate={(day) => day.isAfter(dayjs(today), 'month')}
            onChange={(day) => day && filters.update({ month: day.format('YYYY-M') })}
            style={{ width: 140 }}
          />
          <ScopeUnitSelect aria-label={t('bulletin.unit')} value={unitId} onChange={(value) => filters.update({ unitId: value })} />
          <Flex align="center" gap={6}>
            <label htmlFor="bulletin-list-size">{t('bulletin.listSize')}</label>
            <InputNumber<number>
              id="bulletin-list-size"
              min={1}
              max={10}
              precision={0}
              value={listSize}
              onChange={(value) => filters.update({ listSize: value && value !== 3 ? value : null })}
              style={{ width: 72 }}
            />
          </Flex>
        </Flex>
      </div>
      <ErrorAlert error={error} />
      {isPending && !error ? <Skeleton active paragraph={{ rows: 8 }} /> : null}
      {data ? (
        <article className="zs-bulletin" data-testid="bulletin">
          <Typography.Title level={3} style={{ textAlign: 'center' }}>
            {t('bulletin.heading', { unit: data.unitName, year: data.year, period: locale === 'zh-CN' ? data.period : data.periodEn })}
          </Typography.Title>
          <Typography.Paragraph type="secondary" style={{ textAlign: 'center' }}>
            {t('bulletin.generated', { year: data.year, period: locale === 'zh-CN' ? data.period : data.periodEn })}
          </Typography.Paragraph>
          <MonthCloseStatus asked={{ year: data.year, month: data.month }} closedAt={data.closedAt} today={today} />
          {data.items.length === 0 ? <Empty description={t('bulletin.empty')} /> : null}
          {data.items.map((item, index) => (
            <BulletinSection key={item.metricKey} item={item} index={index} unit={unitOf(item.metricKey)} />
          ))}
          <BulletinChains chains={data.chains} metricName={(key) => catalogue.data?.find((metric) => metric.key === key)?.name} unitOf={unitOf} />
          <BulletinCorrections year={data.year} month={data.month} corrections={data.corrections} />
        </article>
      ) : null}
    </>
  );
}
