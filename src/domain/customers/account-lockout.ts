/**
 * Consecutive verification failures are counted on the account itself, whatever the source
 * (caller number, IP, channel): guessing a PIN from many places still locks the account.
 */
import type { Customer, Lockout } from './customer';
import type { Policy } from '../deps';
import { fail } from '../shared/errors';

/** The lock's end while the account is locked, else null. */
export function lockedUntil(lockout: Lockout, now: Date): string | null {
  return lockout.lockedUntil && lockout.lockedUntil > now.toISOString() ? lockout.lockedUntil : null;
}

export function assertNotLocked(customer: Pick<Customer, 'lockout'>, now: Date): void {
  const until = lockedUntil(customer.lockout, now);
  if (until) fail('ACCOUNT_LOCKED', 'too many failed attempts; the account is locked for now', { lockedUntil: until });
}

/** The lockout after one more failure; a lock that has run out starts the count again. */
export function afterFailure(lockout: Lockout, now: Date, policy: Pick<Policy, 'lockoutThreshold' | 'lockoutMinutes'>): Lockout {
  const expired = lockout.lockedUntil !== undefined && lockout.lockedUntil <= now.toISOString();
  const consecutiveFailures = (expired ? 0 : lockout.consecutiveFailures) + 1;
  if (consecutiveFailures < policy.lockoutThreshold) return { consecutiveFailures };
  return { consecutiveFailures, lockedUntil: lockEnd(now, policy.lockoutMinutes * 60_000) };
}

/** When a lock of `ms` from `now` ends, to the whole second (a real lock and a decoy's read alike). */
export const lockEnd = (now: Date, ms: number): string => new Date(Math.ceil((now.getTime() + ms) / 1000) * 1000).toISOString();

export const CLEAR_LOCKOUT: Lockout = { consecutiveFailures: 0 };

export const needsReset = (lockout: Lockout): boolean => lockout.consecutiveFailures > 0 || lockout.lockedUntil !== undefined;

/** Attempts left before the lock, never below 0. */
export const remainingAttempts = (lockout: Lockout, policy: Pick<Policy, 'lockoutThreshold'>): number =>
  Math.max(0, policy.lockoutThreshold - lockout.consecutiveFailures);

/** The refusal for a failed attempt: locked now, or how many tries remain. */
export function failedAttempt(lockout: Lockout, now: Date, policy: Pick<Policy, 'lockoutThreshold'>, remainingOverride?: number): never {
  const until = lockedUntil(lockout, now);
  if (until) fail('ACCOUNT_LOCKED', 'too many failed attempts; the account is locked for now', { lockedUntil: until });
  const remaining = Math.min(remainingAttempts(lockout, policy), remainingOverride ?? Number.POSITIVE_INFINITY);
  fail('VERIFICATION_FAILED', 'the details given did not match our records', { remainingAttempts: remaining });
}
