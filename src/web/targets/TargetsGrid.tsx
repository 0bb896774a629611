import { useMemo } from 'react';
import { Button, Flex, InputNumber, Table, Tooltip, Typography, type TableColumnsType } from 'antd';
import { LineChartOutlined } from '@ant-design/icons';
import type { TUnit } from '../../shared/units.ts';
import type { TChainTargetList } from '../../shared/targets.ts';
import { useI18n } from '../i18n/i18n.tsx';
import { useCurrentUser } from '../auth/auth.queries.ts';
import { useColumnSettings } from '../ui/ColumnSettings.tsx';
import type { MetricInfo } from '../metrics/metrics.queries.ts';
import { localName } from '../metrics/metric-format.ts';
import { groupThousands } from '../ui/money.ts';
import { buildUnitTree, type UnitNode } from '../units/unit-tree.ts';
import { cellKey, toDisplay, type CellKey, type Drafts } from './target-cells.ts';

type GridRow = { unit: TUnit; depth: number };
type ChainRow = TChainTargetList['items'][number];
/** The table's rows: the units, then a heading and the chains (issue 14). */
type TableRow = ({ kind: 'unit' } & GridRow) | { kind: 'chainHead' } | { kind: 'chain'; chain: ChainRow };

/** The units in tree order (a parent, then its children by code), each with its depth for the indent. */
export function unitsInTreeOrder(units: readonly TUnit[]): GridRow[] {
  const rows: GridRow[] = [];
  const walk = (nodes: UnitNode[], depth: number) => {
    for (const node of nodes) {
      rows.push({ unit: node, depth });
      if (node.children) walk(node.children, depth + 1);
    }
  };
  walk(buildUnitTree(units), 0);
  return rows;
}

export type TargetsGridProps = {
  units: readonly TUnit[];
  metrics: readonly MetricInfo[];
  stored: ReadonlyMap<CellKey, number>;
  drafts: Drafts;
  invalid: ReadonlySet<CellKey>;
  /** Null for read-only: the values are shown, not edited. */
  onEdit: ((key: CellKey, text: string | null) => void) | null;
  onProgress: (unit: TUnit) => void;
  loading: boolean;
  /** The chain rows (issue 14): their targets, drafts and invalid cells keyed by chain id; editing as for units. */
  chains?: {
    list: TChainTargetList | undefined;
    stored: ReadonlyMap<CellKey, number>;
    drafts: Drafts;
    invalid: ReadonlySet<CellKey>;
    onEdit: ((key: CellKey, text: string | null) => void) | null;
    onProgress: (chain: ChainRow) => void;
  };
};

/**
 * Units down, then the chains (issue 14), targetable metrics across; each cell in the unit people write it in (万元,
 * 万美元, 个). A chain has no target for an activity metric (trips, events …): its cell is a dash.
 */
