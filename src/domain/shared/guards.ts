import { fail } from './errors';
import { levelAtLeast, type Actor, type VerificationLevel } from './actor';
import type { Customer } from '../customers/customer';
import type { Stores } from '../ports/store';
import type { Submission } from './record';

/** Refuses an actor below the level a use case needs: NOT_IDENTIFIED or NOT_VERIFIED. */
export function requireLevel(actor: Actor, level: VerificationLevel): void {
  if (levelAtLeast(actor.verification, level) && (level === 'none' || actor.customerId)) return;
  if (level === 'verified' && actor.customerId) fail('NOT_VERIFIED', 'this needs a verified customer');
  fail(level === 'verified' ? 'NOT_VERIFIED' : 'NOT_IDENTIFIED', `this needs an ${level} customer`);
}

/** The actor's customer document, after checking the level; UNKNOWN_CUSTOMER if it is gone. */
export async function customerOf(stores: Pick<Stores, 'customers'>, actor: Actor, level: VerificationLevel): Promise<Customer> {
  requireLevel(actor, level);
  const customer = await stores.customers.get(actor.customerId as string);
  if (!customer) fail('UNKNOWN_CUSTOMER', 'no such customer');
  return customer;
}

/** A submission ready for the worker (or an immediate delivery attempt). */
export const newSubmission = (idempotencyKey: string, now: Date): Submission => ({
  state: 'pending',
  idempotencyKey,
  attempts: 0,
  nextAttemptAt: now.toISOString(),
});

/** Scopes a channel's idempotency key to the customer and the procedure so keys never collide across customers. */
export const scopedKey = (actor: Actor, what: string, key: string): string => `${actor.customerId ?? 'anon'}:${what}:${key}`;
