/**
 * The storage contract every Stores adapter passes (embedded in memory and on disk; MongoDB
 * when MONGODB_URI is set). `make` returns a fresh, empty store each call; `reopen`, when
 * given, opens again the store `make` returned last (after it was closed).
 */
import assert from 'node:assert/strict';
import { COLLECTION_SPECS, type Stores } from '../../../src/domain/ports/store';
import { COLLECTION_NAMES, collectionOf, newDoc, rejectsWith, setPath, sortedIds, type NewTestDoc, type TestCollection } from './contract-docs';
import { runQueryContract } from './store-contract-queries';
import { runRetentionContract } from './store-contract-retention';
import { runReportContract } from './store-contract-reports';

export interface StoreContractOptions {
  reopen?: () => Promise<Stores>;
}

export function runStoreContract(name: string, make: () => Promise<Stores>, options: StoreContractOptions = {}): void {
  describe(`Stores contract: ${name}`, () => {
    let stores: Stores;
    let orders: TestCollection;

    beforeEach(async () => {
      stores = await make();
      orders = collectionOf(stores, 'orders');
    });
    afterEach(async () => {
      await stores.close();
    });

    describe('insert and get', () => {
      it('when a document is inserted, then get returns it with version 1 and the same content', async () => {
        const inserted = await orders.insert(newDoc('orders', 'o1', { amount: 1250, when: '2025-01-02T03:04:05.000Z' }));
        const got = await orders.get('o1');
        assert.equal(inserted.version, 1);
        assert.deepEqual(got, { ...newDoc('orders', 'o1', { amount: 1250, when: '2025-01-02T03:04:05.000Z' }), version: 1 });
        assert.deepEqual(inserted, got);
        assert.equal('_id' in (got as object), false);
      });

      it('when a returned or given document is mutated, then the stored one is unchanged', async () => {
        const input = newDoc('orders', 'o1');
        const inserted = await orders.insert(input);
        (input.nested as { list: number[] }).list.push(99);
        (inserted.nested as { list: number[] }).list.push(98);
        const first = (await orders.get('o1'))!;
        (first.nested as { deep: { flag: boolean } }).deep.flag = false;
        first.label = 'changed';
        assert.deepEqual(await orders.get('o1'), { ...newDoc('orders', 'o1'), version: 1 });
      });

      it('when an id is unknown, then get and findOne return null', async () => {
        assert.equal(await orders.get('nope'), null);
        assert.equal(await orders.findOne({ label: 'nope' }), null);
      });

      it('when the id already exists, then insert throws DUPLICATE on id and writes nothing', async () => {
        await orders.insert(newDoc('orders', 'o1'));
        const details = await rejectsWith(orders.insert(newDoc('orders', 'o1', { label: 'second' })), 'DUPLICATE');
        assert.deepEqual(details.key, ['id']);
        assert.equal((await orders.get('o1'))!.label, 'doc o1');
        assert.equal(await orders.count({}), 1);
      });
    });

    describe('unique keys', () => {
      for (const collection of COLLECTION_NAMES) {
        for (const { fields, sparse } of COLLECTION_SPECS[collection].unique) {
          const key = fields.join('+');
          it(`when a second ${collection} document repeats ${key}, then insert throws DUPLICATE naming it and writes nothing`, async () => {
            const c = collectionOf(stores, collection);
            const first = await c.insert(newDoc(collection, 'a'));
            const second = newDoc(collection, 'b');
            for (const f of fields) setPath(second, f, f.split('.').reduce<unknown>((o, p) => (o as Record<string, unknown>)[p], first));
            const details = await rejectsWith(c.insert(second), 'DUPLICATE');
            assert.deepEqual(details.key, fields);
            assert.equal(await c.get('b'), null);
            assert.equal(await c.count({}), 1);
          });

          it(`when a ${collection} replace would repeat ${key}, then it throws DUPLICATE and nothing changes`, async () => {
            const c = collectionOf(stores, collection);
            const a = await c.insert(newDoc(collection, 'a'));
            const b = await c.insert(newDoc(collection, 'b'));
            const changed = structuredClone(b);
            for (const f of fields) setPath(changed, f, f.split('.').reduce<unknown>((o, p) => (o as Record<string, unknown>)[p], a));
            const details = await rejectsWith(c.replace(changed), 'DUPLICATE');
            assert.deepEqual(details.key, fields);
            assert.deepEqual(await c.get('b'), b);
          });

          if (fields.length > 1) {
            it(`when ${collection} documents share only part of ${key}, then both are stored`, async () => {
              const c = collectionOf(stores, collection);
              const first = await c.insert(newDoc(collection, 'a'));
              const second = newDoc(collection, 'b');
              setPath(second, fields[0]!, first[fields[0]!]);
              await c.insert(second);
              assert.equal(await c.count({}), 2);
            });
          }

          if (sparse) {
            it(`when several ${collection} documents lack the sparse key ${key}, then all are stored`, async () => {
              const c = collectionOf(stores, collection);
              for (const id of ['a', 'b']) {
                const doc: Record<string, unknown> = newDoc(collection, id);
                delete doc[fields[0]!];
                await c.insert(doc as NewTestDoc);
              }
              assert.equal(await c.count({}), 2);
            });
          }
        }
      }
    });

    describe('replace (optimistic concurrency)', () => {
      it('when the version matches, then the document is replaced and its version incremented each time', async () => {
        const v1 = await orders.insert(newDoc('orders', 'o1'));
        const v2 = await orders.replace({ ...v1, label: 'two', extra: { a: 1 } });
        const v3 = await orders.replace({ ...v2, label: 'three' });
        assert.equal(v2.version, 2);
        assert.equal(v3.version, 3);
        assert.deepEqual(await orders.get('o1'), { ...v1, label: 'three', extra: { a: 1 }, version: 3 });
      });

      it('when a field is left out of the replacement, then it is gone from the stored document', async () => {
        const v1 = await orders.insert(newDoc('orders', 'o1', { note: 'temporary' }));
        const { note: _dropped, ...rest } = v1;
        void _dropped;
        await orders.replace(rest as typeof v1);
        assert.equal('note' in (await orders.get('o1'))!, false);
      });

      it('when the version is stale, then replace throws CONFLICT and the stored document is unchanged', async () => {
        const v1 = await orders.insert(newDoc('orders', 'o1'));
        const v2 = await orders.replace({ ...v1, label: 'two' });
        await rejectsWith(orders.replace({ ...v1, label: 'lost update' }), 'CONFLICT');
        assert.deepEqual(await orders.get('o1'), v2);
      });

      it('when the id does not exist, then replace throws NOT_FOUND and nothing is created', async () => {
        await rejectsWith(orders.replace({ ...newDoc('orders', 'ghost'), version: 1 }), 'NOT_FOUND');
        assert.equal(await orders.get('ghost'), null);
      });

      it('when two replaces of the same version race, then exactly one wins and the other gets CONFLICT', async () => {
        const v1 = await orders.insert(newDoc('orders', 'o1'));
        const results = await Promise.allSettled([
          orders.replace({ ...v1, label: 'left' }),
          orders.replace({ ...v1, label: 'right' }),
          orders.replace({ ...v1, label: 'middle' }),
        ]);
        const winners = results.filter((r): r is PromiseFulfilledResult<typeof v1> => r.status === 'fulfilled');
        const losers = results.filter((r): r is PromiseRejectedResult => r.status === 'rejected');
        assert.equal(winners.length, 1);
        for (const l of losers) assert.equal((l.reason as { code?: string }).code, 'CONFLICT');
        assert.deepEqual(await orders.get('o1'), winners[0]!.value);
        assert.equal(winners[0]!.value.version, 2);
      });
    });

    describe('delete', () => {
      it('when a document is deleted, then delete says true once, get returns null and the id can be reused', async () => {
        await orders.insert(newDoc('orders', 'o1'));
        await orders.insert(newDoc('orders', 'o2'));
        assert.equal(await orders.delete('o1'), true);
        assert.equal(await orders.delete('o1'), false);
        assert.equal(await orders.get('o1'), null);
        assert.equal(await orders.count({}), 1);
        assert.equal((await orders.insert(newDoc('orders', 'o1'))).version, 1);
      });
    });

    describe('ping and close', () => {
      it('when the store is open, then ping is true; once closed, ping is false', async () => {
        const other = await make();
        assert.equal(await other.ping(), true);
        await other.close();
        assert.equal(await other.ping(), false);
      });
    });

    describe('partners, listeners and notifications', () => {
      it('when partners are stored, then one is found by its client id, and a second with the same client id is refused', async () => {
        const partners = collectionOf(stores, 'partners');
        await partners.insert({ id: 'p1', clientId: 'reseller-a', scopes: ['productOrder:read'], accountNumbers: ['31000101', '31000103'], active: true });
        await partners.insert({ id: 'p2', clientId: 'reseller-b', scopes: ['customer:read'], accountNumbers: [], active: false });
        assert.equal((await partners.findOne({ clientId: 'reseller-b' }))!.id, 'p2');
        assert.equal(await partners.findOne({ clientId: 'nobody' }), null);
        const details = await rejectsWith(partners.insert({ id: 'p3', clientId: 'reseller-a' }), 'DUPLICATE');
        assert.deepEqual(details.key, ['clientId']);
      });

      it('when customers hold services, then a customer is found by a service id inside its services (TMF637 product lookups)', async () => {
        const customers = collectionOf(stores, 'customers');
        await customers.insert(newDoc('customers', 'c1', { services: [{ id: 'svc-a' }, { id: 'svc-b' }] }));
        await customers.insert(newDoc('customers', 'c2', { services: [{ id: 'svc-c' }] }));
        assert.equal((await customers.findOne({ 'services.id': 'svc-b' }))!.id, 'c1');
        assert.equal((await customers.findOne({ 'services.id': 'svc-c' }))!.id, 'c2');
        assert.equal(await customers.findOne({ 'services.id': 'svc-z' }), null);
      });

      it('when notifications are owed, then the due pending ones are found by the outbox query, and the listeners by partner', async () => {
        const listeners = collectionOf(stores, 'listeners');
        await listeners.insert({ id: 'l1', partnerId: 'p1', api: 'productOrder' });
        await listeners.insert({ id: 'l2', partnerId: 'p2', api: 'troubleTicket' });
        assert.deepEqual(sortedIds(await listeners.find({ partnerId: 'p1' })), ['l1']);
        const notifications = collectionOf(stores, 'notifications');
        await notifications.insert({ id: 'n1', listenerId: 'l1', submission: { state: 'pending', nextAttemptAt: '2026-01-01T00:00:00.000Z' } });
        await notifications.insert({ id: 'n2', listenerId: 'l1', submission: { state: 'pending', nextAttemptAt: '2026-01-03T00:00:00.000Z' } });
        await notifications.insert({ id: 'n3', listenerId: 'l1', submission: { state: 'dead', nextAttemptAt: '2026-01-01T00:00:00.000Z' } });
        const due = await notifications.find({ 'submission.state': 'pending', 'submission.nextAttemptAt': { $lte: '2026-01-02T00:00:00.000Z' } });
        assert.deepEqual(sortedIds(due), ['n1']);
      });
    });

    runQueryContract(() => stores);
    runRetentionContract(() => stores);
    runReportContract(() => stores);

    if (options.reopen) {
      const reopen = options.reopen;
      describe('persistence', () => {
        it('when the store is closed and reopened, then the latest state and the unique keys are kept', async () => {
          const customers = collectionOf(stores, 'customers');
          const c1 = await customers.insert(newDoc('customers', 'c1'));
          await customers.replace({ ...c1, label: 'updated' });
          await customers.insert(newDoc('customers', 'c2'));
          await customers.delete('c2');
          await orders.insert(newDoc('orders', 'o1'));
          await stores.close();

          stores = await reopen();
          const again = collectionOf(stores, 'customers');
          assert.deepEqual(await again.get('c1'), { ...c1, label: 'updated', version: 2 });
          assert.equal(await again.get('c2'), null);
          assert.equal(await collectionOf(stores, 'orders').count({}), 1);
          const details = await rejectsWith(again.insert(newDoc('customers', 'c3', { email: c1.email })), 'DUPLICATE');
          assert.deepEqual(details.key, ['email']);
        });
      });
    }
  });
}