export function TargetsGrid({ units, metrics, stored, drafts, invalid, onEdit, onProgress, loading, chains }: TargetsGridProps) {
  const { t, locale } = useI18n();
  const chainItems = chains?.list?.items;
  const rows = useMemo<TableRow[]>(
    () => [
      ...unitsInTreeOrder(units).map((row) => ({ kind: 'unit' as const, ...row })),
      ...(chainItems && chainItems.length > 0 ? [{ kind: 'chainHead' as const }, ...chainItems.map((chain) => ({ kind: 'chain' as const, chain }))] : []),
    ],
    [units, chainItems],
  );
  const chainTargetable = new Set(chains?.list?.metricKeys ?? []);
  // The chain heading spans the columns shown (set once the column settings are read, below).
  let columnCount = metrics.length + 2;
  const me = useCurrentUser();

  /** A cell of the grid: read-only text, or the input the bureau types into. */
  const cell = (key: CellKey, label: string, metric: MetricInfo, values: { stored: ReadonlyMap<CellKey, number>; drafts: Drafts; invalid: ReadonlySet<CellKey>; onEdit: ((key: CellKey, text: string | null) => void) | null }) => {
    const value = values.stored.get(key);
    const shown = value === undefined ? null : toDisplay(value, metric.unit);
    if (!values.onEdit) return <span className="zs-amount">{shown === null ? '—' : groupThousands(shown)}</span>;
    const edit = values.onEdit;
    const draft = values.drafts.has(key) ? values.drafts.get(key)! : shown;
    const changed = values.drafts.has(key) && (draft ?? '') !== (shown ?? '');
    return (
      <InputNumber<string>
        stringMode
        size="small"
        controls={false}
        min="0"
        aria-label={`${label} ${localName(metric.name, locale)}`}
        value={draft}
        onChange={(next) => edit(key, next ?? null)}
        formatter={(raw, info) => (info.userTyping ? info.input : groupThousands(String(raw ?? '')))}
        parser={(text) => (text ?? '').replace(/[,\s，]/g, '')}
        status={values.invalid.has(key) ? 'error' : undefined}
        className={changed ? 'zs-cell-changed' : undefined}
        style={{ width: '100%' }}
        inputMode={metric.unit === 'count' ? 'numeric' : 'decimal'}
      />
    );
  };
  const chainName = (chain: ChainRow) => (locale === 'en' ? chain.nameEn : chain.name);

  const measureOf = (metric: MetricInfo) =>
    metric.unit === 'yuan' ? t('metric.unit.wan') : metric.unit === 'usd' ? t('metric.unit.wanUsd') : t('metric.unit.countColumn');

  const columns: TableColumnsType<TableRow> = [
    {
      title: t('targets.unit'),
      key: 'unit',
      fixed: 'left',
      width: 200,
      onCell: (row) => (row.kind === 'chainHead' ? { colSpan: columnCount } : {}),
      render: (_value, row) =>
        row.kind === 'chainHead' ? (
          <Typography.Text strong data-testid="targets-chain-head">
            {t('targets.chains')}
            <Typography.Text type="secondary" style={{ fontWeight: 'normal', marginInlineStart: 8, fontSize: 12 }}>
              {t('targets.chainRowsHint')}
            </Typography.Text>
          </Typography.Text>
        ) : row.kind === 'chain' ? (
          <span style={{ whiteSpace: 'nowrap' }} data-testid="targets-chain-row">
            {chainName(row.chain)}
          </span>
        ) : (
          <span style={{ paddingInlineStart: row.depth * 16, fontWeight: row.depth === 0 ? 600 : undefined, whiteSpace: 'nowrap' }}>{row.unit.name}</span>
        ),
    },
    ...metrics.map((metric) => ({
      key: metric.key,
      width: 132,
      align: 'right' as const,
      title: (
        <Tooltip title={localName(metric.definition, locale)}>
          <span className="zs-grid-head">
            {localName(metric.name, locale)}
            <Typography.Text type="secondary" style={{ fontSize: 12, display: 'block' }}>
              ({measureOf(metric)})
            </Typography.Text>
          </span>
        </Tooltip>
      ),
      onCell: (row: TableRow) => (row.kind === 'chainHead' ? { colSpan: 0 } : {}),
      render: (_value: unknown, row: TableRow) => {
        if (row.kind === 'chainHead') return null;
        if (row.kind === 'chain') {
          if (!chains || !chainTargetable.has(metric.key)) {
            return (
              <Tooltip title={t('targets.chainNotTargetable')}>
                <Typography.Text type="secondary">—</Typography.Text>
              </Tooltip>
            );
          }
          return cell(cellKey(row.chain.chainId, metric.key), chainName(row.chain), metric, chains);
        }
        return cell(cellKey(row.unit.id, metric.key), row.unit.name, metric, { stored, drafts, invalid, onEdit });
      },
    })),
    {
      key: 'progress',
      fixed: 'right',
      width: 88,
      title: t('targets.progress'),
      onCell: (row) => (row.kind === 'chainHead' ? { colSpan: 0 } : {}),
      render: (_value, row) => {
        if (row.kind === 'chainHead') return null;
        const name = row.kind === 'chain' ? chainName(row.chain) : row.unit.name;
        const open = () => (row.kind === 'chain' ? chains?.onProgress(row.chain) : onProgress(row.unit));
        return (
          <Button size="small" type="link" icon={<LineChartOutlined />} onClick={open} aria-label={`${name} ${t('targets.progress')}`}>
            {t('targets.progress')}
          </Button>
        );
      },
    },
  ];

  // With 25 metrics a clerk keeps the few they work on in view: the metric columns are chosen and remembered (issue 16).
  const settings = useColumnSettings(columns, { table: 'targets', userId: me.id, always: ['unit', 'progress'] });
  columnCount = settings.columns.length;

  return (
    <>
    <Flex justify="flex-end" style={{ marginBottom: 8 }}>
      {settings.button}
    </Flex>
    <Table<TableRow>
      rowKey={(row) => (row.kind === 'unit' ? `unit-${row.unit.id}` : row.kind === 'chain' ? `chain-${row.chain.chainId}` : 'chains')}
      size="small"
      bordered
      columns={settings.columns}
      dataSource={rows}
      loading={loading}
      pagination={false}
      scroll={{ x: 'max-content' }}
      data-testid="targets-grid"
    />
    </>
  );
}
