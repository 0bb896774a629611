import { describe, expect, it } from 'vitest';
import { creditCodeProblem, isValidCreditCode, normalizeCreditCode } from './credit-code.ts';

const VALID = ['914403001922038216', '91350900587527783P'];
const ALPHABET = '0123456789ABCDEFGHJKLMNPQRTUWXY';

describe('unified social credit code (GB 32100-2015)', () => {
  it.each(VALID)('accepts %s', (code) => {
    expect(creditCodeProblem(code)).toBeNull();
    expect(isValidCreditCode(code)).toBe(true);
  });

  it('refuses every single-character change of a valid code', () => {
    for (const code of VALID) {
      for (let i = 0; i < code.length; i++) {
        for (const ch of ALPHABET) {
          if (ch === code[i]) continue;
          const changed = code.slice(0, i) + ch + code.slice(i + 1);
          expect(isValidCreditCode(changed), `${changed} (position ${i + 1})`).toBe(false);
        }
      }
    }
  });

  it('refuses the wrong length', () => {
    expect(creditCodeProblem('91440300192203821')).toBe('length');
    expect(creditCodeProblem('9144030019220382160')).toBe('length');
    expect(creditCodeProblem('')).toBe('length');
  });

  it.each(['I', 'O', 'S', 'V', 'Z'])('refuses the forbidden letter %s', (letter) => {
    expect(creditCodeProblem('91440300192203821' + letter)).toBe('character');
    expect(creditCodeProblem(letter + '14403001922038216')).toBe('character');
  });

  it('refuses lower case as typed, and normalizes pasted input', () => {
    expect(creditCodeProblem('91350900587527783p')).toBe('character');
    expect(normalizeCreditCode(' 9135 0900 5875 27783p ')).toBe('91350900587527783P');
  });
});
