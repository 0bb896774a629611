import type { CSSProperties } from 'react';
import { Select } from 'antd';
import { useI18n } from '../i18n/i18n.tsx';
import { useDepartments } from './departments.queries.ts';

export type DepartmentSelectProps = {
  id?: string;
  value?: number | null;
  onChange?: (value: number | null) => void;
  allowClear?: boolean;
  disabled?: boolean;
  placeholder?: string;
  style?: CSSProperties;
  'aria-label'?: string;
};

/** One of the departments (市发改委, 市自然资源和规划局…). */
export function DepartmentSelect({ id, value, onChange, allowClear = true, disabled, placeholder, style, 'aria-label': ariaLabel }: DepartmentSelectProps) {
  const { t } = useI18n();
  const { data: departments = [], isPending } = useDepartments();
  return (
    <Select<number>
      id={id}
      aria-label={ariaLabel}
      value={value ?? undefined}
      onChange={(next) => onChange?.(next ?? null)}
      options={departments.map((department) => ({ value: department.id, label: department.name }))}
      showSearch={{ optionFilterProp: 'label' }}
      allowClear={allowClear}
      disabled={disabled}
      loading={isPending}
      placeholder={placeholder ?? t('department.choose')}
      notFoundContent={t('department.none')}
      style={{ width: '100%', ...style }}
    />
  );
}
