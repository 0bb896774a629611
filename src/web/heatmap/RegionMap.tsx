import { useMemo } from 'react';
import { Alert, Skeleton } from 'antd';
import { format } from 'echarts/core';
import { featureOfCell, NANHAI_FEATURE, outlinedFeatures, type MapKey } from '../../domain/heatmap/map-features.ts';
import { useI18n } from '../i18n/i18n.tsx';
import { EChart, type EChartOption } from '../ui/EChart.tsx';
import { useMapData } from './map-data.ts';

/** A cell of the heat map as the map shows it: its number and the words of its tooltip, already formatted. */
export type MapCell = { cell: string; label: string; value: number; valueText: string; share: string | null; change: string | null; lastYearText: string };

export type RegionMapProps = {
  mapKey: MapKey;
  cells: readonly MapCell[];
  /** The measure's name, for the tooltip and the screen reader. */
  measureName: string;
  /** What the map shows (China, 广东省, the world), for the screen reader. */
  regionName: string;
  height: number;
  /** Name the regions that have records on the map (off on a phone, where they would cover it). */
  showLabels: boolean;
  /** The places of the priority regions to outline (GB/T 2260 or ISO codes): every feature they touch gets a blue border. */
  outlineCodes?: readonly string[];
  /** The divisions' names by code in both languages (the server's), so a region with no records is named in English too. */
  regionNames?: Readonly<Record<string, { zh: string; en: string }>>;
  /** Drawn for the dark big screen (数据大屏): dark land, light words. */
  dark?: boolean;
  /** The chart's test id (heatmap-map unless told). */
  testId?: string;
  /** A feature was clicked: its code, its name, and the cell it colours (null when it has none). */
  onPick: (feature: string, name: string, cell: MapCell | null) => void;
};

type Item = { name: string; value?: number; cellData?: MapCell };

/** A province's name as maps print it: 广东省 → 广东, 广西壮族自治区 → 广西, 香港特别行政区 → 香港 (a city keeps its name). */
export const shortName = (name: string) => name.replace(/(省|(壮族|回族|维吾尔)?自治区|特别行政区)$/, '').replace(/^(北京|天津|上海|重庆)市$/, '$1');

/**
 * A choropleth of the heat map (issue 15): the world by country, China by province with the 南海诸岛 inset, or a
 * province by city, coloured by the measure (visual map, low → high); hover shows the value, its share and the change
 * on last year. Drawn as SVG, so its labels are the page's own text.
 */
/** The priority regions' outline: a blue border over the red scale, drawn above the neighbours' grey ones. */
export const OUTLINE_STYLE = { borderColor: '#1d39c4', borderWidth: 2.5 };

