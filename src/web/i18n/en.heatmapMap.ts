import type { zhCNHeatmapMap } from './zh-CN.heatmapMap.ts';

/** English words of the heat map's maps: exactly the keys of zh-CN.heatmapMap.ts. */
export const enHeatmapMap: Record<keyof typeof zhCNHeatmapMap, string> = {
  'heatmapMap.china': 'Map of China',
  'heatmapMap.world': 'World map',
  'heatmapMap.high': 'High',
  'heatmapMap.low': 'Low',
  'heatmapMap.aria': '{measure} by source region, map: {region}',
  'heatmapMap.hintChina': 'Click a province to see its cities',
  'heatmapMap.hintProvince': 'Click a city to see the records that make its number',
  'heatmapMap.hintWorld': 'Click China to see its provinces; another country to see its records',
  'heatmapMap.noMap': 'No map at this level: see the table below',
  'heatmapMap.loadFailed': 'The map data did not load: see the table below',
  'heatmapMap.share': 'Share',
  'heatmapMap.change': 'Change on last year',
  'heatmapMap.lastYear': 'Same period last year',
  'heatmapMap.none': 'No records',
  'heatmapMap.cityTitle': '{city} on the map: projects by county and district',
  'heatmapMap.cityHint': 'Development zones, which have no outline on the map, and the city itself are listed here; click a number or a county on the map for its records',
  'heatmapMap.zone': 'Zone / the city itself',
  'heatmapMap.nanhai': 'South China Sea Islands',
};
