import assert from 'node:assert/strict';
import { demoPerson } from '../../../src/demo/demo-people';
import { newKey, problemOf, signIn, startApi, type Api } from './api-harness';

describe('api: Idempotency-Key', () => {
  let api: Api;
  let auth: string;
  const dana = demoPerson('bundle');
  before(async () => {
    api = await startApi();
    auth = await signIn(api, dana);
  });
  after(async () => {
    await api.close();
  });

  const order = (key: string | undefined, body: object = { productId: 'mobile-5gb' }) => {
    const req = api.http.post('/api/v1/orders/new').set('Authorization', auth);
    if (key !== undefined) req.set('Idempotency-Key', key);
    return req.send(body);
  };
  const customerId = async () => (await api.runtime.stores.customers.findOne({ accountNumber: dana.accountNumber }))?.id ?? '';

  it('when the same order is sent twice with one key, then the second gets the first body back and only one order exists', async () => {
    const key = newKey('order');
    const before = await api.runtime.stores.orders.count({ customerId: await customerId() });
    const first = await order(key);
    assert.equal(first.status, 201, JSON.stringify(first.body));
    const second = await order(key);
    assert.equal(second.status, 201);
    assert.equal(second.headers['idempotent-replayed'], 'true');
    assert.deepEqual(second.body, first.body);
    assert.equal(first.headers['idempotent-replayed'], undefined);
    assert.equal(await api.runtime.stores.orders.count({ customerId: await customerId() }), before + 1);
  });

  it('when the response record is lost after the order was placed, then a retry still returns the same order (the domain dedupes on the key)', async () => {
    const key = newKey('lost');
    const first = await order(key);
    assert.equal(first.status, 201);
    const records = await api.runtime.stores.idempotency.find({});
    const record = records.find((r) => r.id.endsWith(`:${key}`));
    assert.ok(record);
    await api.runtime.stores.idempotency.delete(record.id);
    const before = await api.runtime.stores.orders.count({ customerId: await customerId() });
    const retry = await order(key);
    assert.equal(retry.status, 201);
    assert.equal(retry.body.id, first.body.id);
    assert.equal(await api.runtime.stores.orders.count({ customerId: await customerId() }), before);
  });

  it('when a creating call has no Idempotency-Key, then it is refused with 400 and nothing is written', async () => {
    const before = await api.runtime.stores.orders.count({});
    for (const [path, body] of [
      ['/api/v1/orders/new', { productId: 'mobile-5gb' }],
      ['/api/v1/adjustments', { billId: 'b1', itemId: 'i1', reasonCode: 'goodwill', amountMinor: 100 }],
      ['/api/v1/extensions', { billId: 'b1', toDate: '2026-12-10' }],
      ['/api/v1/repairs', { serviceId: 's1', symptom: 'no-internet' }],
    ] as const) {
      const res = await api.http.post(path).set('Authorization', auth).send(body);
      assert.equal(res.status, 400, path);
      assert.equal(problemOf(res).code, 'IDEMPOTENCY_KEY_REQUIRED', path);
    }
    const register = await api.http.post('/api/v1/customers').send({});
    assert.equal(register.status, 400);
    assert.equal(await api.runtime.stores.orders.count({}), before);
  });

  it('when a key is reused for a different request, then it is refused with 422 and no second order', async () => {
    const key = newKey('reuse');
    assert.equal((await order(key)).status, 201);
    const before = await api.runtime.stores.orders.count({});
    const res = await order(key, { productId: 'mobile-20gb' });
    assert.equal(res.status, 422);
    assert.equal(problemOf(res).code, 'IDEMPOTENCY_KEY_REUSED');
    assert.equal(await api.runtime.stores.orders.count({}), before);
  });

  it('when the first request with a key is still running, then a second gets 409 with Retry-After', async () => {
    const key = newKey('busy');
    const now = api.clock.now();
    await api.runtime.stores.idempotency.insert({
      id: `${await customerId()}:POST /api/v1/orders/new:${key}`,
      requestHash: 'whatever',
      state: 'in-progress',
      createdAt: now.toISOString(),
      expiresAt: new Date(now.getTime() + 86_400_000).toISOString(),
    });
    const res = await order(key);
    assert.equal(res.status, 409);
    assert.equal(problemOf(res).code, 'IDEMPOTENCY_KEY_IN_USE');
    assert.equal(res.headers['retry-after'], '1');
  });

  it('when a stored response is older than 24 hours, then it is no longer replayed, and the domain still places no second order', async () => {
    const key = newKey('old');
    const first = await order(key);
    const before = await api.runtime.stores.orders.count({ customerId: await customerId() });
    const day = 24 * 60 * 60 * 1000 + 1000;
    api.clock.advance(day);
    try {
      const fresh = await signIn(api, dana);
      const again = await api.http.post('/api/v1/orders/new').set('Authorization', fresh).set('Idempotency-Key', key).send({ productId: 'mobile-5gb' });
      assert.equal(again.headers['idempotent-replayed'], undefined);
      assert.equal(again.body.id, first.body.id);
      assert.equal(await api.runtime.stores.orders.count({ customerId: await customerId() }), before);
    } finally {
      api.clock.advance(-day);
    }
  });

  it('when the key is not printable or too long, then the request is refused with 400', async () => {
    assert.equal((await order('x'.repeat(101))).status, 400);
    assert.equal((await order('   ')).status, 400);
  });
});
