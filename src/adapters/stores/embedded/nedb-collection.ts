/** One port Collection on one nedb Datastore. */
import type Datastore from '@seald-io/nedb';
import type { StoredRecord } from '../../../domain/shared/record';
import { COLLECTION_SPECS, type Collection, type CollectionName, type Filter, type FindOptions, type NewRecord } from '../../../domain/ports/store';
import {
  assertValidId,
  conflictError,
  duplicateError,
  fromRaw,
  notFoundError,
  StoreClosedError,
  toRaw,
  withActivity,
  type RawDocument,
} from '../shared/documents';
import { toNedbQuery, toNedbSort } from './nedb-query';

type UniqueViolation = Error & { errorType: 'uniqueViolated'; key: unknown };
const isUniqueViolation = (e: unknown): e is UniqueViolation =>
  e instanceof Error && (e as { errorType?: unknown }).errorType === 'uniqueViolated';

function valueAt(doc: Record<string, unknown>, path: string): unknown {
  let current: unknown = doc;
  for (const part of path.split('.')) {
    if (current === null || typeof current !== 'object') return undefined;
    current = (current as Record<string, unknown>)[part];
  }
  return current;
}

export class NedbCollection<T extends StoredRecord> implements Collection<T> {
  constructor(
    private readonly name: CollectionName,
    private readonly db: Datastore<RawDocument>,
    private readonly isClosed: () => boolean,
  ) {}

  private open(): Datastore<RawDocument> {
    if (this.isClosed()) throw new StoreClosedError();
    return this.db;
  }

  async get(id: string): Promise<T | null> {
    const raw = await this.open().findOneAsync({ _id: id });
    return raw ? fromRaw<T>(raw) : null;
  }

  async findOne(filter: Filter): Promise<T | null> {
    const [first] = await this.find(filter, { limit: 1 });
    return first ?? null;
  }

  async find(filter: Filter, options: FindOptions = {}): Promise<T[]> {
    let cursor = this.open().findAsync(toNedbQuery(filter));
    const sort = toNedbSort(options.sort);
    if (sort) cursor = cursor.sort(sort);
    if (options.skip) cursor = cursor.skip(options.skip);
    if (options.limit) cursor = cursor.limit(options.limit);
    const rows = (await cursor) as unknown as RawDocument[];
    return rows.map((raw) => fromRaw<T>(raw));
  }

  async count(filter: Filter): Promise<number> {
    return (await this.open().countAsync(toNedbQuery(filter))) as unknown as number;
  }

  async insert(doc: NewRecord<T>): Promise<T> {
    const id: unknown = (doc as { id?: unknown }).id;
    assertValidId(this.name, id);
    const raw = withActivity(this.name, toRaw({ ...doc, id, version: 1 }, 1));
    try {
      const inserted = await this.open().insertAsync(raw);
      return fromRaw<T>(inserted);
    } catch (e) {
      throw isUniqueViolation(e) ? await this.describeDuplicate(raw, true) : e;
    }
  }

  async replace(doc: T): Promise<T> {
    assertValidId(this.name, doc.id);
    const raw = withActivity(this.name, toRaw(doc, doc.version + 1));
    let numAffected: number;
    try {
      ({ numAffected } = await this.open().updateAsync({ _id: doc.id, version: doc.version }, raw, {}));
    } catch (e) {
      throw isUniqueViolation(e) ? await this.describeDuplicate(raw, false) : e;
    }
    if (numAffected === 1) return fromRaw<T>(raw);
    const exists = (await this.open().countAsync({ _id: doc.id })) as unknown as number;
    throw exists > 0 ? conflictError(this.name, doc.id, doc.version) : notFoundError(this.name, doc.id);
  }

  async delete(id: string): Promise<boolean> {
    return (await this.open().removeAsync({ _id: id }, { multi: false })) > 0;
  }

  /** nedb says only that some unique index refused the key; find which one by asking. */
  private async describeDuplicate(raw: RawDocument, inserting: boolean): Promise<Error> {
    if (inserting && (await this.db.countAsync({ _id: raw._id })) > 0) return duplicateError(this.name, ['id']);
    for (const { fields } of COLLECTION_SPECS[this.name].unique) {
      const query: Record<string, unknown> = { _id: { $ne: raw._id } };
      for (const field of fields) {
        const value = valueAt(raw, field);
        query[field] = value === undefined ? { $exists: false } : value;
      }
      if (((await this.db.countAsync(query)) as unknown as number) > 0) return duplicateError(this.name, fields);
    }
    return duplicateError(this.name, ['unknown']);
  }
}
