import { Flex, Table, Tag, Typography, type TableColumnsType } from 'antd';
import type { TBulletin } from '../../shared/bulletin.ts';
import { useI18n } from '../i18n/i18n.tsx';
import { localName, metricCell, metricColumnUnit, targetCell, type MetricUnit } from '../metrics/metric-format.ts';

export type BulletinItem = TBulletin['items'][number];
type UnitRow = BulletinItem['units'][number];

const CHINESE_ORDINALS = ['一', '二', '三', '四', '五', '六', '七', '八', '九', '十', '十一', '十二', '十三', '十四', '十五'];

export type BulletinSectionProps = { item: BulletinItem; index: number; unit: MetricUnit };

/** One metric of the bulletin: its standard sentence, the table of sub-units with ranks in brackets, 红榜 and 黑榜. */
export function BulletinSection({ item, index, unit }: BulletinSectionProps) {
  const { t, locale } = useI18n();
  const name = localName(item.name, locale);
  const measure = metricColumnUnit(unit, t);
  const nameOf = (unitId: number) => item.units.find((row) => row.unitId === unitId)?.unitName ?? String(unitId);
  const own = item.units.find((row) => row.own);
  // 待甄别 (issue 17): what projects held out while their pair is under review would add, beside the figure.
  const heldOut = (value: number) =>
    value ? (
      <Tag color="orange" className="zs-amount" data-testid="bulletin-held-out" style={{ marginInlineStart: 6 }}>
        {unit === 'count' ? t('duplicates.heldOutCount', { n: value }) : t('duplicates.heldOutAmount', { value: metricCell(value, unit), unit: measure })}
      </Tag>
    ) : null;

  const columns: TableColumnsType<UnitRow> = [
    { title: t('bulletin.unitName'), dataIndex: 'unitName', key: 'unitName' },
    { title: t('metric.withUnit', { title: t('bulletin.value'), unit: measure }), dataIndex: 'value', key: 'value', align: 'right', render: (value: number, row: UnitRow) => (
        <span className="zs-amount">
          {metricCell(value, unit)}
          {heldOut(row.heldOut)}
        </span>
      ),
    },
    {
      title: t('metric.withUnit', { title: t('bulletin.target'), unit: measure }),
      dataIndex: 'target',
      key: 'target',
      align: 'right',
      render: (target: number | null) => <span className="zs-amount">{target === null ? '—' : targetCell(target, unit)}</span>,
    },
    {
      title: t('bulletin.completion'),
      dataIndex: 'completion',
      key: 'completion',
      align: 'right',
      render: (completion: string | null) => <span className="zs-amount">{completion === null ? '—' : `${completion}%`}</span>,
    },
    {
      title: t('bulletin.rank'),
      dataIndex: 'rank',
      key: 'rank',
      align: 'center',
      // The unit's own records (本级) are shown so the table adds up, but are not ranked among the sub-units.
      render: (rank: number | null) => <span className="zs-amount">{rank === null ? '—' : `(${rank})`}</span>,
    },
  ];

  return (
    <section className="zs-bulletin-section" data-testid={`bulletin-${item.metricKey}`}>
      <Typography.Title level={5}>
        {locale === 'zh-CN' ? `${CHINESE_ORDINALS[index] ?? index + 1}、${name}` : `${index + 1}. ${name}`}
      </Typography.Title>
      <Typography.Paragraph className="zs-bulletin-sentence" data-testid="bulletin-sentence">
        {locale === 'zh-CN' ? item.sentence : item.sentenceEn}
        {heldOut(item.heldOut)}
      </Typography.Paragraph>
      {item.units.length > 0 ? (
        <>
          <Table<UnitRow>
            rowKey="unitId"
            size="small"
            bordered
            columns={columns}
            dataSource={item.units}
            rowClassName={(row) => (row.own ? 'zs-bulletin-own' : '')}
            pagination={false}
            scroll={{ x: 'max-content' }}
          />
          {own ? (
            <Typography.Text type="secondary" style={{ display: 'block', marginTop: 6, fontSize: 12 }}>
              {t('bulletin.ownNote', { unit: own.unitName })}
            </Typography.Text>
          ) : null}
          <Flex vertical gap={6} style={{ marginTop: 12 }}>
            <ListLine label={t('bulletin.red')} colour="red" names={item.red.map(nameOf)} testId="bulletin-red" />
            <ListLine label={t('bulletin.black')} colour="#262626" names={item.black.map(nameOf)} testId="bulletin-black" />
          </Flex>
        </>
      ) : (
        <Typography.Text type="secondary">{t('bulletin.noUnits')}</Typography.Text>
      )}
    </section>
  );
}

function ListLine({ label, colour, names, testId }: { label: string; colour: string; names: string[]; testId: string }) {
  const { t } = useI18n();
  return (
    <div data-testid={testId}>
      <Tag color={colour} style={{ fontWeight: 600 }}>
        {label}
      </Tag>
      {names.length > 0 ? names.join('、') : t('bulletin.none')}
    </div>
  );
}
