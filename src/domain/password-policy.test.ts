import { describe, expect, it } from 'vitest';
import { passwordProblem } from './password-policy.ts';

describe('password policy', () => {
  it('wants at least 8 characters', () => {
    expect(passwordProblem('Ab1!xyz')).toBe('tooShort');
    expect(passwordProblem('Ab1!xyzw')).toBeNull();
  });

  it('wants three of four character classes', () => {
    expect(passwordProblem('abcdefgh')).toBe('tooFewClasses');
    expect(passwordProblem('abcd1234')).toBe('tooFewClasses');
    expect(passwordProblem('ABCD!@#$')).toBe('tooFewClasses');
    expect(passwordProblem('abcD1234')).toBeNull();
    expect(passwordProblem('abcd!234')).toBeNull();
  });

  it('refuses a password that contains the username', () => {
    expect(passwordProblem('Zhangsan-2026', 'zhangsan')).toBe('containsUsername');
    expect(passwordProblem('Xiangyang-2026', 'zhangsan')).toBeNull();
  });
});
