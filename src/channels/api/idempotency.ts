/**
 * Idempotency-Key replay for the API. A key is recorded as in-progress before the call runs
 * and its response stored when done, so a retried request (lost response, double click) gets
 * the first answer back instead of doing the thing twice. The domain is idempotent on the same
 * key too, so a crash between the call and the record never places a second order.
 */
import { createHash, createHmac } from 'node:crypto';
import type { Collection, IdempotencyRecord } from '../../domain/ports/store';
import type { Clock } from '../../domain/shared/ports';
import { isDomainError } from '../../domain/shared/errors';
import { HttpProblem } from '../../shared/http/problem';

export const IDEMPOTENCY_TTL_MS = 24 * 60 * 60 * 1000;
/** An in-progress record older than this belongs to a request that died; it may be taken over. */
export const IN_PROGRESS_LEASE_MS = 60 * 1000;

const KEY = /^[\x20-\x7E]{1,100}$/;

export function parseIdempotencyKey(header: string | undefined): string | undefined {
  if (header === undefined) return undefined;
  if (!KEY.test(header) || header.trim() === '') {
    throw new HttpProblem(400, 'VALIDATION_FAILED', 'Idempotency-Key must be 1 to 100 printable characters.', [
      { path: 'header.Idempotency-Key', message: 'must be 1 to 100 printable characters' },
    ]);
  }
  return header;
}

/** JSON with sorted keys, so the same request always hashes alike. */
function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>).filter(([, v]) => v !== undefined);
    return `{${entries.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([k, v]) => `${JSON.stringify(k)}:${canonical(v)}`).join(',')}}`;
  }
  return JSON.stringify(value ?? null);
}

/**
 * The request's fingerprint. Keyed (HMAC) when a key is given: a body may hold a PIN or a password,
 * and a plain hash of it beside the stored response would give the PIN away to a few million guesses.
 */
export const requestHash = (request: { path: string; query: unknown; body: unknown }, key?: string): string =>
  (key ? createHmac('sha256', key) : createHash('sha256')).update(canonical(request)).digest('base64url');

export type Begin = { kind: 'new'; record: IdempotencyRecord } | { kind: 'replay'; status: number; body: unknown };

export interface Idempotency {
  /** Claims the key or returns the stored response; 409 while the first is running, 422 for a different request. */
  begin(id: string, hash: string): Promise<Begin>;
  complete(record: IdempotencyRecord, status: number, body: unknown): Promise<void>;
  /** The call failed: forget the key so the client can retry it. */
  abandon(record: IdempotencyRecord): Promise<void>;
  /** The stored answer of a finished request under this key (a page showing the result after its redirect). */
  stored(id: string): Promise<unknown>;
}

export function createIdempotency(collection: Collection<IdempotencyRecord>, clock: Clock): Idempotency {
  const claim = async (id: string, hash: string): Promise<IdempotencyRecord> => {
    const now = clock.now();
    return collection.insert({
      id,
      requestHash: hash,
      state: 'in-progress',
      createdAt: now.toISOString(),
      expiresAt: new Date(now.getTime() + IDEMPOTENCY_TTL_MS).toISOString(),
    });
  };

  const begin = async (id: string, hash: string, retried = false): Promise<Begin> => {
    try {
      return { kind: 'new', record: await claim(id, hash) };
    } catch (e) {
      if (!isDomainError(e) || e.code !== 'DUPLICATE' || retried) throw e;
    }
    const existing = await collection.get(id);
    const now = clock.now().getTime();
    const stale =
      !existing ||
      Date.parse(existing.expiresAt) <= now ||
      (existing.state === 'in-progress' && Date.parse(existing.createdAt) + IN_PROGRESS_LEASE_MS <= now);
    if (stale) {
      if (existing) await collection.delete(id);
      return begin(id, hash, true);
    }
    if (existing.state === 'in-progress') {
      throw new HttpProblem(409, 'IDEMPOTENCY_KEY_IN_USE', 'A request with this Idempotency-Key is still being processed; retry shortly.', undefined, { 'Retry-After': '1' });
    }
    if (existing.requestHash !== hash) {
      throw new HttpProblem(422, 'IDEMPOTENCY_KEY_REUSED', 'This Idempotency-Key was already used for a different request; use a new key.');
    }
    return { kind: 'replay', status: existing.status ?? 200, body: typeof existing.body === 'string' ? JSON.parse(existing.body) : existing.body };
  };

  return {
    begin: (id, hash) => begin(id, hash),
    async complete(record, status, body) {
      // Stored as JSON text: response bodies may hold keys a document store refuses (dots, $).
      await collection.replace({ ...record, state: 'done', status, body: JSON.stringify(body ?? null) });
    },
    async abandon(record) {
      await collection.delete(record.id);
    },
    async stored(id) {
      const r = await collection.get(id);
      if (!r || r.state !== 'done' || Date.parse(r.expiresAt) <= clock.now().getTime()) return undefined;
      return typeof r.body === 'string' ? JSON.parse(r.body) : r.body;
    },
  };
}
