import { describe, expect, it } from 'vitest';
import { commonCandidates, isTooSimple, passwordProblem } from './password-policy.ts';

describe('password policy', () => {
  it('wants at least 8 characters', () => {
    expect(passwordProblem('Ab1!xyz')).toBe('tooShort');
    expect(passwordProblem('Ab1!xyzw')).toBeNull();
  });

  it('wants three of four character classes', () => {
    expect(passwordProblem('abcdefgh')).toBe('tooFewClasses');
    expect(passwordProblem('abcd1234')).toBe('tooFewClasses');
    expect(passwordProblem('ABCD!@#$')).toBe('tooFewClasses');
    expect(passwordProblem('xyzD1947')).toBeNull();
    expect(passwordProblem('hjkq!947')).toBeNull();
  });

  it('refuses a password that contains the username', () => {
    expect(passwordProblem('Zhangsan-2026', 'zhangsan')).toBe('containsUsername');
    expect(passwordProblem('Xiangyang-2026', 'zhangsan')).toBeNull();
  });

  it('refuses the passwords that merely pass the character classes: repeats, runs, a chunk repeated', () => {
    for (const simple of ['Abcdefg1', '11111111Aa', 'Aa1!Aa1!', 'Abcd1234!', 'abcD1234', 'Qrstuvw9', 'zyxW9876']) {
      expect(passwordProblem(simple), simple).toBe('tooSimple');
    }
    expect(isTooSimple('Demo@2026')).toBe(false);
    expect(isTooSimple('Test-pass-2026')).toBe(false);
  });

  it('finds a common password dressed up with capitals, leetspeak, digits and symbols', () => {
    const common = new Set(['password', 'qwerty123', 'p@ssw0rd', 'monkey', 'demo']);
    expect(passwordProblem('P@ssw0rd', undefined, common)).toBe('common');
    expect(passwordProblem('Password1', undefined, common)).toBe('common');
    expect(passwordProblem('Passw0rd!', undefined, common)).toBe('common');
    expect(passwordProblem('1Password!', undefined, common)).toBe('common');
    expect(passwordProblem('Qwerty123', undefined, common)).toBe('common');
    expect(passwordProblem('Monkey#2026', undefined, common)).toBe('common');
    // A short common word inside does not make a password common (the demo's Demo@2026 passes).
    expect(passwordProblem('Demo@2026', undefined, common)).toBeNull();
    expect(commonCandidates('P@ssw0rd1')).toContain('password');
    // Without the list (the browser), the rest of the policy still applies.
    expect(passwordProblem('Password1')).toBeNull();
  });
});
