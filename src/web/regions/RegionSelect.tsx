import { useMemo, useState } from 'react';
import { Select, Spin } from 'antd';
import { useQuery } from '@tanstack/react-query';
import type { TRegion } from '../../shared/regions.ts';
import { api } from '../api/client.ts';
import { useI18n } from '../i18n/i18n.tsx';
import { useDebouncedValue } from '../ui/use-debounced-value.ts';

type RegionOption = { value: string; label: string };

export type RegionSelectProps = {
  id?: string;
  value?: string | null;
  onChange?: (value: string | null) => void;
  /** The full name of the region the form opens with (e.g. 湖北省襄阳市襄城区). */
  initialLabel?: string | null;
  disabled?: boolean;
  placeholder?: string;
  style?: React.CSSProperties;
  'aria-label'?: string;
};

/**
 * A GB/T 2260 region, found by typing part of its name or code (深圳, 南山, 4403…); with nothing typed it
 * offers the provinces.
 */
export function RegionSelect({ id, value, onChange, initialLabel, disabled, placeholder, style, 'aria-label': ariaLabel }: RegionSelectProps) {
  const { t, locale } = useI18n();
  const [search, setSearch] = useState('');
  // On an English screen the English full name; the label a record carries is Chinese, so the code is looked up.
  const nameOf = (region: TRegion) => (locale === 'en' ? (region.fullNameEn ?? region.fullName) : region.fullName);
  const carried = locale === 'en' ? null : initialLabel;
  const q = useDebouncedValue(search.trim(), 250);
  const { data, isFetching } = useQuery({
    queryKey: ['regions', q],
    queryFn: async ({ signal }) => (await api.get<{ items: TRegion[] }>('/regions', { q }, signal)).items,
    enabled: !disabled,
    staleTime: Infinity,
  });

  const found = (data ?? []).map((region) => ({ value: region.code, label: nameOf(region) }));
  // A value that arrives without its name (a list filter from the address) is looked up by its code.
  const { data: looked } = useQuery({
    queryKey: ['regions', 'one', value],
    queryFn: async ({ signal }) => (await api.get<{ items: TRegion[] }>('/regions', { q: value! }, signal)).items.find((region) => region.code === value) ?? null,
    enabled: !!value && !carried && !found.some((option) => option.value === value),
    staleTime: Infinity,
  });
  const label = carried ?? (looked ? nameOf(looked) : undefined);

  const options = useMemo<RegionOption[]>(() => {
    const all = (data ?? []).map((region) => ({ value: region.code, label: nameOf(region) }));
    if (value && label && !all.some((option) => option.value === value)) all.unshift({ value, label });
    return all;
  }, [data, value, label, locale]);

  return (
    <Select<string, RegionOption>
      id={id}
      value={value ?? undefined}
      onChange={(next) => onChange?.(next ?? null)}
      options={options}
      showSearch={{ filterOption: false, onSearch: setSearch }}
      onOpenChange={(open) => {
        if (!open) setSearch('');
      }}
      allowClear
      disabled={disabled}
      placeholder={placeholder ?? t('region.searchHint')}
      aria-label={ariaLabel}
      notFoundContent={isFetching ? <Spin size="small" /> : t('common.noMatch')}
      style={{ width: '100%', ...style }}
    />
  );
}
