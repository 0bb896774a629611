import { InputNumber } from 'antd';
import type { Rule } from 'antd/es/form';
import { useI18n, type Translate } from '../i18n/i18n.tsx';
import { groupThousands, wanInputToYuan } from './money.ts';

export type WanAmountInputProps = {
  id?: string;
  value?: string | null;
  onChange?: (value: string | null) => void;
  disabled?: boolean;
  placeholder?: string;
  /** 万元 (the default) or 万美元 for foreign capital, sent as whole US dollars. */
  currency?: 'cny' | 'usd';
};

/**
 * An amount typed in 万元, kept as decimal text (stringMode) so no digit is lost to floating point;
 * the form turns it into whole 元 with wanInputToYuan when it is sent.
 */
export function WanAmountInput({ id, value, onChange, disabled, placeholder, currency = 'cny' }: WanAmountInputProps) {
  const { t } = useI18n();
  return (
    <InputNumber<string>
      id={id}
      stringMode
      min="0"
      value={value ?? null}
      onChange={(next) => onChange?.(next ?? null)}
      disabled={disabled}
      placeholder={placeholder}
      formatter={(raw, info) => (info.userTyping ? info.input : groupThousands(String(raw ?? '')))}
      parser={(text) => (text ?? '').replace(/[,\s，]/g, '')}
      suffix={currency === 'usd' ? t('money.wanUsd') : t('money.wan')}
      style={{ width: '100%' }}
      inputMode="decimal"
    />
  );
}

/** Form rule: a non-negative amount in 万元 (or 万美元) with at most four decimals (whole 元 or dollars). */
export function wanAmountRule(t: Translate, required = true): Rule {
  return {
    required,
    validator: async (_rule, value: string | null | undefined) => {
      if (value === null || value === undefined || value === '') {
        if (required) throw new Error(t('form.required'));
        return;
      }
      if (wanInputToYuan(value) === null) throw new Error(t('money.invalidWan'));
    },
  };
}
