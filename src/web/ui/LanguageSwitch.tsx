import { useState } from 'react';
import { Segmented } from 'antd';
import type { TLocale } from '../../shared/common.ts';
import { useI18n } from '../i18n/i18n.tsx';

/** Each language named in itself, so a user lost in the other language still finds theirs. */
const OPTIONS: { label: string; value: TLocale }[] = [
  { label: '中文', value: 'zh-CN' },
  { label: 'English', value: 'en' },
];

export type LanguageSwitchProps = { size?: 'small' | 'middle' | 'large' };

export function LanguageSwitch({ size = 'middle' }: LanguageSwitchProps) {
  const { locale, t, changeLocale } = useI18n();
  const [busy, setBusy] = useState(false);

  const handleChange = async (next: TLocale) => {
    setBusy(true);
    try {
      await changeLocale(next);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Segmented<TLocale>
      aria-label={t('app.language')}
      size={size}
      options={OPTIONS}
      value={locale}
      disabled={busy}
      onChange={(next) => void handleChange(next)}
    />
  );
}
