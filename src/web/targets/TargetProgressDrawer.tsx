import { Drawer, Empty, Progress, Table, Typography } from 'antd';
import type { TUnit } from '../../shared/units.ts';
import { useI18n } from '../i18n/i18n.tsx';
import type { MetricInfo } from '../metrics/metrics.queries.ts';
import { localName, metricText, targetText } from '../metrics/metric-format.ts';
import { ErrorAlert } from '../ui/ErrorAlert.tsx';
import { useTargetProgress, type TTargetProgressList } from './targets.queries.ts';

type ProgressItem = TTargetProgressList['items'][number];

export type TargetProgressDrawerProps = { year: number; unit: TUnit | null; metrics: readonly MetricInfo[]; onClose: () => void };

/** A unit's progress on its year's targets: each target against its records from 1 January to today. */
export function TargetProgressDrawer({ year, unit, metrics, onClose }: TargetProgressDrawerProps) {
  const { t, locale } = useI18n();
  const { data, error, isFetching } = useTargetProgress(year, unit?.id);
  const unitOf = (key: string) => metrics.find((metric) => metric.key === key)?.unit ?? 'count';

  return (
    <Drawer
      open={!!unit}
      onClose={onClose}
      size="large"
      title={unit ? t('targets.progressTitle', { unit: unit.name, year }) : undefined}
      destroyOnHidden
      data-testid="target-progress"
    >
      <ErrorAlert error={error} />
      {data ? <Typography.Paragraph type="secondary">{t('targets.progressAsOf', { date: data.asOf })}</Typography.Paragraph> : null}
      <Table<ProgressItem>
        rowKey="metricKey"
        size="small"
        loading={isFetching}
        dataSource={data?.items ?? []}
        pagination={false}
        locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('targets.progressEmpty', { year })} /> }}
        columns={[
          { title: t('targets.metric'), key: 'name', render: (_value, item) => localName(item.name, locale) },
          { title: t('targets.target'), key: 'target', align: 'right', render: (_value, item) => <span className="zs-amount">{targetText(item.target, unitOf(item.metricKey), t)}</span> },
          { title: t('targets.value'), key: 'value', align: 'right', render: (_value, item) => <span className="zs-amount">{metricText(item.value, unitOf(item.metricKey), t)}</span> },
          {
            title: t('targets.completion'),
            key: 'completion',
            width: 180,
            render: (_value, item) => (
              <Progress
                percent={Math.min(100, Number(item.completion) || 0)}
                format={() => (item.completion === '—' ? '—' : `${item.completion}%`)}
                size="small"
              />
            ),
          },
        ]}
      />
    </Drawer>
  );
}
