import { useMemo, useState } from 'react';
import { Card, Empty, Segmented, Table, Typography } from 'antd';
import { BarChartOutlined, TableOutlined } from '@ant-design/icons';
import type { TBreakdown, TBreakdownDimension } from '../../shared/cockpit.ts';
import { useI18n } from '../i18n/i18n.tsx';
import { chartUnit, chartValue, localName, metricText, type MetricUnit } from '../metrics/metric-format.ts';
import { ErrorAlert } from '../ui/ErrorAlert.tsx';
import { EChart, type EChartOption } from '../ui/EChart.tsx';
import { useBreakdown, type CockpitScope } from './cockpit.queries.ts';

type Row = TBreakdown['rows'][number];
type View = 'chart' | 'table';

export type BreakdownPanelProps = {
  scope: CockpitScope;
  metricKey: string | undefined;
  by: TBreakdownDimension;
  /** A bar, slice or figure clicked: its group (none for the whole), its label and value. */
  onPick: (pick: { by?: TBreakdownDimension; group?: string; label: string; clicked: number }) => void;
};

/** Shares of a whole are pies (origin, stage); rankings are bars (unit, industry); a rate is never a pie. */
function isPie(by: TBreakdownDimension, unit: MetricUnit): boolean {
  return unit !== 'percent' && (by === 'region' || by === 'stage');
}

function chartOption(rows: Row[], unit: MetricUnit, by: TBreakdownDimension, label: (row: Row) => string, t: ReturnType<typeof useI18n>['t']): EChartOption {
  const tooltip = { formatter: (p: unknown) => {
    const { dataIndex, marker } = p as { dataIndex: number; marker?: string };
    const row = rows[dataIndex]!;
    return `${marker ?? ''}${label(row)}:${metricText(row.value, unit, t)}`;
  } };
  if (isPie(by, unit)) {
    return {
      tooltip: { trigger: 'item', ...tooltip },
      legend: { type: 'scroll', orient: 'vertical', right: 0, top: 'middle' },
      series: [
        {
          type: 'pie',
          radius: ['38%', '68%'],
          center: ['36%', '50%'],
          label: { show: false },
          data: rows.map((row) => ({ name: label(row), value: chartValue(row.value, unit) })),
        },
      ],
    };
  }
  // Largest on top: the category axis runs bottom-up, so the rows go in ascending.
  const ordered = [...rows].reverse();
  return {
    grid: { left: 8, right: 24, top: 24, bottom: 8, containLabel: true },
    tooltip: { trigger: 'item', formatter: (p: unknown) => {
      const { dataIndex, marker } = p as { dataIndex: number; marker?: string };
      const row = ordered[dataIndex]!;
      return `${marker ?? ''}${label(row)}:${metricText(row.value, unit, t)}`;
    } },
    xAxis: { type: 'value', name: chartUnit(unit, t) },
    yAxis: { type: 'category', data: ordered.map(label), axisLabel: { width: 110, overflow: 'truncate' } },
    series: [{ type: 'bar', data: ordered.map((row) => chartValue(row.value, unit)), itemStyle: { color: by === 'unit' ? '#1677ff' : by === 'chain' ? '#722ed1' : '#13a8a8' }, barMaxWidth: 18 }],
  };
}

/** One breakdown of the chosen metric, as a chart or a table; every bar, slice and figure opens its records. */
export function BreakdownPanel({ scope, metricKey, by, onPick }: BreakdownPanelProps) {
  const { t, locale } = useI18n();
  const [view, setView] = useState<View>('chart');
  const { data, error, isPending } = useBreakdown({ ...scope, key: metricKey, by });
  const unit: MetricUnit = data?.unit ?? 'count';
  const label = (row: Row) => localName(row.label, locale);
  // Largest first; a group with nothing in it is left out of the chart (it still shows in the table).
  const rows = useMemo(() => [...(data?.rows ?? [])].sort((a, b) => b.value - a.value), [data]);
  const drawn = useMemo(() => rows.filter((row) => row.value !== 0), [rows]);
  const option = useMemo(() => chartOption(drawn, unit, by, (row) => localName(row.label, locale), t), [drawn, unit, by, locale, t]);
  const pie = isPie(by, unit);
  const title = t(`cockpit.breakdown.${by}`);

  const pick = (row: Row) => onPick({ by, group: row.group, label: label(row), clicked: row.value });

  return (
    <Card
      size="small"
      title={title}
      data-testid={`breakdown-${by}`}
      extra={
        <Segmented<View>
          size="small"
          value={view}
          onChange={setView}
          options={[
            { value: 'chart', icon: <BarChartOutlined />, title: t('cockpit.chart') },
            { value: 'table', icon: <TableOutlined />, title: t('cockpit.table') },
          ]}
        />
      }
    >
      <ErrorAlert error={error} />
      {view === 'chart' ? (
        drawn.length === 0 ? (
          <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={isPending ? ' ' : t('cockpit.noData')} style={{ height: 260, paddingTop: 60 }} />
        ) : (
          <EChart
            option={option}
            height={260}
            aria-label={title}
            onClick={({ dataIndex }) => {
              const row = pie ? drawn[dataIndex] : [...drawn].reverse()[dataIndex];
              if (row) pick(row);
            }}
          />
        )
      ) : (
        <Table<Row>
          rowKey="group"
          size="small"
          dataSource={rows}
          pagination={false}
          scroll={{ y: 220 }}
          columns={[
            { title: t('cockpit.group'), key: 'label', render: (_value, row) => label(row) },
            {
              title: t('cockpit.value'),
              key: 'value',
              align: 'right',
              render: (_value, row) => (
                <button type="button" className="zs-link-number zs-amount" onClick={() => pick(row)}>
                  {metricText(row.value, unit, t)}
                </button>
              ),
            },
          ]}
          summary={() =>
            data ? (
              <Table.Summary fixed="bottom">
                <Table.Summary.Row>
                  <Table.Summary.Cell index={0}>
                    <Typography.Text strong>{t('records.total')}</Typography.Text>
                  </Table.Summary.Cell>
                  <Table.Summary.Cell index={1} align="right">
                    <button type="button" className="zs-link-number zs-amount" onClick={() => onPick({ label: title, clicked: data.value })}>
                      {metricText(data.value, unit, t)}
                    </button>
                  </Table.Summary.Cell>
                </Table.Summary.Row>
              </Table.Summary>
            ) : null
          }
        />
      )}
    </Card>
  );
}
