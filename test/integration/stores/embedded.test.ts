import assert from 'node:assert/strict';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { createStores } from '../../../src/adapters/stores';
import { runStoreContract } from './store-contract';
import { collectionOf, newDoc } from './contract-docs';

runStoreContract('embedded, in memory', () => createStores({ inMemory: true }));

describe('embedded store on disk', () => {
  const dirs: string[] = [];
  const fresh = async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'telecare-stores-'));
    dirs.push(dir);
    return dir;
  };
  after(async () => {
    await Promise.all(dirs.map((d) => rm(d, { recursive: true, force: true })));
  });

  runStoreContract('embedded, on disk', async () => createStores({ dataDir: await fresh() }), {
    reopen: () => createStores({ dataDir: dirs[dirs.length - 1]! }),
  });

  it('when a document was replaced many times and the store closes, then its file is compacted to one line per document', async () => {
    const dataDir = await fresh();
    const stores = await createStores({ dataDir });
    const orders = collectionOf(stores, 'orders');
    let doc = await orders.insert(newDoc('orders', 'o1'));
    for (let i = 0; i < 20; i += 1) doc = await orders.replace({ ...doc, label: `v${i}` });
    await stores.close();

    const lines = (await readFile(path.join(dataDir, 'orders.db'), 'utf8')).split('\n').filter((l) => l.trim() !== '');
    const documents = lines.filter((l) => !l.includes('$$indexCreated'));
    assert.equal(documents.length, 1);
    assert.match(documents[0]!, /"version":21/);
  });

  it('when the compaction interval passes, then the file is compacted while the store stays open', async () => {
    const dataDir = await fresh();
    const stores = await createStores({ dataDir, compactionIntervalMs: 50 });
    const orders = collectionOf(stores, 'orders');
    let doc = await orders.insert(newDoc('orders', 'o1'));
    for (let i = 0; i < 10; i += 1) doc = await orders.replace({ ...doc, label: `v${i}` });
    await new Promise((r) => setTimeout(r, 200));
    const lines = (await readFile(path.join(dataDir, 'orders.db'), 'utf8')).split('\n').filter((l) => l.includes('"_id":"o1"'));
    await stores.close();
    assert.equal(lines.length, 1);
  });

  it('when a data file is corrupt, then opening the store fails and names the file', async () => {
    const dataDir = await fresh();
    await writeFile(path.join(dataDir, 'orders.db'), 'not json\n'.repeat(20));
    await assert.rejects(createStores({ dataDir }), /cannot load .*orders\.db/);
  });

  it('when the data directory does not exist yet, then it is created with one file per collection', async () => {
    const dataDir = path.join(await fresh(), 'nested', 'data');
    const stores = await createStores({ dataDir });
    await collectionOf(stores, 'customers').insert(newDoc('customers', 'c1'));
    await stores.close();
    const text = await readFile(path.join(dataDir, 'customers.db'), 'utf8');
    assert.match(text, /"_id":"c1"/);
  });
});
