import { useQuery } from '@tanstack/react-query';
import * as echarts from 'echarts/core';
import { MapChart } from 'echarts/charts';
import { VisualMapContinuousComponent } from 'echarts/components';
import type { MapKey } from '../../domain/heatmap/map-features.ts';

/**
 * The heat map's map data (issue 15): data/maps/*.json, emitted by the build as hashed static files and fetched
 * only for the map being shown (never in a page's script bundle), then registered with ECharts by a name of its own.
 */
echarts.use([MapChart, VisualMapContinuousComponent]);

const CHINA_URL = new URL('../../../data/maps/china.json', import.meta.url).href;
const WORLD_URL = new URL('../../../data/maps/world.json', import.meta.url).href;
const provinceUrl = (code: string) => new URL(`../../../data/maps/province/${code}.json`, import.meta.url).href;
const cityUrl = (code: string) => new URL(`../../../data/maps/city/${code}.json`, import.meta.url).href;

/** The feature names (codes) of a map with their Chinese names. */
export type LoadedMap = { name: string; zhNames: ReadonlyMap<string, string> };

export const mapName = (key: MapKey) => (key.kind === 'province' || key.kind === 'city' ? `zs-${key.code}` : `zs-${key.kind}`);

async function loadMap(key: MapKey, signal: AbortSignal): Promise<LoadedMap> {
  const url = key.kind === 'world' ? WORLD_URL : key.kind === 'china' ? CHINA_URL : key.kind === 'province' ? provinceUrl(key.code) : cityUrl(key.code);
  const response = await fetch(url, { signal });
  if (!response.ok) throw new Error(`map ${mapName(key)}: HTTP ${response.status}`);
  const json = (await response.json()) as { features: { properties: { name: string; zh: string } }[] };
  const zhNames = new Map(json.features.map((f) => [f.properties.name, f.properties.zh]));
  const name = mapName(key);
  // registerMap keeps what it is given (and decodes compressed geometry in place): once per map.
  if (!echarts.getMap(name)) echarts.registerMap(name, json as unknown as Parameters<typeof echarts.registerMap>[1]);
  return { name, zhNames };
}

/** A map, fetched once per page load and kept (the files are immutable, cached by the browser for a year). */
export function useMapData(key: MapKey | null) {
  return useQuery({
    queryKey: ['heatmap-map', key ? mapName(key) : null],
    queryFn: ({ signal }) => loadMap(key!, signal),
    enabled: !!key,
    staleTime: Infinity,
    gcTime: Infinity,
    retry: 1,
  });
}
