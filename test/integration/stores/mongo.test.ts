/**
 * The store contract against MongoDB. Runs only when MONGODB_URI is set (MongoDB cannot be
 * installed on every machine); each store gets its own database, dropped afterwards.
 */
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
