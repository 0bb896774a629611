import { useMemo, useState } from 'react';
import { Flex, Segmented, Select } from 'antd';
import { FOREIGN_COUNTRY_CODES } from '../../domain/countries.ts';
import { useI18n } from '../i18n/i18n.tsx';
import { RegionSelect } from '../regions/RegionSelect.tsx';

export type HqPlaceInputProps = {
  id?: string;
  /** A GB/T 2260 code (China, 香港/澳门/台湾 included) or a foreign country's ISO 3166-1 code. */
  value?: string | null;
  onChange?: (value: string | null) => void;
  /** The name of the place the form opens with. */
  initialLabel?: string | null;
};

const isCountry = (code: string | null | undefined) => !!code && /^[A-Z]{2}$/.test(code);

/**
 * An enterprise's HQ (issue 15's foreign HQ): 国内 — a region of China by GB/T 2260 — or 境外 — a country, found by its
 * Chinese or English name. 香港, 澳门 and 台湾 are offered under 国内 only, never as countries.
 */
export function HqPlaceInput({ id, value, onChange, initialLabel }: HqPlaceInputProps) {
  const { t, locale } = useI18n();
  const [abroad, setAbroad] = useState(isCountry(value));
  const countries = useMemo(() => {
    const zh = new Intl.DisplayNames(['zh-CN'], { type: 'region' });
    const en = new Intl.DisplayNames(['en'], { type: 'region' });
    return FOREIGN_COUNTRY_CODES.map((code) => {
      const names = { zh: zh.of(code) ?? code, en: en.of(code) ?? code };
      return { value: code, label: locale === 'en' ? `${names.en}（${names.zh}）` : `${names.zh}（${names.en}）`, sortKey: locale === 'en' ? names.en : names.zh };
    }).sort((a, b) => a.sortKey.localeCompare(b.sortKey, locale === 'en' ? 'en' : 'zh-CN'));
  }, [locale]);
  const switchTo = (toAbroad: boolean) => {
    setAbroad(toAbroad);
    // A place of the other kind is not kept: the field starts empty.
    if (toAbroad !== isCountry(value) && value) onChange?.(null);
  };
  return (
    <Flex gap="small" wrap>
      <Segmented
        data-testid="hq-kind"
        value={abroad ? 'abroad' : 'china'}
        onChange={(kind) => switchTo(kind === 'abroad')}
        options={[
          { value: 'china', label: t('library.hqInChina') },
          { value: 'abroad', label: t('library.hqAbroad') },
        ]}
      />
      {abroad ? (
        <Select
          id={id}
          aria-label={t('library.hqCountry')}
          showSearch
          allowClear
          optionFilterProp="label"
          placeholder={t('library.hqCountryPlaceholder')}
          style={{ minWidth: 260, flex: 1 }}
          value={isCountry(value) ? value : null}
          onChange={(code: string | undefined) => onChange?.(code ?? null)}
          options={countries.map(({ value: code, label }) => ({ value: code, label }))}
        />
      ) : (
        <RegionSelect id={id} value={isCountry(value) ? null : value} onChange={onChange} initialLabel={isCountry(value) ? null : initialLabel} style={{ minWidth: 260, flex: 1 }} />
      )}
    </Flex>
  );
}
