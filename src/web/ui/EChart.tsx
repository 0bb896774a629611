import { useEffect, useRef } from 'react';
import * as echarts from 'echarts/core';
import { BarChart, LineChart, PieChart, type BarSeriesOption, type LineSeriesOption, type PieSeriesOption } from 'echarts/charts';
import {
  GridComponent,
  LegendComponent,
  TooltipComponent,
  type GridComponentOption,
  type LegendComponentOption,
  type TooltipComponentOption,
} from 'echarts/components';
import { CanvasRenderer } from 'echarts/renderers';

/** Only the parts the app draws with, so the chart chunk stays small. */
echarts.use([BarChart, LineChart, PieChart, GridComponent, LegendComponent, TooltipComponent, CanvasRenderer]);

export type EChartOption = echarts.ComposeOption<
  BarSeriesOption | LineSeriesOption | PieSeriesOption | GridComponentOption | LegendComponentOption | TooltipComponentOption
>;

/** What was clicked: the series and the data item (its index and, for a pie, its name). */
export type EChartClick = { seriesIndex: number; seriesName: string; dataIndex: number; name: string };

export type EChartProps = {
  option: EChartOption;
  height?: number;
  onClick?: (event: EChartClick) => void;
  /** What the chart shows, for screen readers (the canvas itself says nothing). */
  'aria-label': string;
  'data-testid'?: string;
};

/**
 * An ECharts chart as a React component: created on mount, given the new option on every change (replacing the
 * old one, so a series that went away goes), resized with its box, disposed on unmount.
 */
export function EChart({ option, height = 300, onClick, 'aria-label': ariaLabel, 'data-testid': testId }: EChartProps) {
  const box = useRef<HTMLDivElement>(null);
  const chart = useRef<echarts.ECharts | null>(null);
  const clickHandler = useRef(onClick);
  clickHandler.current = onClick;

  useEffect(() => {
    const element = box.current!;
    const instance = echarts.init(element, undefined, { renderer: 'canvas' });
    chart.current = instance;
    instance.on('click', (params) => {
      const event = params as { seriesIndex?: number; seriesName?: string; dataIndex: number; name: string };
      clickHandler.current?.({ seriesIndex: event.seriesIndex ?? 0, seriesName: event.seriesName ?? '', dataIndex: event.dataIndex, name: event.name });
    });
    const observer = new ResizeObserver(() => instance.resize());
    observer.observe(element);
    return () => {
      observer.disconnect();
      instance.dispose();
      chart.current = null;
    };
  }, []);

  useEffect(() => {
    chart.current?.setOption(option, { notMerge: true });
  }, [option]);

  return <div ref={box} role="img" aria-label={ariaLabel} data-testid={testId} style={{ width: '100%', height, cursor: onClick ? 'pointer' : undefined }} />;
}
