import { useMemo } from 'react';
import { Button, InputNumber, Table, Tooltip, Typography, type TableColumnsType } from 'antd';
import { LineChartOutlined } from '@ant-design/icons';
import type { TUnit } from '../../shared/units.ts';
import { useI18n } from '../i18n/i18n.tsx';
import type { MetricInfo } from '../metrics/metrics.queries.ts';
import { localName } from '../metrics/metric-format.ts';
import { groupThousands } from '../ui/money.ts';
import { buildUnitTree, type UnitNode } from '../units/unit-tree.ts';
import { cellKey, toDisplay, type CellKey, type Drafts } from './target-cells.ts';

type GridRow = { unit: TUnit; depth: number };

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
};

/** Units down, targetable metrics across; each cell in the unit people write it in (万元, 万美元, 个). */
export function TargetsGrid({ units, metrics, stored, drafts, invalid, onEdit, onProgress, loading }: TargetsGridProps) {
  const { t, locale } = useI18n();
  const rows = useMemo(() => unitsInTreeOrder(units), [units]);

  const measureOf = (metric: MetricInfo) =>
    metric.unit === 'yuan' ? t('metric.unit.wan') : metric.unit === 'usd' ? t('metric.unit.wanUsd') : t('metric.unit.countColumn');

  const columns: TableColumnsType<GridRow> = [
    {
      title: t('targets.unit'),
      key: 'unit',
      fixed: 'left',
      width: 200,
      render: (_value, row) => (
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
      render: (_value: unknown, row: GridRow) => {
        const key = cellKey(row.unit.id, metric.key);
        const value = stored.get(key);
        const shown = value === undefined ? null : toDisplay(value, metric.unit);
        if (!onEdit) return <span className="zs-amount">{shown === null ? '—' : groupThousands(shown)}</span>;
        const draft = drafts.has(key) ? drafts.get(key)! : shown;
        const changed = drafts.has(key) && (draft ?? '') !== (shown ?? '');
        return (
          <InputNumber<string>
            stringMode
            size="small"
            controls={false}
            min="0"
            aria-label={`${row.unit.name} ${localName(metric.name, locale)}`}
            value={draft}
            onChange={(next) => onEdit(key, next ?? null)}
            formatter={(raw, info) => (info.userTyping ? info.input : groupThousands(String(raw ?? '')))}
            parser={(text) => (text ?? '').replace(/[,\s，]/g, '')}
            status={invalid.has(key) ? 'error' : undefined}
            className={changed ? 'zs-cell-changed' : undefined}
            style={{ width: '100%' }}
            inputMode={metric.unit === 'count' ? 'numeric' : 'decimal'}
          />
        );
      },
    })),
    {
      key: 'progress',
      fixed: 'right',
      width: 88,
      title: t('targets.progress'),
      render: (_value, row) => (
        <Button size="small" type="link" icon={<LineChartOutlined />} onClick={() => onProgress(row.unit)} aria-label={`${row.unit.name} ${t('targets.progress')}`}>
          {t('targets.progress')}
        </Button>
      ),
    },
  ];

  return (
    <Table<GridRow>
      rowKey={(row) => row.unit.id}
      size="small"
      bordered
      columns={columns}
      dataSource={rows}
      loading={loading}
      pagination={false}
      scroll={{ x: 'max-content' }}
      data-testid="targets-grid"
    />
  );
}