export function RegionMap({ mapKey, cells, measureName, regionName, height, showLabels, outlineCodes = [], regionNames, dark = false, testId = 'heatmap-map', onPick }: RegionMapProps) {
  const { t, locale } = useI18n();
  const map = useMapData(mapKey);
  const loaded = map.data;

  const countries = useMemo(() => (mapKey.kind === 'world' ? new Intl.DisplayNames([locale === 'en' ? 'en' : 'zh-CN'], { type: 'region' }) : null), [mapKey.kind, locale]);
  /** A feature's name in the page's language: a country's by its ISO code, a division's Chinese name otherwise. */
  const nameOf = (feature: string) => {
    if (countries && /^[A-Z]{2}$/.test(feature)) return countries.of(feature) ?? feature;
    const named = regionNames?.[feature];
    if (named) return locale === 'en' ? named.en : named.zh;
    return loaded?.zhNames.get(feature) ?? feature;
  };

  const option = useMemo<EChartOption | null>(() => {
    if (!loaded) return null;
    const items: Item[] = [];
    for (const cell of cells) {
      const feature = featureOfCell(cell.cell, mapKey);
      if (feature !== null && loaded.zhNames.has(feature)) items.push({ name: feature, value: cell.value, cellData: cell });
    }
    // Only the regions that have records are named on the map (every one is named on hover).
    const labelled = showLabels;
    const outlined = outlinedFeatures(outlineCodes, mapKey, [...loaded.zhNames.keys()]);
    const coloured = new Set(items.map((i) => i.name));
    const max = Math.max(0, ...items.map((i) => i.value ?? 0));
    const nanhai = loaded.zhNames.has(NANHAI_FEATURE);
    return {
      tooltip: {
        trigger: 'item',
        confine: true,
        formatter: (params: unknown) => {
          const { name, data } = params as { name: string; data?: Item };
          if (name === NANHAI_FEATURE) return format.encodeHTML(t('heatmapMap.nanhai'));
          const cell = data?.cellData;
          const title = format.encodeHTML(cell?.label ?? nameOf(name));
          if (!cell) return `<b>${title}</b><br/>${format.encodeHTML(t('heatmapMap.none'))}`;
          const lines = [
            `${format.encodeHTML(measureName)}: ${format.encodeHTML(cell.valueText)}`,
            `${format.encodeHTML(t('heatmapMap.share'))}: ${cell.share === null ? '—' : `${cell.share}%`}`,
            `${format.encodeHTML(t('heatmapMap.lastYear'))}: ${format.encodeHTML(cell.lastYearText)}`,
            `${format.encodeHTML(t('heatmapMap.change'))}: ${cell.change === null ? '—' : `${cell.change}%`}`,
          ];
          return `<b>${title}</b><br/>${lines.join('<br/>')}`;
        },
      },
      visualMap: {
        type: 'continuous',
        min: 0,
        max: max > 0 ? max : 1,
        seriesIndex: 0,
        calculable: false,
        orient: 'horizontal',
        left: 8,
        bottom: 4,
        itemWidth: 12,
        itemHeight: 100,
        text: [t('heatmapMap.high'), t('heatmapMap.low')],
        inRange: { color: ['#fde9d9', '#f3a25c', '#d4380d', '#871400'] },
        textStyle: { color: dark ? '#d9d9d9' : '#434343' },
      },
      series: [
        {
          type: 'map',
          map: loaded.name,
          name: measureName,
          top: 8,
          bottom: 36,
          left: 4,
          right: 4,
          selectedMode: false,
          itemStyle: dark ? { areaColor: '#1f2a44', borderColor: '#5b6b8c', borderWidth: 0.5 } : { areaColor: '#f5f5f5', borderColor: '#8c8c8c', borderWidth: 0.5 },
          emphasis: { label: { show: false }, itemStyle: { areaColor: '#ffd666' } },
          label: { show: false },
          data: [
            ...items.map((item) => ({
              ...item,
              ...(outlined.has(item.name) ? { itemStyle: OUTLINE_STYLE } : {}),
              label: { show: labelled, formatter: shortName(item.cellData!.label), fontSize: 10, color: '#1f1f1f', textBorderColor: '#fff', textBorderWidth: 2 },
            })),
            ...[...outlined].filter((feature) => !coloured.has(feature)).map((feature) => ({ name: feature, itemStyle: OUTLINE_STYLE })),
            ...(nanhai
              ? [
                  {
                    name: NANHAI_FEATURE,
                    itemStyle: { areaColor: '#8c8c8c', borderColor: '#595959', borderWidth: 0.5 },
                    emphasis: { disabled: true },
                    label: { show: true, formatter: t('heatmapMap.nanhai'), fontSize: 10, color: '#262626', textBorderColor: '#fff', textBorderWidth: 2 },
                  },
                ]
              : []),
          ],
        },
      ],
    } as EChartOption;
    // nameOf reads only `countries`, `regionNames`, `locale` and `loaded`.
  }, [loaded, cells, mapKey, measureName, t, countries, showLabels, outlineCodes, regionNames, locale, dark]);

  if (map.error) return <Alert type="warning" showIcon title={t('heatmapMap.loadFailed')} />;
  if (!option) return <Skeleton active style={{ height }} />;
  return (
    <EChart
      option={option}
      height={height}
      renderer="svg"
      aria-label={t('heatmapMap.aria', { measure: measureName, region: regionName })}
      data-testid={testId}
      onClick={(event) => {
        if (event.name === NANHAI_FEATURE) return;
        const cell = (event.data as Item | undefined)?.cellData ?? null;
        onPick(event.name, cell?.label ?? nameOf(event.name), cell);
      }}
    />
  );
}
