/**
 * The store contract against MongoDB. Runs only when MONGODB_URI is set (MongoDB cannot be
 * installed on every machine); each store gets its own database, dropped afterwards.
 */
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import mongoose from 'mongoose';
import { createMongoStores } from '../../../src/adapters/stores/mongo';
import { runStoreContract } from './store-contract';

const uri = process.env.MONGODB_URI;

if (uri) {
  describe('MongoDB store', () => {
    const run = `telecare_test_${Date.now()}_${randomBytes(3).toString('hex')}`;
    const databases: string[] = [];
    const open = (dbName: string) => createMongoStores({ uri, dbName });

    after(async () => {
      const admin = mongoose.createConnection(uri, { serverSelectionTimeoutMS: 3000 });
      try {
        await admin.asPromise();
        for (const name of databases) await admin.useDb(name).dropDatabase();
      } finally {
        await admin.close();
      }
    });

    runStoreContract(
      'MongoDB',
      () => {
        const dbName = `${run}_${databases.length}`;
        databases.push(dbName);
        return open(dbName);
      },
      { reopen: () => open(databases[databases.length - 1]!) },
    );

    it('when the store opens, then interactions and transcripts get TTL indexes on their last activity with the configured retention', async () => {
      const dbName = `${run}_${databases.length}`;
      databases.push(dbName);
      const stores = await createMongoStores({ uri, dbName, retention: { interactionDays: 10, transcriptDays: 5 } });
      const admin = mongoose.createConnection(uri, { serverSelectionTimeoutMS: 3000 });
      try {
        await stores.interactions.insert({ id: 'i1', startedAt: '2026-01-01T00:00:00.000Z', steps: [{ at: '2026-01-02T00:00:00.000Z', name: 'x' }] } as never);
        await admin.asPromise();
        const db = admin.useDb(dbName);
        const ttl = async (name: string) => (await db.collection(name).indexes()).find((i) => i.key._activityAt === 1)?.expireAfterSeconds;
        assert.equal(await ttl('interactions'), 10 * 86_400);
        assert.equal(await ttl('transcripts'), 5 * 86_400);
        const raw = await db.collection<{ _id: string; _activityAt?: Date }>('interactions').findOne({ _id: 'i1' });
        assert.ok(raw?._activityAt instanceof Date);
        assert.equal(raw._activityAt.toISOString(), '2026-01-02T00:00:00.000Z');
      } finally {
        await admin.close();
        await stores.close();
      }
    });

    it('when MongoDB cannot be reached, then createMongoStores rejects quickly with a clear message', async () => {
      const started = Date.now();
      await createMongoStores({ uri: 'mongodb://127.0.0.1:1/unreachable', serverSelectionTimeoutMS: 500 }).then(
        () => Promise.reject(new Error('expected a rejection')),
        (e: Error) => {
          if (!/MongoDB store: cannot connect/.test(e.message)) throw e;
        },
      );
      if (Date.now() - started > 5000) throw new Error('connect did not fail fast');
    });
  });
}
