import { useMemo, useState, type CSSProperties } from 'react';
import { Spin, TreeSelect } from 'antd';
import { useQueryClient } from '@tanstack/react-query';
import type { TIndustry } from '../../shared/industries.ts';
import type { TLocale } from '../../shared/common.ts';
import { englishIndustryName } from '../../domain/industry-names-en.ts';
import { useI18n } from '../i18n/i18n.tsx';
import { useDebouncedValue } from '../ui/use-debounced-value.ts';
import { loadChildIndustries, useIndustry, useIndustryNames, useIndustrySearch, useIndustrySections } from './industries.queries.ts';

type IndustryNode = { id: string; pId: string | null; value: string; title: string; isLeaf: boolean };

/**
 * "3841 锂离子电池制造": the code first, as the standard lists them; on an English screen the English name
 * (domain/industry-names-en.ts: sections and divisions; a group or class keeps its Chinese with its division's English).
 */
export function industryLabel(code: string, name: string | null | undefined, locale: TLocale = 'zh-CN'): string {
  return name ? `${code} ${industryNameIn(code, name, locale)}` : code;
}

/** The industry's name alone in the screen's language (the record carries its Chinese name). */
export function industryNameIn(code: string, name: string, locale: TLocale): string {
  return locale === 'en' ? englishIndustryName(code, name) : name;
}

function toNode(industry: TIndustry, flat: boolean, locale: TLocale): IndustryNode {
  return {
    id: industry.code,
    pId: flat ? null : industry.parentCode,
    value: industry.code,
    title: industryLabel(industry.code, industry.name, locale),
    isLeaf: flat || industry.level >= 4,
  };
}

export type IndustrySelectProps = {
  id?: string;
  value?: string | null;
  onChange?: (value: string | null) => void;
  /** The chosen industry's name when the form opens with a value (the record carries it). */
  initialName?: string | null;
  disabled?: boolean;
  allowClear?: boolean;
  placeholder?: string;
  style?: CSSProperties;
  'aria-label'?: string;
};

/**
 * What every industry picker shares: the tree of GB/T 4754-2017 (门类 → 大类 → 中类 → 小类, loaded a level at a
 * time), a search by part of a name or code, and the names of the industries seen so far.
 */
function useIndustryTree() {
  const { t, locale } = useI18n();
  const client = useQueryClient();
  const [search, setSearch] = useState('');
  const q = useDebouncedValue(search.trim(), 250);
  const [loaded, setLoaded] = useState<TIndustry[]>([]);
  const sections = useIndustrySections();
  const found = useIndustrySearch(q);

  const treeData = useMemo<IndustryNode[]>(() => {
    if (search.trim()) return (found.data ?? []).map((industry) => toNode(industry, true, locale));
    return [...(sections.data ?? []), ...loaded].map((industry) => toNode(industry, false, locale));
  }, [search, found.data, sections.data, loaded, locale]);

  const handleLoadData = async (node: { value?: string | number }) => {
    const code = String(node.value);
    const children = await loadChildIndustries(client, code);
    setLoaded((current) => {
      const have = new Set(current.map((industry) => industry.code));
      return [...current, ...children.filter((industry) => !have.has(industry.code))];
    });
  };

  return {
    nameOf: (code: string | null | undefined) => [...(sections.data ?? []), ...loaded, ...(found.data ?? [])].find((industry) => industry.code === code)?.name,
    props: {
      treeData,
      treeDataSimpleMode: true,
      loadData: search.trim() ? undefined : handleLoadData,
      showSearch: { searchValue: search, onSearch: setSearch, filterTreeNode: false, autoClearSearchValue: true },
      onOpenChange: (open: boolean) => {
        if (!open) setSearch('');
      },
      loading: sections.isPending,
      notFoundContent: found.isFetching ? <Spin size="small" /> : t('common.noMatch'),
      popupMatchSelectWidth: false,
      styles: { popup: { root: { maxWidth: 480 } } },
    },
  };
}

/**
 * A GB/T 4754-2017 industry: browse the tree (门类 → 大类 → 中类 → 小类, loaded a level at a time) or type part
 * of a name or code to search. Any level may be chosen; list filters take a section or a division as a prefix.
 */
export function IndustrySelect({ id, value, onChange, initialName, disabled, allowClear = true, placeholder, style, 'aria-label': ariaLabel }: IndustrySelectProps) {
  const { t, locale } = useI18n();
  const tree = useIndustryTree();
  const known = tree.nameOf(value);
  const looked = useIndustry(value && !known && !initialName ? value : null);
  const name = known ?? initialName ?? looked.data?.name ?? null;

  return (
    <TreeSelect<{ value: string; label: string } | undefined>
      {...tree.props}
      id={id}
      aria-label={ariaLabel}
      labelInValue
      value={value ? { value, label: industryLabel(value, name, locale) } : undefined}
      onChange={(next) => onChange?.(next?.value ?? null)}
      allowClear={allowClear}
      disabled={disabled}
      placeholder={placeholder ?? t('industry.searchHint')}
      style={{ width: '100%', ...style }}
    />
  );
}

export type IndustryMultiSelectProps = {
  id?: string;
  value?: string[];
  onChange?: (value: string[]) => void;
  disabled?: boolean;
  placeholder?: string;
  'aria-label'?: string;
};

/** Several industries at any level (a section letter stands for all its divisions), picked the same way. */
export function IndustryMultiSelect({ id, value = [], onChange, disabled, placeholder, 'aria-label': ariaLabel }: IndustryMultiSelectProps) {
  const { t, locale } = useI18n();
  const tree = useIndustryTree();
  const looked = useIndustryNames(value.filter((code) => !tree.nameOf(code)));

  return (
    <TreeSelect<{ value: string; label: string }[]>
      {...tree.props}
      id={id}
      aria-label={ariaLabel}
      multiple
      labelInValue
      value={value.map((code) => ({ value: code, label: industryLabel(code, tree.nameOf(code) ?? looked.get(code), locale) }))}
      onChange={(next) => onChange?.((next ?? []).map((item) => item.value))}
      allowClear
      disabled={disabled}
      placeholder={placeholder ?? t('industry.searchHint')}
      style={{ width: '100%' }}
    />
  );
}
