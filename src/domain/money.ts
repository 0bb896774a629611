/**
 * Money is stored as whole 元 (integers) so that sums are exact; ledgers speak 万元, reports 亿元.
 * Conversions go through decimal strings, never through floating-point multiplication.
 */
export const YUAN_PER_WAN = 10_000;
export const YUAN_PER_YI = 100_000_000;

const DECIMAL = /^(\d+)(?:\.(\d+))?$/;

/** "5000.5" 万元 → 50005000 元. Returns null when the text is not a plain non-negative decimal or has sub-元 digits. */
export function wanTextToYuan(text: string): number | null {
  const match = DECIMAL.exec(text.trim().replace(/,/g, ''));
  if (!match) return null;
  const whole = match[1]!;
  const fraction = (match[2] ?? '').replace(/0+$/, '');
  if (fraction.length > 4) return null;
  const yuan = Number(whole) * YUAN_PER_WAN + Number(fraction.padEnd(4, '0') || '0');
  return Number.isSafeInteger(yuan) ? yuan : null;
}

/** Exact decimal text of an amount in a larger unit, trimmed of trailing zeros: 50005000 元 → "5000.5" 万元. */
function toUnitText(yuan: number, perUnit: number, digits: number): string {
  const sign = yuan < 0 ? '-' : '';
  const abs = Math.abs(yuan);
  const whole = Math.floor(abs / perUnit);
  const fraction = String(abs % perUnit).padStart(digits, '0').replace(/0+$/, '');
  return sign + whole + (fraction ? '.' + fraction : '');
}

export function yuanToWanText(yuan: number): string {
  return toUnitText(yuan, YUAN_PER_WAN, 4);
}

/** Exact, with as many decimals as it needs (at most 8): ledgers in 亿元 must still add up to the 元. */
export function yuanToYiExactText(yuan: number): string {
  return toUnitText(yuan, YUAN_PER_YI, 8);
}

/** Rounded half-up to a number of decimals, for display in 亿元 (reports use two decimals). */
export function yuanToYiText(yuan: number, decimals = 2): string {
  const scale = 10 ** decimals;
  const units = Math.floor((Math.abs(yuan) * scale) / YUAN_PER_YI + 0.5);
  const sign = yuan < 0 && units > 0 ? '-' : '';
  const whole = Math.floor(units / scale);
  const fraction = decimals > 0 ? '.' + String(units % scale).padStart(decimals, '0') : '';
  return sign + whole + fraction;
}
