import { useMemo, useState } from 'react';
import { Card, Empty, Flex, Segmented, Table, Typography } from 'antd';
import { BarChartOutlined, TableOutlined } from '@ant-design/icons';
import type { TBreakdown, TBreakdownDimension, TIndustryLevel } from '../../shared/cockpit.ts';
import { useI18n } from '../i18n/i18n.tsx';
import { localName, metricText, type MetricUnit } from '../metrics/metric-format.ts';
import { CHART_PALETTE, chartScale, pieSlices, scaled } from './cockpit-layout.ts';
import { axisName } from './TrendChart.tsx';
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

/**
 * The chart of a breakdown, in one unit (亿元 when any figure reaches 1亿, else 万元). A pie's slices each have their
 * own colour: the tail beyond the palette folds into 其他. A bar's label wraps (two lines) and its tooltip names it whole.
 */
function chartOption(rows: Row[], unit: MetricUnit, by: TBreakdownDimension, label: (row: Row) => string, t: ReturnType<typeof useI18n>['t']): EChartOption {
  const scale = chartScale(rows.map((row) => row.value), unit);
  if (isPie(by, unit)) {
    const { shown, other } = pieSlices(rows);
    const slices = [...shown.map((row) => ({ name: label(row), value: row.value })), ...(other ? [{ name: t('cockpitHome.otherSlice'), value: other.value }] : [])];
    return {
      color: [...CHART_PALETTE],
      tooltip: {
        trigger: 'item',
        formatter: (p: unknown) => {
          const { dataIndex, marker } = p as { dataIndex: number; marker?: string };
          const slice = slices[dataIndex]!;
          return `${marker ?? ''}${slice.name}：${metricText(slice.value, unit, t)}`;
        },
      },
      legend: { type: 'scroll', orient: 'vertical', right: 0, top: 'middle', textStyle: { width: 120, overflow: 'break' } },
      series: [
        {
          type: 'pie',
          radius: ['38%', '68%'],
          center: ['32%', '50%'],
          label: { show: false },
          data: slices.map((slice, i) => ({ name: slice.name, value: scaled(slice.value, scale), itemStyle: { color: CHART_PALETTE[i % CHART_PALETTE.length] } })),
        },
      ],
    };
  }
  // Largest on top: the category axis runs bottom-up, so the rows go in ascending.
  const ordered = [...rows].reverse();
  return {
    grid: { left: 8, right: 24, top: 8, bottom: 28, containLabel: true },
    tooltip: { trigger: 'item', formatter: (p: unknown) => {
      const { dataIndex, marker } = p as { dataIndex: number; marker?: string };
      const row = ordered[dataIndex]!;
      return `${marker ?? ''}${label(row)}：${metricText(row.value, unit, t)}`;
    } },
    xAxis: { type: 'value', name: axisName(scale, t), nameLocation: 'middle', nameGap: 24 },
    yAxis: { type: 'category', data: ordered.map(label), axisLabel: { width: 120, overflow: 'break', lineHeight: 14, interval: 0 } },
    series: [{ type: 'bar', data: ordered.map((row) => scaled(row.value, scale)), itemStyle: { color: by === 'unit' ? CHART_PALETTE[0] : by === 'chain' ? CHART_PALETTE[5] : CHART_PALETTE[2] }, barMaxWidth: 18 }],
  };
}

/** One breakdown of the chosen metric, as a chart or a table; every bar, slice and figure opens its records. */
export function BreakdownPanel({ scope, metricKey, by, onPick }: BreakdownPanelProps) {
  const { t, locale } = useI18n();
  const [view, setView] = useState<View>('chart');
  // By industry, the level is the reader's choice: 门类 (the default), 大类 or 中类 (issue 16).
  const [level, setLevel] = useState<TIndustryLevel>('section');
  const { data, error, isPending } = useBreakdown({ ...scope, key: metricKey, by, ...(by === 'industry' && level !== 'section' ? { industryLevel: level } : {}) });
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
        <Flex gap="small" wrap align="center">
          {by === 'industry' ? (
            <Segmented<TIndustryLevel>
              size="small"
              aria-label={t('cockpit.industryLevel')}
              value={level}
              onChange={setLevel}
              options={(['section', 'division', 'group'] as const).map((value) => ({ value, label: t(`cockpit.industryLevel.${value}`) }))}
              data-testid="industry-level"
            />
          ) : null}
          <Segmented<View>
            size="small"
            value={view}
            onChange={setView}
            options={[
              { value: 'chart', icon: <BarChartOutlined />, title: t('cockpit.chart') },
              { value: 'table', icon: <TableOutlined />, title: t('cockpit.table') },
            ]}
          />
        </Flex>
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
              // A pie's 其他 slice stands for several groups: the table lists them one by one.
              const row = pie ? pieSlices(drawn).shown[dataIndex] : [...drawn].reverse()[dataIndex];
              if (row) pick(row);
              else if (pie) setView('table');
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
