import { InputNumber, Select } from 'antd';
import { TIER_LIST_CODES, TIER_LISTS, type TierList } from '../../domain/enterprise-tiers.ts';
import { PROJECT_STATES, type ProjectState } from '../../domain/stages.ts';
import { heatmapFiltersOf, type HeatmapFilter } from '../../domain/heatmap/filters.ts';
import type { THeatmapMeasure } from '../../shared/heatmap.ts';
import { useI18n } from '../i18n/i18n.tsx';
import { useChains } from '../chains/chains.queries.ts';
import { useChain } from '../chains/chain-editor.queries.ts';
import type { UrlFilterValue } from '../ui/use-url-filters.ts';

/** The heat map's filters as the address keeps them (issue 15). */
export type HeatmapFilterValues = {
  chainId?: number;
  linkId?: number;
  tier?: TierList;
  tierYear?: number;
  stage?: ProjectState;
  projectType?: 'industrial' | 'other';
  estimated?: boolean;
};

type UrlFilters = { text: (name: string) => string | undefined; number: (name: string) => number | undefined };

/** The filters read from the address, only the ones the measure can be narrowed by (the others would be refused). */
export function heatmapFiltersFromUrl(filters: UrlFilters, measure: THeatmapMeasure): HeatmapFilterValues {
  const applies = heatmapFiltersOf(measure);
  const tier = filters.text('tier');
  const stage = filters.text('stage');
  const type = filters.text('projectType');
  const estimated = filters.text('estimated');
  const all: HeatmapFilterValues = {
    chainId: filters.number('chainId'),
    linkId: filters.number('linkId'),
    tier: (TIER_LIST_CODES as readonly string[]).includes(tier ?? '') ? (tier as TierList) : undefined,
    tierYear: tier ? filters.number('tierYear') : undefined,
    stage: (PROJECT_STATES as readonly string[]).includes(stage ?? '') ? (stage as ProjectState) : undefined,
    projectType: type === 'industrial' || type === 'other' ? type : undefined,
    estimated: estimated === 'true' ? true : estimated === 'false' ? false : undefined,
  };
  return Object.fromEntries(Object.entries(all).filter(([name, value]) => value !== undefined && applies.includes(name as HeatmapFilter))) as HeatmapFilterValues;
}

/** The filter bar's chain, link, tier, stage, project type and estimated controls; those the measure ignores are greyed out. */
export function HeatmapFilterControls({ measure, values, onChange }: { measure: THeatmapMeasure; values: HeatmapFilterValues; onChange: (patch: Record<string, UrlFilterValue>) => void }) {
  const { t, locale } = useI18n();
  const applies = heatmapFiltersOf(measure);
  const off = (name: HeatmapFilter) => !applies.includes(name);
  const language = locale === 'en' ? 'en' : 'zh';
  const { data: chains } = useChains();
  const { data: chain } = useChain(values.chainId ?? null);
  const links = (chain?.linkTree ?? []).filter((l) => !l.retired);
  const hint = t('heatmap.filtersHint');
  return (
    <>
      <Select
        aria-label={t('heatmap.filterChain')}
        placeholder={t('heatmap.filterChain')}
        title={off('chainId') ? hint : undefined}
        style={{ minWidth: 140 }}
        allowClear
        disabled={off('chainId')}
        value={values.chainId}
        onChange={(value: number | undefined) => onChange({ chainId: value, linkId: undefined })}
        options={(chains ?? []).map((c) => ({ value: c.id, label: language === 'en' ? c.nameEn : c.name }))}
      />
      <Select
        aria-label={t('heatmap.filterLink')}
        placeholder={t('heatmap.filterLink')}
        style={{ minWidth: 180 }}
        allowClear
        showSearch
        optionFilterProp="label"
        disabled={off('linkId') || values.chainId === undefined}
        value={values.linkId}
        onChange={(value: number | undefined) => onChange({ linkId: value })}
        options={links.map((l) => ({ value: l.id, label: `${'　'.repeat(l.depth)}${language === 'en' ? l.nameEn : l.name}` }))}
      />
      <Select
        aria-label={t('heatmap.filterTier')}
        placeholder={t('heatmap.filterTier')}
        style={{ minWidth: 160 }}
        allowClear
        disabled={off('tier')}
        value={values.tier}
        onChange={(value: TierList | undefined) => onChange({ tier: value, ...(value ? {} : { tierYear: undefined }) })}
        options={TIER_LIST_CODES.map((code) => ({ value: code, label: TIER_LISTS[code][language] }))}
      />
      <InputNumber
        aria-label={t('heatmap.filterTierYear')}
        placeholder={t('heatmap.filterTierYear')}
        min={1900}
        max={2200}
        disabled={off('tierYear') || values.tier === undefined}
        value={values.tierYear ?? null}
        onChange={(value) => onChange({ tierYear: value ?? undefined })}
      />
      <Select
        aria-label={t('heatmap.filterStage')}
        placeholder={t('heatmap.filterStage')}
        style={{ minWidth: 120 }}
        allowClear
        disabled={off('stage')}
        value={values.stage}
        onChange={(value: ProjectState | undefined) => onChange({ stage: value })}
        options={PROJECT_STATES.map((s) => ({ value: s, label: t(`stage.${s}`) }))}
      />
      <Select
        aria-label={t('heatmap.filterProjectType')}
        placeholder={t('heatmap.filterProjectType')}
        style={{ minWidth: 120 }}
        allowClear
        disabled={off('projectType')}
        value={values.projectType}
        onChange={(value: string | undefined) => onChange({ projectType: value })}
        options={(['industrial', 'other'] as const).map((v) => ({ value: v, label: t(`projectType.${v}`) }))}
      />
      <Select
        aria-label={t('heatmap.filterEstimated')}
        placeholder={t('heatmap.filterEstimated')}
        style={{ minWidth: 130 }}
        allowClear
        disabled={off('estimated')}
        value={values.estimated === undefined ? undefined : String(values.estimated)}
        onChange={(value: string | undefined) => onChange({ estimated: value })}
        options={(['true', 'false'] as const).map((v) => ({ value: v, label: t(`heatmap.estimated.${v}`) }))}
      />
    </>
  );
}
