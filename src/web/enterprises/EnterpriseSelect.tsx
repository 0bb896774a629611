import { useMemo, useState } from 'react';
import { Flex, Select, Spin, Typography } from 'antd';
import type { TEnterpriseSearchHit, TEnterpriseSearchMatch } from '../../shared/enterprises-search.ts';
import { useI18n } from '../i18n/i18n.tsx';
import { useDebouncedValue } from '../ui/use-debounced-value.ts';
import { Highlighted } from '../ui/Highlighted.tsx';
import { useEnterpriseSearch } from './enterprise-search.queries.ts';

type EnterpriseOption = { value: number; label: string; creditCode: string | null; region: string | null; match: TEnterpriseSearchMatch | null };

export type EnterpriseSelectProps = {
  id?: string;
  value?: number | null;
  onChange?: (value: number | undefined) => void;
  /** The chosen enterprise's name, for a form that opens with a value the search has not fetched. */
  initialLabel?: string;
  disabled?: boolean;
  placeholder?: string;
  /** The field's name where no form label names it. */
  'aria-label'?: string;
};

/**
 * Finds an enterprise in the city's library as the user types (GET /api/enterprises/search): any piece of a name,
 * 简称 or former name, pinyin or initials (ningde, ndsd), a credit-code prefix; the matched part is highlighted.
 */
export function EnterpriseSelect({ id, value, onChange, initialLabel, disabled, placeholder, 'aria-label': ariaLabel }: EnterpriseSelectProps) {
  const { t } = useI18n();
  const [search, setSearch] = useState('');
  const q = useDebouncedValue(search.trim(), 250);
  const { data, isFetching } = useEnterpriseSearch({ q: q || undefined, pageSize: 20 }, { enabled: !disabled });

  const options = useMemo<EnterpriseOption[]>(() => {
    const found = (data?.items ?? []).map((e: TEnterpriseSearchHit) => ({
      value: e.id,
      label: e.name,
      creditCode: e.creditCode,
      region: e.hqRegionName,
      match: e.match,
    }));
    if (value != null && initialLabel && !found.some((option) => option.value === value)) {
      found.unshift({ value, label: initialLabel, creditCode: null, region: null, match: null });
    }
    return found;
  }, [data, value, initialLabel]);

  return (
    <Select<number, EnterpriseOption>
      id={id}
      aria-label={ariaLabel}
      value={value ?? undefined}
      onChange={(next) => onChange?.(next)}
      options={options}
      showSearch={{ filterOption: false, onSearch: setSearch }}
      onOpenChange={(open) => {
        if (!open) setSearch('');
      }}
      disabled={disabled}
      placeholder={placeholder ?? t('enterprise.searchToChoose')}
      notFoundContent={isFetching ? <Spin size="small" /> : t('common.noMatch')}
      optionRender={(option) => (
        <Flex vertical>
          <span>
            <Highlighted text={option.data.label} ranges={option.data.match?.field === 'name' ? option.data.match.ranges : []} />
          </span>
          {option.data.match && option.data.match.field !== 'name' ? (
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              <Highlighted text={option.data.match.text} ranges={option.data.match.ranges} />
            </Typography.Text>
          ) : null}
          {option.data.creditCode || option.data.region ? (
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {[option.data.match?.field === 'creditCode' ? null : option.data.creditCode, option.data.region].filter(Boolean).join(' · ')}
            </Typography.Text>
          ) : null}
        </Flex>
      )}
      style={{ width: '100%' }}
    />
  );
}
