/**
 * One port Collection on one mongoose model. Reads are .lean() plain objects; writes go to the
 * driver collection so the stored document is exactly the one given (no casting, no minimize).
 */
import type { Model, mongo } from 'mongoose';
import type { StoredRecord } from '../../../domain/shared/record';
import type { Collection, CollectionName, Filter, FindOptions, NewRecord } from '../../../domain/ports/store';
import { duplicateKeyFields } from './duplicate-key';
import { assertValidId, conflictError, duplicateError, fromRaw, notFoundError, plainCopy, toDbField, toRaw, withActivity, type RawDocument } from '../shared/documents';

/** The port's filter already is MongoDB's syntax; only `id` is renamed. Copied: mongoose casts filters in place. */
function toMongoFilter(filter: Filter): Record<string, unknown> {
  return Object.fromEntries(Object.entries(plainCopy(filter)).map(([field, cond]) => [toDbField(field), cond]));
}

function toMongoSort(sort: FindOptions['sort']): Record<string, 1 | -1> | undefined {
  return sort && Object.fromEntries(Object.entries(sort).map(([field, dir]) => [toDbField(field), dir]));
}

export class MongoCollection<T extends StoredRecord> implements Collection<T> {
  constructor(
    private readonly name: CollectionName,
    private readonly model: Model<RawDocument>,
  ) {}

  private get driver(): mongo.Collection<RawDocument> {
    return this.model.collection as unknown as mongo.Collection<RawDocument>;
  }

  async get(id: string): Promise<T | null> {
    const raw = await this.model.findOne({ _id: id }).lean<Record<string, unknown>>().exec();
    return raw ? fromRaw<T>(raw) : null;
  }

  async findOne(filter: Filter): Promise<T | null> {
    const [first] = await this.find(filter, { limit: 1 });
    return first ?? null;
  }

  async find(filter: Filter, options: FindOptions = {}): Promise<T[]> {
    const query = this.model.find(toMongoFilter(filter));
    const sort = toMongoSort(options.sort);
    if (sort) query.sort(sort);
    if (options.skip) query.skip(options.skip);
    if (options.limit) query.limit(options.limit);
    const rows = await query.lean<Record<string, unknown>[]>().exec();
    return rows.map((raw) => fromRaw<T>(raw));
  }

  async count(filter: Filter): Promise<number> {
    return this.model.countDocuments(toMongoFilter(filter)).exec();
  }

  async insert(doc: NewRecord<T>): Promise<T> {
    const id: unknown = (doc as { id?: unknown }).id;
    assertValidId(this.name, id);
    const raw = withActivity(this.name, toRaw({ ...doc, id, version: 1 }, 1));
    try {
      await this.driver.insertOne(raw);
    } catch (e) {
      throw this.translate(e);
    }
    return fromRaw<T>(raw);
  }

  async replace(doc: T): Promise<T> {
    assertValidId(this.name, doc.id);
    const raw = withActivity(this.name, toRaw(doc, doc.version + 1));
    let matched: number;
    try {
      ({ matchedCount: matched } = await this.driver.replaceOne({ _id: doc.id, version: doc.version }, raw));
    } catch (e) {
      throw this.translate(e);
    }
    if (matched === 1) return fromRaw<T>(raw);
    const exists = await this.model.countDocuments({ _id: doc.id }).exec();
    throw exists > 0 ? conflictError(this.name, doc.id, doc.version) : notFoundError(this.name, doc.id);
  }

  async delete(id: string): Promise<boolean> {
    const { deletedCount } = await this.model.deleteOne({ _id: id }).exec();
    return deletedCount > 0;
  }

  private translate(e: unknown): unknown {
    const fields = duplicateKeyFields(e);
    return fields ? duplicateError(this.name, fields) : e;
  }
}
