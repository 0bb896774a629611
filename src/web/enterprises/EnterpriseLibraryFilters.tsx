import { useEffect, useState } from 'react';
import { Button, Flex, Input, Select } from 'antd';
import { ENTERPRISE_TIER_LISTS } from '../../shared/enterprises-search.ts';
import { useI18n } from '../i18n/i18n.tsx';
import { useIndustrySections } from '../industries/industries.queries.ts';
import { RegionSelect } from '../regions/RegionSelect.tsx';
import { useDebouncedValue } from '../ui/use-debounced-value.ts';
import type { useUrlFilters } from '../ui/use-url-filters.ts';

/** The 资源库's filters, as kept in the address. */
export const LIBRARY_FILTERS = ['q', 'tier', 'tierYear', 'region', 'industry', 'size', 'listed', 'local'] as const;

const SIZE_BANDS = ['large', 'medium', 'small', 'micro'] as const;
const FLAGS = ['true', 'false'] as const;
/** A region picked (6 digits) as the search's prefix: a province by 2 digits, a city by 4. */
const regionPrefix = (code: string) => (code.endsWith('0000') ? code.slice(0, 2) : code.endsWith('00') ? code.slice(0, 4) : code);

export type EnterpriseLibraryFiltersProps = { filters: ReturnType<typeof useUrlFilters> };

/** Search as one types (debounced, kept in the address) and the filters: tier and year, HQ region, industry section, size, listed, local. */
export function EnterpriseLibraryFilters({ filters }: EnterpriseLibraryFiltersProps) {
  const { t } = useI18n();
  const sections = useIndustrySections();
  const q = filters.text('q') ?? '';
  const [typed, setTyped] = useState(q);
  const debounced = useDebouncedValue(typed.trim(), 300);
  const { update } = filters;
  useEffect(() => {
    if (debounced !== q) update({ q: debounced });
    // Only what is typed drives the address; a change of the address (back, a link) resets the box below.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [debounced]);
  useEffect(() => {
    if (q !== debounced) setTyped(q);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [q]);

  const tier = filters.text('tier');
  const region = filters.text('region');
  const thisYear = new Date().getFullYear();
  const flagSelect = (name: 'listed' | 'local', label: string) => (
    <Select
      allowClear
      aria-label={label}
      placeholder={label}
      value={filters.text(name)}
      onChange={(value?: string) => update({ [name]: value })}
      options={FLAGS.map((flag) => ({ value: flag, label: t(`libraryScreen.${name}.${flag}`) }))}
      style={{ width: 130 }}
    />
  );

  return (
    <Flex className="zs-filters" gap="small" wrap>
      <Input.Search
        allowClear
        value={typed}
        onChange={(event) => setTyped(event.target.value)}
        onSearch={(value) => update({ q: value.trim() })}
        placeholder={t('enterpriseSearch.placeholder')}
        aria-label={t('enterpriseSearch.placeholder')}
        style={{ maxWidth: 420 }}
      />
      <Select
        allowClear
        aria-label={t('enterpriseSearch.tiers')}
        placeholder={t('libraryScreen.allTiers')}
        value={tier}
        onChange={(value?: string) => update({ tier: value, tierYear: value ? filters.text('tierYear') : undefined })}
        options={ENTERPRISE_TIER_LISTS.map((list) => ({ value: list, label: t(`enterpriseSearch.tier.${list}`) }))}
        popupMatchSelectWidth={false}
        style={{ width: 170 }}
      />
      {tier ? (
        <Select
          allowClear
          aria-label={t('libraryScreen.tierYear')}
          placeholder={t('libraryScreen.tierYear')}
          value={filters.number('tierYear')}
          onChange={(value?: number) => update({ tierYear: value })}
          options={Array.from({ length: 10 }, (_, i) => ({ value: thisYear - i, label: String(thisYear - i) }))}
          style={{ width: 120 }}
        />
      ) : null}
      <RegionSelect
        aria-label={t('libraryScreen.region')}
        placeholder={t('libraryScreen.region')}
        value={region ? region.padEnd(6, '0') : null}
        onChange={(code) => update({ region: code ? regionPrefix(code) : undefined })}
        style={{ width: 200 }}
      />
      <Select
        allowClear
        showSearch={{ optionFilterProp: 'label' }}
        aria-label={t('enterpriseSearch.industrySections')}
        placeholder={t('libraryScreen.allIndustries')}
        value={filters.text('industry')}
        onChange={(value?: string) => update({ industry: value })}
        options={(sections.data ?? []).map((section) => ({ value: section.code, label: `${section.code} ${section.name}` }))}
        popupMatchSelectWidth={false}
        style={{ width: 170 }}
      />
      <Select
        allowClear
        aria-label={t('library.sizeBand')}
        placeholder={t('libraryScreen.allSizes')}
        value={filters.text('size')}
        onChange={(value?: string) => update({ size: value })}
        options={SIZE_BANDS.map((band) => ({ value: band, label: t(`library.size.${band}`) }))}
        style={{ width: 120 }}
      />
      {flagSelect('listed', t('libraryScreen.listed'))}
      {flagSelect('local', t('libraryScreen.local'))}
      {LIBRARY_FILTERS.some((name) => filters.text(name)) ? (
        <Button
          onClick={() => {
            setTyped('');
            update(Object.fromEntries(LIBRARY_FILTERS.map((name) => [name, undefined])));
          }}
        >
          {t('libraryScreen.clear')}
        </Button>
      ) : null}
    </Flex>
  );
}
