import { describe, expect, it } from 'vitest';
import { delayAfterFailure, MAX_DELAY_SECONDS } from './login-throttle.ts';

describe('login throttle', () => {
  it('lets a few failures pass, then doubles the wait up to a quarter of an hour', () => {
    expect([1, 2, 3, 4, 5, 6].map((n) => delayAfterFailure('pair', n))).toEqual([0, 0, 5, 10, 20, 40]);
    expect(delayAfterFailure('pair', 50)).toBe(MAX_DELAY_SECONDS);
    // An address (an office behind one router) gets more free failures.
    expect(delayAfterFailure('address', 9)).toBe(0);
    expect(delayAfterFailure('address', 10)).toBe(5);
  });

});
