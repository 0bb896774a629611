import { wanTextToYuan, yuanToWanText, yuanToYiText, YUAN_PER_YI } from '../../domain/money.ts';

/** "1234567.5" → "1,234,567.5": separators in the whole part only, the decimals untouched. */
export function groupThousands(decimalText: string): string {
  const dot = decimalText.indexOf('.');
  const whole = dot < 0 ? decimalText : decimalText.slice(0, dot);
  const rest = dot < 0 ? '' : decimalText.slice(dot);
  const sign = whole.startsWith('-') ? '-' : '';
  const digits = sign ? whole.slice(1) : whole;
  return sign + digits.replace(/\B(?=(\d{3})+$)/g, ',') + rest;
}

/** Whole 元 → 万元 text with separators, exact (no rounding): 123456700 → "12,345.67". */
export function formatWan(yuan: number): string {
  return groupThousands(yuanToWanText(yuan));
}

/** Whole 元 → 亿元 text rounded half up, with separators: 38380000000 → "383.80". */
export function formatYi(yuan: number, decimals = 2): string {
  return groupThousands(yuanToYiText(yuan, decimals));
}

export function isYiScale(yuan: number): boolean {
  return Math.abs(yuan) >= YUAN_PER_YI;
}

/** What an amount field holds (万元 text, as typed) → whole 元 for the API; null when it is not an amount. */
export function wanInputToYuan(value: string | number | null | undefined): number | null {
  if (value === null || value === undefined || value === '') return null;
  return wanTextToYuan(String(value));
}
