/**
 * Rates such as 资金到位率 (funds arrived ÷ contracted), 开工率 and 履约率, as percentages rounded half up to a
 * number of decimals — computed on integers (BigInt), so 1/3 is 33.33 and never 33.329999.
 */
export function percentText(numerator: number, denominator: number, decimals = 2): string | null {
  if (denominator <= 0 || numerator < 0) return null;
  // Whole numbers as they are; a count with shares of projects (12.5, where credit is split) in hundredths.
  const integers = Number.isInteger(numerator) && Number.isInteger(denominator);
  const [n, d] = integers ? [BigInt(numerator), BigInt(denominator)] : [BigInt(Math.round(numerator * 100)), BigInt(Math.round(denominator * 100))];
  if (d === 0n) return null;
  const scale = 10n ** BigInt(decimals);
  const scaled = (n * 100n * scale * 2n + d) / (d * 2n);
  const whole = scaled / scale;
  const fraction = decimals > 0 ? '.' + String(scaled % scale).padStart(decimals, '0') : '';
  return `${whole}${fraction}`;
}
