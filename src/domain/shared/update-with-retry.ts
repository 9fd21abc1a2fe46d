import { fail, isDomainError } from './errors';
import type { Collection } from '../ports/store';
import type { StoredRecord } from './record';

/**
 * Read-modify-write of one document with optimistic concurrency: reads the current version,
 * lets `mutate` build the next one, replaces it, and starts over on CONFLICT (someone else
 * wrote in between), after a short jittered pause. `mutate` returns null when there is nothing to change; it may throw to abort.
 */
export async function updateWithRetry<T extends StoredRecord>(
  collection: Collection<T>,
  id: string,
  mutate: (current: T) => T | null | Promise<T | null>,
  attempts = 10,
): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    const current = await collection.get(id);
    if (!current) fail('NOT_FOUND', 'no such record', { id });
    const next = await mutate(current);
    if (next === null) return current;
    try {
      return await collection.replace({ ...next, id: current.id, version: current.version });
    } catch (e) {
      if (!(isDomainError(e) && e.code === 'CONFLICT') || attempt >= attempts) throw e;
      // A little jitter so writers that collided do not collide again in lockstep.
      await new Promise((resolve) => setTimeout(resolve, Math.floor(Math.random() * 3 * attempt)));
    }
  }
}
