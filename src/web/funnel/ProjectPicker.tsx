import { useState } from 'react';
import { Select, Spin } from 'antd';
import { useQuery } from '@tanstack/react-query';
import type { TProjectPage } from '../projects/projects.queries.ts';
import { api } from '../api/client.ts';
import { useI18n } from '../i18n/i18n.tsx';
import { useDebouncedValue } from '../ui/use-debounced-value.ts';

/** A project the caller sees, searched by name as they type. */
export function ProjectPicker({ value, onChange }: { value?: number; onChange?: (value: number | undefined) => void }) {
  const { t } = useI18n();
  const [search, setSearch] = useState('');
  const q = useDebouncedValue(search.trim(), 250);
  const { data, isFetching } = useQuery({
    queryKey: ['projects', 'options', q],
    queryFn: ({ signal }) => api.get<TProjectPage>('/projects', { q, pageSize: 20 }, signal),
    staleTime: 30_000,
  });
  return (
    <Select<number>
      value={value}
      onChange={(next) => onChange?.(next)}
      options={(data?.items ?? []).map((project) => ({ value: project.id, label: project.name }))}
      showSearch={{ filterOption: false, onSearch: setSearch }}
      placeholder={t('event.pickProject')}
      aria-label={t('event.pickProject')}
      notFoundContent={isFetching ? <Spin size="small" /> : t('common.noMatch')}
      style={{ width: '100%', minWidth: 220 }}
    />
  );
}
