import type { Collection, NewRecord } from '../ports/store';
import type { StoredRecord } from '../shared/record';
import { isDomainError } from '../shared/errors';

/**
 * Inserts a record keyed by its idempotencyKey unless one exists. Two racing requests with the
 * same key both end with the one stored record: the loser's insert is a DUPLICATE and re-reads.
 * Returns the stored record and whether this call created it.
 */
export async function insertOnce<T extends StoredRecord & { idempotencyKey: string }>(
  collection: Collection<T>,
  doc: NewRecord<T>,
): Promise<{ record: T; created: boolean }> {
  try {
    return { record: await collection.insert(doc), created: true };
  } catch (e) {
    if (!isDomainError(e) || e.code !== 'DUPLICATE') throw e;
    const existing = await collection.findOne({ idempotencyKey: doc.idempotencyKey });
    if (!existing) throw e;
    return { record: existing, created: false };
  }
}

/** The record already stored under this idempotency key, if any. */
export const findByKey = <T extends StoredRecord & { idempotencyKey: string }>(collection: Collection<T>, key: string): Promise<T | null> =>
  collection.findOne({ idempotencyKey: key });

/**
 * Re-reads and re-applies a change until the optimistic-concurrency write wins (a CONFLICT
 * means someone else wrote the document in between). `change` returns null to leave it alone.
 */
export async function updateWithRetry<T extends StoredRecord>(
  collection: Collection<T>,
  id: string,
  change: (current: T) => T | null,
  attempts = 5,
): Promise<T | null> {
  for (let i = 1; ; i += 1) {
    const current = await collection.get(id);
    if (!current) return null;
    const next = change(current);
    if (!next) return current;
    try {
      return await collection.replace(next);
    } catch (e) {
      if (!isDomainError(e) || e.code !== 'CONFLICT' || i >= attempts) throw e;
    }
  }
}
