import { Alert, Drawer, Flex, Table, Tag, Tooltip, Typography, type TableColumnsType } from 'antd';
import { LockOutlined } from '@ant-design/icons';
import { Link } from 'react-router';
import type { ProjectState } from '../../domain/stages.ts';
import type { TMetricRecord } from '../../shared/cockpit.ts';
import { useI18n } from '../i18n/i18n.tsx';
import type { MetricInfo } from '../metrics/metrics.queries.ts';
import { formatRate, localName, metricText, type MetricUnit } from '../metrics/metric-format.ts';
import { StageTag } from '../projects/StageTag.tsx';
import { WanAmount, WanUsdAmount } from '../ui/Amount.tsx';
import { ErrorAlert } from '../ui/ErrorAlert.tsx';
import { formatWan } from '../ui/money.ts';
import { useMetricRecords, type RecordsRequest } from './cockpit.queries.ts';

/**
 * What the records add up to: a sum of their contributions, or for a rate the share that reached the stage. Added
 * in hundredths, as the server does: a project whose credit is split adds its share (0.3), which sums exactly so.
 */
export function recordsTotal(items: readonly TMetricRecord[], unit: MetricUnit): number {
  const hundredths = items.reduce((total, item) => total + Math.round(item.contribution * 100), 0);
  if (unit !== 'percent') return hundredths / 100;
  const weight = items.reduce((total, item) => total + item.creditPercent, 0);
  return weight === 0 ? 0 : hundredths / weight;
}

/** Whether the records add up to the number clicked, as both are written (a rate to two decimals). */
function addsUp(total: number, clicked: number, unit: MetricUnit): boolean {
  return unit === 'percent' ? formatRate(total) === formatRate(clicked) : total === clicked;
}

export type RecordsDrawerProps = { request: RecordsRequest | null; metric: MetricInfo | undefined; onClose: () => void };

/** The records behind a number of the cockpit, each linking to its project, with a total equal to that number. */
export function RecordsDrawer({ request, metric, onClose }: RecordsDrawerProps) {
  const { t, locale } = useI18n();
  const { data, isFetching, error } = useMetricRecords(request);
  const unit = data?.unit ?? metric?.unit ?? 'count';
  const items = data && request && data.key === request.key ? data.items : [];
  const total = recordsTotal(items, unit);
  const name = data ? localName(data.name, locale) : metric ? localName(metric.name, locale) : '';

  const columns: TableColumnsType<TMetricRecord> = [
    {
      title: t('project.name'),
      dataIndex: 'projectName',
      key: 'projectName',
      render: (projectName: string, item) => (
        <Flex gap={4} align="center" wrap>
          {item.projectId !== null && item.openable ? (
            <Link to={`/projects/${item.projectId}`} onClick={onClose}>
              {projectName}
            </Link>
          ) : item.projectId !== null ? (
            <Tooltip title={t('records.notOpenable')}>
              <span>{projectName}</span>
            </Tooltip>
          ) : (
            projectName
          )}
          {item.creditPercent < 100 ? (
            <Tooltip title={t('records.shareHint', { percent: item.creditPercent })}>
              <Tag color="gold" style={{ marginInlineEnd: 0 }} data-testid="credit-share">
                {t('records.share', { percent: item.creditPercent })}
              </Tag>
            </Tooltip>
          ) : null}
          {item.confidential ? (
            <Tag icon={<LockOutlined />} style={{ marginInlineEnd: 0 }}>
              {t('records.confidential')}
            </Tag>
          ) : null}
          {item.fundId ? <Tag style={{ marginInlineEnd: 0 }}>{t('records.fund')}</Tag> : null}
        </Flex>
      ),
    },
    { title: t('project.unit'), dataIndex: 'unitName', key: 'unitName', responsive: ['sm'] },
    { title: t('project.stage'), dataIndex: 'stage', key: 'stage', responsive: ['md'], render: (stage: string | null) => (stage ? <StageTag stage={stage as ProjectState} /> : '—') },
    { title: t('records.date'), dataIndex: 'date', key: 'date', render: (date: string | null) => <span className="zs-amount">{date ?? '—'}</span> },
    {
      title:
        unit === 'yuan' || unit === 'usd'
          ? t('metric.withUnit', { title: t('records.contribution'), unit: t(unit === 'yuan' ? 'metric.unit.wan' : 'metric.unit.wanUsd') })
          : t('records.contribution'),
      dataIndex: 'contribution',
      key: 'contribution',
      align: 'right',
      onHeaderCell: () => ({ style: { whiteSpace: 'nowrap' } }),
      render: (value: number) =>
        unit === 'yuan' ? (
          <WanAmount yuan={value} />
        ) : unit === 'usd' ? (
          <WanUsdAmount usd={value} />
        ) : unit === 'percent' ? (
          <Typography.Text type={value > 0 ? 'success' : 'secondary'}>{value > 0 ? t('records.reached') : t('records.notReached')}</Typography.Text>
        ) : (
          <span className="zs-amount">{value}</span>
        ),
    },
  ];

  const sum = items.reduce((acc, item) => acc + item.contribution, 0);
  const exact = unit === 'yuan' || unit === 'usd' ? `${formatWan(sum)} ${unit === 'yuan' ? t('metric.unit.wan') : t('metric.unit.wanUsd')}` : undefined;
  const totalText =
    unit === 'percent'
      ? t('records.rateTotal', { done: Math.round(sum * 100) / 100, count: items.reduce((acc, item) => acc + item.creditPercent, 0) / 100, rate: metricText(total, unit, t) })
      : metricText(total, unit, t);

  return (
    <Drawer
      open={!!request}
      onClose={onClose}
      size="large"
      title={t('records.title', { name })}
      destroyOnHidden
      data-testid="records-drawer"
      footer={
        data && !isFetching ? (
          <Flex justify="space-between" align="center" gap={8} wrap>
            <span>
              <Typography.Text strong>{t('records.total')}</Typography.Text>{' '}
              <Typography.Text type="secondary">{t('records.count', { count: items.length })}</Typography.Text>
            </span>
            <Tooltip title={exact}>
              <Typography.Text strong className="zs-amount" style={{ fontSize: 16 }} data-testid="records-total">
                {totalText}
              </Typography.Text>
            </Tooltip>
          </Flex>
        ) : null
      }
    >
      {request ? (
        <Typography.Paragraph type="secondary">
          {[request.label, t('records.period', { from: request.from, to: request.to })].filter(Boolean).join(' · ')}
        </Typography.Paragraph>
      ) : null}
      <ErrorAlert error={error} />
      {data && request && !isFetching && !addsUp(total, request.clicked, unit) ? (
        <Alert type="warning" showIcon title={t('records.mismatch')} style={{ marginBottom: 16 }} />
      ) : null}
      <Table<TMetricRecord>
        rowKey={(item) => `${item.recordKind}-${item.recordId}`}
        size="small"
        columns={columns}
        dataSource={items}
        loading={isFetching}
        locale={{ emptyText: t('records.empty') }}
        pagination={items.length > 50 ? { pageSize: 50, showSizeChanger: false } : false}
      />
    </Drawer>
  );
}
