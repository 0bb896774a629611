import { useMemo, useState } from 'react';
import { Flex, Select, Spin, Typography } from 'antd';
import { useQuery } from '@tanstack/react-query';
import type { TEnterprise } from '../../shared/enterprises.ts';
import { api } from '../api/client.ts';
import { useI18n } from '../i18n/i18n.tsx';
import { useDebouncedValue } from '../ui/use-debounced-value.ts';
import { ENTERPRISES_QUERY_KEY, type TEnterprisePage } from './enterprises.queries.ts';

type EnterpriseOption = { value: number; label: string; creditCode: string | null; unitName: string };

export type EnterpriseSelectProps = {
  id?: string;
  value?: number | null;
  onChange?: (value: number | undefined) => void;
  /** The chosen enterprise's name, for a form that opens with a value the search has not fetched. */
  initialLabel?: string;
  disabled?: boolean;
  placeholder?: string;
};

/** Searches the enterprises the caller sees by name or credit code, as they type. */
export function EnterpriseSelect({ id, value, onChange, initialLabel, disabled, placeholder }: EnterpriseSelectProps) {
  const { t } = useI18n();
  const [search, setSearch] = useState('');
  const q = useDebouncedValue(search.trim(), 250);
  const { data, isFetching } = useQuery({
    queryKey: [...ENTERPRISES_QUERY_KEY, 'options', q],
    queryFn: ({ signal }) => api.get<TEnterprisePage>('/enterprises', { q, pageSize: 20 }, signal),
    enabled: !disabled,
    staleTime: 30_000,
  });

  const options = useMemo<EnterpriseOption[]>(() => {
    const found = (data?.items ?? []).map((e: TEnterprise) => ({ value: e.id, label: e.name, creditCode: e.creditCode, unitName: e.unitName }));
    if (value != null && initialLabel && !found.some((option) => option.value === value)) {
      found.unshift({ value, label: initialLabel, creditCode: null, unitName: '' });
    }
    return found;
  }, [data, value, initialLabel]);

  return (
    <Select<number, EnterpriseOption>
      id={id}
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
          <span>{option.data.label}</span>
          {option.data.creditCode || option.data.unitName ? (
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {[option.data.creditCode, option.data.unitName].filter(Boolean).join(' · ')}
            </Typography.Text>
          ) : null}
        </Flex>
      )}
      style={{ width: '100%' }}
    />
  );
}
