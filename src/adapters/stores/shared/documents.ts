/**
 * What both store adapters share: the id <-> _id mapping, plain deep copies, and the domain
 * errors a storage failure becomes. Nothing here knows nedb or mongoose.
 */
import { DomainError } from '../../../domain/shared/errors';
import type { StoredRecord } from '../../../domain/shared/record';
import type { CollectionName } from '../../../domain/ports/store';
import { lastActivityOf, RETAINED_COLLECTIONS, type RetainedCollection } from '../../../domain/interactions/retention';

/** A document as the database holds it: our `id` is its `_id`. */
export type RawDocument = { _id: string; version: number } & Record<string, unknown>;

/**
 * A deep copy made of plain JSON-like values, with `undefined` fields dropped (so both stores
 * hold the same thing: nedb keeps them in memory but not on disk, MongoDB would store null).
 */
export function plainCopy<T>(value: T): T {
  if (Array.isArray(value)) return value.map((v) => (v === undefined ? null : plainCopy(v))) as T;
  if (value !== null && typeof value === 'object' && !(value instanceof Date)) {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value as Record<string, unknown>)) {
      if (v !== undefined) out[k] = plainCopy(v);
    }
    return out as T;
  }
  return value;
}

export function toRaw(doc: StoredRecord & object, version: number): RawDocument {
  const { id, version: _ignored, ...rest } = plainCopy(doc) as StoredRecord & Record<string, unknown>;
  void _ignored;
  return { _id: id, ...rest, version };
}

export function fromRaw<T extends StoredRecord>(raw: Record<string, unknown>): T {
  const { _id, [ACTIVITY_FIELD]: _activity, ...rest } = plainCopy(raw);
  void _activity;
  return { id: _id, ...rest } as unknown as T;
}

/**
 * The stores' own field on retained collections: the record's last activity as a date, which
 * MongoDB's TTL index and both sweeps read. Never seen by the domain (fromRaw drops it).
 */
export const ACTIVITY_FIELD = '_activityAt';

/** Sets ACTIVITY_FIELD on a raw document of a retained collection (others are left alone). */
export function withActivity(name: CollectionName, raw: RawDocument): RawDocument {
  if (!(RETAINED_COLLECTIONS as readonly string[]).includes(name)) return raw;
  const last = lastActivityOf(name as RetainedCollection, raw);
  return last ? { ...raw, [ACTIVITY_FIELD]: new Date(last) } : raw;
}

/** Field names of the port (`id`) as the database knows them (`_id`). */
export const toDbField = (field: string): string => (field === 'id' ? '_id' : field);

export function assertValidId(collection: CollectionName, id: unknown): asserts id is string {
  if (typeof id !== 'string' || id.length === 0) {
    throw new DomainError('VALIDATION_FAILED', `${collection}: a document needs a non-empty string id`);
  }
}

export function duplicateError(collection: CollectionName, key: string[]): DomainError {
  return new DomainError('DUPLICATE', `${collection}: a document with the same ${key.join(' + ')} already exists`, {
    collection,
    key,
  });
}

export function conflictError(collection: CollectionName, id: string, version: number): DomainError {
  return new DomainError('CONFLICT', `${collection}/${id} was changed by someone else (version ${version} is stale)`, {
    collection,
    id,
  });
}

export function notFoundError(collection: CollectionName, id: string): DomainError {
  return new DomainError('NOT_FOUND', `${collection}/${id} does not exist`, { collection, id });
}

export class StoreClosedError extends Error {
  constructor() {
    super('the store is closed');
    this.name = 'StoreClosedError';
  }
}
