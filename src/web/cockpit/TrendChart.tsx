import { useMemo } from 'react';
import { Empty, Typography } from 'antd';
import type { TTrend } from '../../shared/cockpit.ts';
import { useI18n } from '../i18n/i18n.tsx';
import { localName, metricText } from '../metrics/metric-format.ts';
import { CHART_PALETTE, chartScale, scaled, type ChartScale } from './cockpit-layout.ts';
import { EChart, type EChartOption } from '../ui/EChart.tsx';

export type TrendChartProps = {
  trend: TTrend | undefined;
  /** A bar or point clicked: that month of this year or of last year. */
  onPick: (year: number, month: number, clicked: number) => void;
};

/** Twelve months of one metric: this year and last as bars side by side, in one unit (亿元 or 万元 as the figures need). */
export function TrendChart({ trend, onPick }: TrendChartProps) {
  const { t, locale } = useI18n();
  const option = useMemo<EChartOption | null>(() => {
    if (!trend) return null;
    const thisYear = t('cockpit.thisYear', { year: trend.year });
    const lastYear = t('cockpit.thisYear', { year: trend.year - 1 });
    const values = [trend.months.map((m) => m.value), trend.months.map((m) => m.lastYear)];
    const scale = chartScale(values.flat(), trend.unit);
    return {
      grid: { left: 8, right: 16, top: 40, bottom: 8, containLabel: true },
      legend: { top: 0, data: [thisYear, lastYear] },
      tooltip: {
        trigger: 'axis',
        formatter: (params) => {
          const list = Array.isArray(params) ? params : [params];
          const month = list[0]?.dataIndex ?? 0;
          const lines = list.map(
            (p) => `${String(p.marker ?? '')}${p.seriesName ?? ''}:${metricText(values[p.seriesIndex ?? 0]![month]!, trend.unit, t)}`,
          );
          return [t('cockpit.monthLabel', { month: month + 1 }), ...lines].join('<br/>');
        },
      },
      xAxis: { type: 'category', data: trend.months.map((m) => t('cockpit.monthLabel', { month: m.month })) },
      yAxis: { type: 'value', name: axisName(scale, t), nameTextStyle: { align: 'left' } },
      series: [
        { name: thisYear, type: 'bar', data: trend.months.map((m) => scaled(m.value, scale)), itemStyle: { color: CHART_PALETTE[0] }, barMaxWidth: 18 },
        { name: lastYear, type: 'bar', data: trend.months.map((m) => scaled(m.lastYear, scale)), itemStyle: { color: CHART_PALETTE[1] }, barMaxWidth: 18 },
      ],
    };
  }, [trend, t]);

  if (!trend || !option) return <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} />;
  const name = localName(trend.name, locale);
  return (
    <>
      <Typography.Text type="secondary">{t('cockpit.trendTitle', { year: trend.year, lastYear: trend.year - 1 })}</Typography.Text>
      <EChart
        option={option}
        height={300}
        aria-label={`${name} ${t('cockpit.trend')}`}
        data-testid="trend-chart"
        onClick={({ seriesIndex, dataIndex }) => {
          const month = trend.months[dataIndex];
          if (!month) return;
          if (seriesIndex === 0) onPick(trend.year, month.month, month.value);
          else onPick(trend.year - 1, month.month, month.lastYear);
        }}
      />
    </>
  );
}

/** The axis title of a chart in its scale: 亿元, 万元, 万美元, %, 个, 天. */
export function axisName(scale: ChartScale, t: ReturnType<typeof useI18n>['t']): string {
  switch (scale.unit) {
    case 'yi':
      return t('metric.unit.yi');
    case 'wan':
      return t('metric.unit.wan');
    case 'wanUsd':
      return t('metric.unit.wanUsd');
    case 'percent':
      return '%';
    case 'days':
      return t('metric.unit.days');
    default:
      return t('metric.unit.countColumn');
  }
}
