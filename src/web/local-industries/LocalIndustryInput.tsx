import { AutoComplete } from 'antd';
import { useI18n } from '../i18n/i18n.tsx';
import { useLocalIndustries } from './local-industries.queries.ts';

export type LocalIndustryInputProps = {
  id?: string;
  value?: string | null;
  onChange?: (value: string | null) => void;
  disabled?: boolean;
};

/** 本市产业 on the project form: a name from the city's list, or another word typed in (as a ledger may write one). */
export function LocalIndustryInput({ id, value, onChange, disabled }: LocalIndustryInputProps) {
  const { t } = useI18n();
  const { data } = useLocalIndustries();
  const options = (data ?? []).filter((i) => i.active).map((i) => ({ value: i.name, label: i.synonyms.length > 0 ? `${i.name}(${i.synonyms.join('、')})` : i.name }));
  return (
    <AutoComplete
      id={id}
      value={value ?? undefined}
      onChange={(text: string) => onChange?.(text.trim() ? text : null)}
      options={options}
      disabled={disabled}
      allowClear
      placeholder={t('localIndustry.namePlaceholder')}
      filterOption={(input, option) => String(option?.label ?? '').includes(input.trim())}
      maxLength={40}
    />
  );
}
