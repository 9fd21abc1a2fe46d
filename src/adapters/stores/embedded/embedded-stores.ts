/**
 * The embedded default store: one nedb Datastore per collection, each in
 * `<dataDir>/<collection>.db`, or in memory only (tests). nedb appends every change to its
 * file, so the files are compacted periodically and on close.
 */
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import Datastore from '@seald-io/nedb';
import { COLLECTION_SPECS, type Collection, type CollectionName, type Stores } from '../../../domain/ports/store';
import type { StoredRecord } from '../../../domain/shared/record';
import type { Interaction } from '../../../domain/interactions/interaction';
import type { Escalation } from '../../../domain/escalation/escalation';
import { ACTIVITY_FIELD, StoreClosedError, type RawDocument } from '../shared/documents';
import { expiryCutoff, RETAINED_COLLECTIONS } from '../../../domain/interactions/retention';
import { NedbCollection } from './nedb-collection';
import { createEmbeddedReports } from './embedded-reports';

export interface EmbeddedStoreOptions {
  /** Directory of the data files; required unless inMemory. */
  dataDir?: string;
  inMemory?: boolean;
  /** How often the data files are compacted; default 10 minutes. */
  compactionIntervalMs?: number;
}

const DEFAULT_COMPACTION_MS = 10 * 60 * 1000;

async function openDatastore(name: CollectionName, opts: EmbeddedStoreOptions): Promise<Datastore<RawDocument>> {
  const filename = opts.inMemory ? undefined : path.join(opts.dataDir as string, `${name}.db`);
  const db = filename ? new Datastore<RawDocument>({ filename }) : new Datastore<RawDocument>({ inMemoryOnly: true });
  try {
    await db.loadDatabaseAsync();
  } catch (e) {
    throw new Error(`embedded store: cannot load ${filename ?? name}: ${(e as Error).message}`);
  }
  const spec = COLLECTION_SPECS[name];
  for (const { fields, sparse } of spec.unique) {
    await db.ensureIndexAsync({ fieldName: fields.length === 1 ? fields[0]! : fields, unique: true, sparse: sparse ?? false });
  }
  for (const fields of spec.indexes) {
    await db.ensureIndexAsync({ fieldName: fields.length === 1 ? fields[0]! : fields });
  }
  return db;
}

export async function createEmbeddedStores(opts: EmbeddedStoreOptions): Promise<Stores> {
  if (!opts.inMemory) {
    if (!opts.dataDir) throw new Error('embedded store: dataDir is required unless inMemory is set');
    await mkdir(opts.dataDir, { recursive: true });
  }
  const names = Object.keys(COLLECTION_SPECS) as CollectionName[];
  const datastores = new Map<CollectionName, Datastore<RawDocument>>();
  for (const name of names) datastores.set(name, await openDatastore(name, opts));

  let closed = false;
  const isClosed = () => closed;
  const compactAll = async () => {
    if (opts.inMemory) return;
    for (const db of datastores.values()) await db.compactDatafileAsync();
  };
  const timer = opts.inMemory
    ? undefined
    : setInterval(() => {
        if (!closed) compactAll().catch(() => undefined); // best effort; the next run retries
      }, opts.compactionIntervalMs ?? DEFAULT_COMPACTION_MS);
  timer?.unref();

  const collection = <T extends StoredRecord>(name: CollectionName): Collection<T> =>
    new NedbCollection<T>(name, datastores.get(name)!, isClosed);

  const interactions = collection<Interaction>('interactions');
  const escalations = collection<Escalation>('escalations');
  return {
    customers: collection('customers'),
    bills: collection('bills'),
    adjustments: collection('adjustments'),
    extensions: collection('extensions'),
    orders: collection('orders'),
    tickets: collection('tickets'),
    interactions,
    transcripts: collection('transcripts'),
    escalations,
    idempotency: collection('idempotency'),
    // A scan, hourly: nedb's index on a date field does not answer range queries, and its own
    // expireAfterSeconds reads the wall clock on every query.
    sweepExpired: async (now, policy) => {
      if (closed) throw new StoreClosedError();
      const removed = { interactions: 0, transcripts: 0 };
      for (const name of RETAINED_COLLECTIONS) {
        removed[name] = await datastores.get(name)!.removeAsync({ [ACTIVITY_FIELD]: { $lte: expiryCutoff(policy, name, now) } }, { multi: true });
      }
      return removed;
    },
    staff: collection('staff'),
    audit: collection('audit'),
    reports: createEmbeddedReports(interactions, escalations),
    partners: collection('partners'),
    listeners: collection('listeners'),
    notifications: collection('notifications'),
    campaigns: collection('campaigns'),
    campaignTargets: collection('campaignTargets'),
    suppressions: collection('suppressions'),
    ping: async () => !closed,
    close: async () => {
      if (closed) return;
      closed = true;
      if (timer) clearInterval(timer);
      await compactAll();
    },
  };
}
