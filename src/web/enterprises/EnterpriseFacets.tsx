import { useQuery } from '@tanstack/react-query';
import { Flex, Tag, Typography } from 'antd';
import type { TEnterpriseSearchResult } from '../../shared/enterprises-search.ts';
import type { TRegion } from '../../shared/regions.ts';
import { api } from '../api/client.ts';
import { useI18n } from '../i18n/i18n.tsx';
import { useIndustrySections } from '../industries/industries.queries.ts';
import type { UrlFilterValue } from '../ui/use-url-filters.ts';

export type EnterpriseFacetsProps = {
  facets: TEnterpriseSearchResult['facets'];
  /** The filters in force (from the address): a facet in force is shown checked, and a click clears it. */
  tier: string | undefined;
  region: string | undefined;
  industry: string | undefined;
  onPick: (patch: Record<string, UrlFilterValue>) => void;
};

/** Counts of the matches per tier list, HQ province and industry section; a click filters by it (the 资源库, issue 13). */
export function EnterpriseFacets({ facets, tier, region, industry, onPick }: EnterpriseFacetsProps) {
  const { t, locale } = useI18n();
  const sections = useIndustrySections();
  // The provinces, as the region picker offers them with nothing typed (the same cached query).
  const provinces = useQuery({
    queryKey: ['regions', ''],
    queryFn: async ({ signal }) => (await api.get<{ items: TRegion[] }>('/regions', { q: '' }, signal)).items,
    staleTime: Infinity,
  });
  // A foreign HQ (issue 15) counts under its country's ISO code: named by the browser's country names.
  const provinceName = (code: string) =>
    provinces.data?.find((p) => p.code === code)?.name ?? (/^[A-Z]{2}$/.test(code) ? (new Intl.DisplayNames([locale === 'en' ? 'en' : 'zh-CN'], { type: 'region' }).of(code) ?? code) : code);
  const sectionName = (code: string) => sections.data?.find((s) => s.code === code)?.name ?? code;

  const group = (
    testId: string,
    title: string,
    items: Array<{ key: string; count: number }>,
    label: (key: string) => string,
    checked: (key: string) => boolean,
    pick: (key: string, on: boolean) => Record<string, UrlFilterValue>,
  ) =>
    items.length === 0 ? null : (
      <div data-testid={testId}>
        <Typography.Text type="secondary" style={{ display: 'block', marginBottom: 4 }}>
          {title}
        </Typography.Text>
        <Flex gap={4} wrap>
          {items.map((facet) => (
            <Tag.CheckableTag key={facet.key} checked={checked(facet.key)} onChange={(on) => onPick(pick(facet.key, on))}>
              {label(facet.key)} {facet.count}
            </Tag.CheckableTag>
          ))}
        </Flex>
      </div>
    );

  return (
    <Flex vertical gap="middle" data-testid="enterprise-facets">
      {group(
        'facet-tier',
        t('enterpriseSearch.tiers'),
        facets.tier,
        (key) => t(`enterpriseSearch.tier.${key}` as Parameters<typeof t>[0]),
        (key) => key === tier,
        (key, on) => ({ tier: on ? key : undefined, tierYear: undefined }),
      )}
      {group(
        'facet-province',
        t('enterpriseSearch.provinces'),
        facets.province,
        provinceName,
        (key) => region === key.slice(0, 2),
        (key, on) => ({ region: on ? key.slice(0, 2) : undefined }),
      )}
      {group(
        'facet-industry',
        t('enterpriseSearch.industrySections'),
        facets.industrySection,
        sectionName,
        (key) => key === industry,
        (key, on) => ({ industry: on ? key : undefined }),
      )}
    </Flex>
  );
}
