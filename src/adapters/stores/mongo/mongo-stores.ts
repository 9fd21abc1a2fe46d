/**
 * The MongoDB store through mongoose: one connection, one strict:false schema per collection
 * (`_id: String`, `version: Number`) with the COLLECTION_SPECS indexes. Connects fail-fast:
 * no command buffering, a short server-selection timeout.
 */
import mongoose, { Schema, type Connection, type Model } from 'mongoose';
import { COLLECTION_SPECS, type Collection, type CollectionName, type Stores } from '../../../domain/ports/store';
import type { StoredRecord } from '../../../domain/shared/record';
import { ACTIVITY_FIELD, type RawDocument } from '../shared/documents';
import { DEFAULT_RETENTION, expiryCutoff, RETAINED_COLLECTIONS, retentionDays, type RetainedCollection, type RetentionPolicy } from '../../../domain/interactions/retention';
import { MongoCollection } from './mongo-collection';
import { createMongoReports } from './mongo-reports';

export interface MongoStoreOptions {
  uri: string;
  /** Overrides the database named in the URI (tests use a fresh one per run). */
  dbName?: string;
  serverSelectionTimeoutMS?: number;
  /** Days interactions and transcripts are kept (TTL indexes); default DEFAULT_RETENTION. */
  retention?: RetentionPolicy;
}

function schemaFor(name: CollectionName, retention: RetentionPolicy): Schema<RawDocument> {
  const schema = new Schema<RawDocument>(
    { _id: { type: String, required: true }, version: { type: Number, required: true } },
    { collection: name, strict: false, strictQuery: false, versionKey: false, minimize: false, bufferCommands: false, autoIndex: true },
  );
  const spec = COLLECTION_SPECS[name];
  const keys = (fields: string[]) => Object.fromEntries(fields.map((f) => [f, 1 as const]));
  for (const { fields, sparse } of spec.unique) schema.index(keys(fields), { unique: true, sparse: sparse ?? false });
  for (const fields of spec.indexes) schema.index(keys(fields));
  // MongoDB removes a document once its last activity is older than the retention (checked about every minute).
  if ((RETAINED_COLLECTIONS as readonly string[]).includes(name)) {
    schema.index({ [ACTIVITY_FIELD]: 1 }, { expireAfterSeconds: retentionDays(retention, name as RetainedCollection) * 86_400 });
  }
  return schema;
}

/** The URI without credentials, for error messages. */
function redact(uri: string): string {
  return uri.replace(/\/\/[^@/]*@/, '//***@');
}

export async function createMongoStores(opts: MongoStoreOptions): Promise<Stores> {
  const connection: Connection = mongoose.createConnection(opts.uri, {
    bufferCommands: false,
    autoIndex: true,
    serverSelectionTimeoutMS: opts.serverSelectionTimeoutMS ?? 3000,
    ...(opts.dbName ? { dbName: opts.dbName } : {}),
  });
  try {
    await connection.asPromise();
  } catch (e) {
    await connection.close().catch(() => undefined);
    throw new Error(`MongoDB store: cannot connect to ${redact(opts.uri)}: ${(e as Error).message}`);
  }

  const retention = opts.retention ?? DEFAULT_RETENTION;
  const names = Object.keys(COLLECTION_SPECS) as CollectionName[];
  const models = new Map<CollectionName, Model<RawDocument>>();
  try {
    for (const name of names) {
      const model = connection.model<RawDocument>(name, schemaFor(name, retention));
      await model.init();
      await model.syncIndexes();
      models.set(name, model);
    }
  } catch (e) {
    await connection.close().catch(() => undefined);
    throw new Error(`MongoDB store: cannot prepare collections and indexes: ${(e as Error).message}`);
  }

  const collection = <T extends StoredRecord>(name: CollectionName): Collection<T> =>
    new MongoCollection<T>(name, models.get(name)!);

  return {
    customers: collection('customers'),
    bills: collection('bills'),
    adjustments: collection('adjustments'),
    extensions: collection('extensions'),
    orders: collection('orders'),
    tickets: collection('tickets'),
    interactions: collection('interactions'),
    transcripts: collection('transcripts'),
    escalations: collection('escalations'),
    idempotency: collection('idempotency'),
    sweepExpired: async (now, policy) => {
      const removed = { interactions: 0, transcripts: 0 };
      for (const name of RETAINED_COLLECTIONS) {
        const { deletedCount } = await models.get(name)!.deleteMany({ [ACTIVITY_FIELD]: { $lte: expiryCutoff(policy, name, now) } }).exec();
        removed[name] = deletedCount;
      }
      return removed;
    },
    staff: collection('staff'),
    audit: collection('audit'),
    reports: createMongoReports(models.get('interactions')!, models.get('escalations')!),
    partners: collection('partners'),
    listeners: collection('listeners'),
    notifications: collection('notifications'),
    campaigns: collection('campaigns'),
    campaignTargets: collection('campaignTargets'),
    suppressions: collection('suppressions'),
    ping: async () => {
      try {
        if (connection.readyState !== 1 || !connection.db) return false;
        await connection.db.admin().ping();
        return true;
      } catch {
        return false;
      }
    },
    close: async () => {
      await connection.close();
    },
  };
}
