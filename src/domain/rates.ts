/**
 * Rates such as 资金到位率 (funds arrived ÷ contracted), 开工率 and 履约率, as percentages rounded half up to a
 * number of decimals — computed on integers (BigInt), so 1/3 is 33.33 and never 33.329999.
 */
export function percentText(numerator: number, denominator: number, decimals = 2): string | null {
  if (denominator <= 0 || numerator < 0) return null;
  const scale = 10n ** BigInt(decimals);
  const scaled = (BigInt(numerator) * 100n * scale * 2n + BigInt(denominator)) / (BigInt(denominator) * 2n);
  const whole = scaled / scale;
  const fraction = decimals > 0 ? '.' + String(scaled % scale).padStart(decimals, '0') : '';
  return `${whole}${fraction}`;
}
