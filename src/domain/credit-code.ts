/**
 * 统一社会信用代码 (unified social credit code), GB 32100-2015.
 * 18 characters from 0-9A-HJ-NPQRTUWXY; the last one is a check character.
 */
const ALPHABET = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];

export type CreditCodeProblem = 'length' | 'character' | 'checkDigit';

/** Returns why a code is invalid, or null when it is valid. Input is taken as typed (upper case expected). */
export function creditCodeProblem(code: string): CreditCodeProblem | null {
  if (code.length !== 18) return 'length';
  const values: number[] = [];
  for (const ch of code) {
    const value = ALPHABET.indexOf(ch);
    if (value < 0) return 'character';
    values.push(value);
  }
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += values[i]! * WEIGHTS[i]!;
  const expected = (31 - (sum % 31)) % 31;
  return values[17] === expected ? null : 'checkDigit';
}

export function isValidCreditCode(code: string): boolean {
  return creditCodeProblem(code) === null;
}

/** Users paste codes with spaces and lower case; the stored form is trimmed upper case. */
export function normalizeCreditCode(raw: string): string {
  return raw.replace(/\s+/g, '').toUpperCase();
}
