import { useMemo } from 'react';
import { Empty, Typography } from 'antd';
import type { TTrend } from '../../shared/cockpit.ts';
import { useI18n } from '../i18n/i18n.tsx';
import { chartUnit, chartValue, localName, metricText } from '../metrics/metric-format.ts';
import { EChart, type EChartOption } from '../ui/EChart.tsx';

export type TrendChartProps = {
  trend: TTrend | undefined;
  /** A bar or point clicked: that month of this year or of last year. */
  onPick: (year: number, month: number, clicked: number) => void;
};

/** Twelve months of one metric: this year as bars, last year as a line. */
export function TrendChart({ trend, onPick }: TrendChartProps) {
  const { t, locale } = useI18n();
  const option = useMemo<EChartOption | null>(() => {
    if (!trend) return null;
    const thisYear = t('cockpit.thisYear', { year: trend.year });
    const lastYear = t('cockpit.thisYear', { year: trend.year - 1 });
    const values = [trend.months.map((m) => m.value), trend.months.map((m) => m.lastYear)];
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
      yAxis: { type: 'value', name: chartUnit(trend.unit, t), nameTextStyle: { align: 'left' } },
      series: [
        { name: thisYear, type: 'bar', data: trend.months.map((m) => chartValue(m.value, trend.unit)), itemStyle: { color: '#1677ff' }, barMaxWidth: 28 },
        { name: lastYear, type: 'line', data: trend.months.map((m) => chartValue(m.lastYear, trend.unit)), itemStyle: { color: '#fa8c16' }, smooth: true },
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
