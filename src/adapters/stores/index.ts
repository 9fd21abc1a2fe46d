/**
 * Builds the storage port: MongoDB (mongoose) when a URI is given, else the embedded nedb store
 * under dataDir, or in memory for tests.
 */
import type { Stores } from '../../domain/ports/store';
import type { RetentionPolicy } from '../../domain/interactions/retention';
import { createEmbeddedStores } from './embedded';
import { createMongoStores } from './mongo';

export interface CreateStoresOptions {
  mongodbUri?: string;
  dataDir?: string;
  inMemory?: boolean;
  /** Embedded store only: how often its files are compacted (default 10 minutes). */
  compactionIntervalMs?: number;
  /** MongoDB only: retention days for its TTL indexes (the embedded store is swept with the policy given). */
  retention?: RetentionPolicy;
}

export async function createStores(opts: CreateStoresOptions): Promise<Stores> {
  if (opts.mongodbUri) {
    return createMongoStores({ uri: opts.mongodbUri, retention: opts.retention });
  }
  return createEmbeddedStores({ dataDir: opts.dataDir, inMemory: opts.inMemory, compactionIntervalMs: opts.compactionIntervalMs });
}

export { createEmbeddedStores } from './embedded';
export { createMongoStores } from './mongo';
