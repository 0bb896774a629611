/**
 * Failed logins, counted three ways (README › Security):
 * - per account name and client address ("pair"): a few tries free, then delays that double — whoever guesses
 *   from one address slows down, while the right person at another address is not held up;
 * - per client address: more tries free (an office shares one address), then delays that double — against one
 *   address trying many accounts;
 * - per account name, from anywhere: at ACCOUNT_LOCK_FAILURES the account locks for ACCOUNT_LOCK_HOURS, or until
 *   the bureau unlocks it — reached only by guessing from many addresses.
 * Names that are no account count the same way, so the answers do not tell which names exist.
 */
export type ThrottleKind = 'pair' | 'address' | 'account';

export const PAIR_FREE_FAILURES = 3;
export const ADDRESS_FREE_FAILURES = 10;
export const FIRST_DELAY_SECONDS = 5;
export const MAX_DELAY_SECONDS = 15 * 60;
export const ACCOUNT_LOCK_FAILURES = 30;
export const ACCOUNT_LOCK_HOURS = 24;
/** A count no failure has added to for this long starts again from zero. */
export const FORGET_AFTER_HOURS = 24;

/** Seconds a key refuses logins after its `failures`-th failure in a row (0: none). */
export function delayAfterFailure(kind: Exclude<ThrottleKind, 'account'>, failures: number): number {
  const free = kind === 'pair' ? PAIR_FREE_FAILURES : ADDRESS_FREE_FAILURES;
  if (failures < free) return 0;
  return Math.min(MAX_DELAY_SECONDS, FIRST_DELAY_SECONDS * 2 ** (failures - free));
}

