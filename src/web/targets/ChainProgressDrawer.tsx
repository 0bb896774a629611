import { Drawer, Empty, Progress, Table, Typography } from 'antd';
import type { TChainTargetList } from '../../shared/targets.ts';
import { useI18n } from '../i18n/i18n.tsx';
import type { MetricInfo } from '../metrics/metrics.queries.ts';
import { localName, metricText, targetText } from '../metrics/metric-format.ts';

type ChainRow = TChainTargetList['items'][number];
type Cell = ChainRow['cells'][number];

export type ChainProgressDrawerProps = { list: TChainTargetList | undefined; chain: ChainRow | null; metrics: readonly MetricInfo[]; onClose: () => void };

/**
 * A chain's progress on its year's targets (issue 14): each target against the projects confirmed on the chain's links,
 * from 1 January to today, inside the reader's own subtree (a county sees its contribution to the city's target).
 */
export function ChainProgressDrawer({ list, chain, metrics, onClose }: ChainProgressDrawerProps) {
  const { t, locale } = useI18n();
  const metricOf = (key: string) => metrics.find((metric) => metric.key === key);
  const unitOf = (key: string) => metricOf(key)?.unit ?? 'count';
  const cells = (chain?.cells ?? []).filter((cell) => cell.target !== null);
  const year = list?.year ?? 0;

  return (
    <Drawer
      open={!!chain}
      onClose={onClose}
      size="large"
      title={chain ? t('targets.chainProgressTitle', { chain: locale === 'en' ? chain.nameEn : chain.name, year }) : undefined}
      destroyOnHidden
      data-testid="chain-target-progress"
    >
      {list ? (
        <Typography.Paragraph type="secondary">
          {t('targets.progressAsOf', { date: list.asOf })} · {t('targets.chainProgressScope', { unit: list.unitName })}
        </Typography.Paragraph>
      ) : null}
      <Table<Cell>
        rowKey="metricKey"
        size="small"
        dataSource={cells}
        pagination={false}
        locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('targets.progressEmpty', { year })} /> }}
        columns={[
          { title: t('targets.metric'), key: 'name', render: (_value, cell) => { const m = metricOf(cell.metricKey); return m ? localName(m.name, locale) : cell.metricKey; } },
          { title: t('targets.target'), key: 'target', align: 'right', render: (_value, cell) => <span className="zs-amount">{targetText(cell.target!, unitOf(cell.metricKey), t)}</span> },
          { title: t('targets.value'), key: 'value', align: 'right', render: (_value, cell) => <span className="zs-amount">{metricText(cell.value, unitOf(cell.metricKey), t)}</span> },
          {
            title: t('targets.completion'),
            key: 'completion',
            width: 180,
            render: (_value, cell) => (
              <Progress percent={Math.min(100, Number(cell.completion) || 0)} format={() => (cell.completion === null ? '—' : `${cell.completion}%`)} size="small" />
            ),
          },
        ]}
      />
    </Drawer>
  );
}
