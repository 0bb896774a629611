import { useMemo, useState } from 'react';
import { Flex, Select, Spin, Typography } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { api } from '../api/client.ts';
import { useCurrentUser } from '../auth/auth.queries.ts';
import { useI18n } from '../i18n/i18n.tsx';
import { useDebouncedValue } from '../ui/use-debounced-value.ts';
import { USERS_QUERY_KEY } from './users.queries.ts';
import type { TColleague } from '../../shared/users.ts';

type TColleagueList = { items: TColleague[] };

type OfficerOption = { value: number; label: string; unitName: string };

export type OfficerSelectProps = {
  id?: string;
  value?: number | null;
  onChange?: (value: number | null) => void;
  /** The current officer's name, for a form that opens with a value. */
  initialLabel?: string | null;
  disabled?: boolean;
};

/** 责任人: a user who answers for the project, searched among the people of the caller's own units. */
export function OfficerSelect({ id, value, onChange, initialLabel, disabled }: OfficerSelectProps) {
  const me = useCurrentUser();
  const { t } = useI18n();
  const [search, setSearch] = useState('');
  const q = useDebouncedValue(search.trim(), 250);
  const { data, isFetching } = useQuery({
    queryKey: [...USERS_QUERY_KEY, 'colleagues', q],
    queryFn: ({ signal }) => api.get<TColleagueList>('/colleagues', { q }, signal),
    enabled: !disabled,
    staleTime: 30_000,
  });

  const options = useMemo<OfficerOption[]>(() => {
    const found: OfficerOption[] = (data?.items ?? []).map((user) => ({ value: user.id, label: user.displayName, unitName: user.unitName }));
    if (!found.some((option) => option.value === me.id) && !search) found.unshift({ value: me.id, label: me.displayName, unitName: me.unitName });
    if (value != null && !found.some((option) => option.value === value)) found.unshift({ value, label: initialLabel ?? String(value), unitName: '' });
    return found;
  }, [data, me, value, initialLabel, search]);

  return (
    <Select<number, OfficerOption>
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
      placeholder={t('project.officerSearch')}
      notFoundContent={isFetching ? <Spin size="small" /> : t('common.noMatch')}
      optionRender={(option) => (
        <Flex vertical>
          <span>{option.data.label}</span>
          {option.data.unitName ? (
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {option.data.unitName}
            </Typography.Text>
          ) : null}
        </Flex>
      )}
      style={{ width: '100%' }}
    />
  );
}
