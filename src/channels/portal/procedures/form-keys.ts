/**
 * One idempotency key per rendered step form (a hidden field), kept in the same idempotency
 * store as the API's Idempotency-Key records. The first submission claims it and records where
 * the customer was sent; a repeat (a double click, a reload of the POST, the back button) is sent
 * to the same place without calling the domain again. A repeat that arrives while the first is
 * still running goes through to the domain, which is idempotent for the same answer (the run's
 * idempotency key `${interactionId}:${procedure}:${startedAt}` places one order), so it lands on
 * the same ending.
 */
import { createHash, randomUUID } from 'node:crypto';
import type { Collection, IdempotencyRecord } from '../../../domain/ports/store';
import type { Clock } from '../../../domain/shared/ports';
import { isDomainError } from '../../../domain/shared/errors';

const TTL_MS = 24 * 60 * 60 * 1000;
/** An in-progress claim older than this belongs to a request that died. */
const LEASE_MS = 60 * 1000;

export const FORM_KEY = /^[A-Za-z0-9-]{16,64}$/;
export const newFormKey = (): string => randomUUID();

export type Claim =
  | { kind: 'new'; record: IdempotencyRecord }
  /** The same form was answered before: where it led. */
  | { kind: 'replay'; location: string }
  /** The same form with different answers (a tampered or reused key). */
  | { kind: 'reused' }
  /** The first submission is still running. */
  | { kind: 'busy' };

export interface FormKeys {
  claim(customerId: string, key: string, request: unknown): Promise<Claim>;
  complete(record: IdempotencyRecord, location: string): Promise<void>;
  abandon(record: IdempotencyRecord): Promise<void>;
}

export function createFormKeys(collection: Collection<IdempotencyRecord>, clock: Clock): FormKeys {
  const hashOf = (request: unknown): string => createHash('sha256').update(JSON.stringify(request)).digest('base64url');

  async function claim(customerId: string, key: string, request: unknown, retried = false): Promise<Claim> {
    const id = `portal-form:${customerId}:${key}`;
    const requestHash = hashOf(request);
    const now = clock.now();
    try {
      const record = await collection.insert({ id, requestHash, state: 'in-progress', createdAt: now.toISOString(), expiresAt: new Date(now.getTime() + TTL_MS).toISOString() });
      return { kind: 'new', record };
    } catch (e) {
      if (!isDomainError(e) || e.code !== 'DUPLICATE' || retried) throw e;
    }
    const existing = await collection.get(id);
    const stale = !existing || Date.parse(existing.expiresAt) <= now.getTime() || (existing.state === 'in-progress' && Date.parse(existing.createdAt) + LEASE_MS <= now.getTime());
    if (stale) {
      if (existing) await collection.delete(id);
      return claim(customerId, key, request, true);
    }
    if (existing.requestHash !== requestHash) return { kind: 'reused' };
    if (existing.state === 'in-progress') return { kind: 'busy' };
    return { kind: 'replay', location: String(JSON.parse(String(existing.body))) };
  }

  return {
    claim: (customerId, key, request) => claim(customerId, key, request),
    complete: async (record, location) => void (await collection.replace({ ...record, state: 'done', status: 303, body: JSON.stringify(location) })),
    abandon: async (record) => void (await collection.delete(record.id)),
  };
}
