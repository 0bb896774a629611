import { useEffect, useRef } from 'react';
import * as echarts from 'echarts/core';
import { BarChart, LineChart, PieChart, TreeChart } from 'echarts/charts';
import { GridComponent, LegendComponent, TooltipComponent } from 'echarts/components';
import { CanvasRenderer, SVGRenderer } from 'echarts/renderers';
import type { EChartProps } from './EChart.tsx';

/** Only the parts the app draws with, so the chart chunk stays small (the heat map adds its map and visual map itself). */
echarts.use([BarChart, LineChart, PieChart, TreeChart, GridComponent, LegendComponent, TooltipComponent, CanvasRenderer, SVGRenderer]);

/**
 * An ECharts chart as a React component: created on mount, given the new option on every change (replacing the
 * old one, so a series that went away goes), resized with its box, disposed on unmount.
 */
export function EChartCanvas({ option, height = 300, onClick, 'aria-label': ariaLabel, 'data-testid': testId, renderer = 'canvas' }: EChartProps) {
  const box = useRef<HTMLDivElement>(null);
  const chart = useRef<echarts.ECharts | null>(null);
  const clickHandler = useRef(onClick);
  clickHandler.current = onClick;

  useEffect(() => {
    const element = box.current!;
    const instance = echarts.init(element, undefined, { renderer });
    chart.current = instance;
    instance.on('click', (params) => {
      const event = params as { seriesIndex?: number; seriesName?: string; dataIndex: number; name: string; data?: unknown };
      clickHandler.current?.({ seriesIndex: event.seriesIndex ?? 0, seriesName: event.seriesName ?? '', dataIndex: event.dataIndex, name: event.name, data: event.data });
    });
    const observer = new ResizeObserver(() => instance.resize());
    observer.observe(element);
    return () => {
      observer.disconnect();
      instance.dispose();
      chart.current = null;
    };
    // The renderer is read once, at mount.
  }, []);

  useEffect(() => {
    chart.current?.setOption(option, { notMerge: true });
  }, [option]);

  return <div ref={box} role="img" aria-label={ariaLabel} data-testid={testId} style={{ width: '100%', height, cursor: onClick ? 'pointer' : undefined }} />;
}
