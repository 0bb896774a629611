import { Table, Typography, type TableColumnsType } from 'antd';
import type { TBulletinChains } from '../../shared/bulletin.ts';
import { useI18n } from '../i18n/i18n.tsx';
import { localName, metricCell, metricColumnUnit, targetCell, type MetricUnit } from '../metrics/metric-format.ts';

type Row = { key: string; chain: string; first: boolean; span: number; metricKey: string; value: number; target: number | null; completion: string | null };

export type BulletinChainsProps = {
  chains: TBulletinChains | null;
  metricName: (key: string) => { zh: string; en: string } | undefined;
  unitOf: (key: string) => MetricUnit;
};

/**
 * 按产业链 (issue 14): each chain's figures over the bulletin's unit against the city's chain targets, one row per chain
 * and metric, the chain named once. A month closed before chains were kept says so instead of showing today's figures.
 */
export function BulletinChains({ chains, metricName, unitOf }: BulletinChainsProps) {
  const { t, locale } = useI18n();
  if (chains === null) {
    return (
      <Typography.Paragraph type="secondary" data-testid="bulletin-chains-not-kept">
        {t('bulletin.byChainNotKept')}
      </Typography.Paragraph>
    );
  }
  if (chains.items.length === 0 || chains.metricKeys.length === 0) return null;
  const rows: Row[] = chains.items.flatMap((chain) =>
    chain.cells.map((cell, i) => ({
      key: `${chain.chainId}:${cell.metricKey}`,
      chain: locale === 'zh-CN' ? chain.name : chain.nameEn || chain.name,
      first: i === 0,
      span: chain.cells.length,
      ...cell,
    })),
  );
  const name = (key: string) => {
    const found = metricName(key);
    return found ? localName(found, locale) : key;
  };
  const columns: TableColumnsType<Row> = [
    { title: t('bulletin.chain'), dataIndex: 'chain', key: 'chain', onCell: (row) => ({ rowSpan: row.first ? row.span : 0 }) },
    { title: t('bulletin.metric'), dataIndex: 'metricKey', key: 'metric', render: (key: string) => t('metric.withUnit', { title: name(key), unit: metricColumnUnit(unitOf(key), t) }) },
    { title: t('bulletin.value'), dataIndex: 'value', key: 'value', align: 'right', render: (value: number, row) => <span className="zs-amount">{metricCell(value, unitOf(row.metricKey))}</span> },
    {
      title: t('bulletin.target'),
      dataIndex: 'target',
      key: 'target',
      align: 'right',
      render: (target: number | null, row) => <span className="zs-amount">{target === null ? '—' : targetCell(target, unitOf(row.metricKey))}</span>,
    },
    {
      title: t('bulletin.completion'),
      dataIndex: 'completion',
      key: 'completion',
      align: 'right',
      render: (completion: string | null) => <span className="zs-amount">{completion === null ? '—' : `${completion}%`}</span>,
    },
  ];
  return (
    <section className="zs-bulletin-section" data-testid="bulletin-chains">
      <Typography.Title level={5}>{t('bulletin.byChain')}</Typography.Title>
      <Table<Row> rowKey="key" size="small" bordered columns={columns} dataSource={rows} pagination={false} scroll={{ x: 'max-content' }} />
      <Typography.Text type="secondary" style={{ display: 'block', marginTop: 6, fontSize: 12 }}>
        {t('bulletin.byChainNote')}
      </Typography.Text>
    </section>
  );
}
