import { lazy, Suspense } from 'react';
import { Skeleton } from 'antd';
import type { ComposeOption } from 'echarts/core';
import type { BarSeriesOption, LineSeriesOption, MapSeriesOption, PieSeriesOption, TreeSeriesOption } from 'echarts/charts';
import type { GridComponentOption, LegendComponentOption, TooltipComponentOption, VisualMapComponentOption } from 'echarts/components';

export type EChartOption = ComposeOption<
  | BarSeriesOption
  | LineSeriesOption
  | PieSeriesOption
  | TreeSeriesOption
  | MapSeriesOption
  | GridComponentOption
  | LegendComponentOption
  | TooltipComponentOption
  | VisualMapComponentOption
>;

/** What was clicked: the series and the data item (its index and, for a pie, its name; the item itself, for a tree's node). */
export type EChartClick = { seriesIndex: number; seriesName: string; dataIndex: number; name: string; data?: unknown };

export type EChartProps = {
  option: EChartOption;
  height?: number;
  onClick?: (event: EChartClick) => void;
  /** What the chart shows, for screen readers (the canvas itself says nothing). */
  'aria-label': string;
  'data-testid'?: string;
  /** 'svg' draws text as the page's own text (a tree's labels, readable by tests); canvas otherwise. */
  renderer?: 'canvas' | 'svg';
};

/**
 * ECharts loads when the first chart is drawn, not with the page: the cockpit's first screen (figures, ranking, alerts)
 * needs none of its 228 KB, which on a slow connection came before anything was shown (issue 16). Until it has loaded,
 * the chart's box holds a skeleton of its height.
 */
const EChartCanvas = lazy(async () => ({ default: (await import('./EChartCanvas.tsx')).EChartCanvas }));

export function EChart(props: EChartProps) {
  return (
    <Suspense
      fallback={
        <div style={{ height: props.height ?? 300, overflow: 'hidden' }}>
          <Skeleton active title={false} paragraph={{ rows: 4 }} />
        </div>
      }
    >
      <EChartCanvas {...props} />
    </Suspense>
  );
}
