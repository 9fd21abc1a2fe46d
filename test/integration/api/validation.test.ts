import assert from 'node:assert/strict';
import type { Stores } from '../../../src/domain/ports/store';
import { demoPerson } from '../../../src/demo/demo-people';
import { newKey, problemOf, signIn, startApi, type Api } from './api-harness';
import { demoIds, type DemoIds } from '../../support/demo-ids';

/** Documents in every collection a bad request could touch. */
async function counts(stores: Stores): Promise<Record<string, number>> {
  const names = ['customers', 'orders', 'adjustments', 'extensions', 'tickets', 'interactions', 'escalations', 'idempotency'] as const;
  const out: Record<string, number> = {};
  for (const name of names) out[name] = await stores[name].count({});
  return out;
}

describe('api: bad input is refused with a problem and changes nothing', () => {
  let api: Api;
  let auth: string;
  let baseline: Record<string, number>;
  let ids: DemoIds;
  before(async () => {
    api = await startApi();
    ids = await demoIds(api.runtime.stores);
    auth = await signIn(api, demoPerson('bundle'));
  });
  after(async () => {
    await api.close();
  });
  beforeEach(async () => {
    baseline = await counts(api.runtime.stores);
  });
  afterEach(async function () {
    if (this.currentTest?.state === 'passed') assert.deepEqual(await counts(api.runtime.stores), baseline, 'nothing was written');
  });

  const post = (path: string) => api.http.post(`/api/v1${path}`).set('Authorization', auth).set('Idempotency-Key', newKey('bad'));

  it('when the body is not valid JSON, then the answer is 400 MALFORMED_JSON', async () => {
    const res = await post('/adjustments').set('Content-Type', 'application/json').send('{"billId": "b1",');
    assert.equal(res.status, 400);
    assert.match(res.headers['content-type'], /^application\/problem\+json/);
    const problem = problemOf(res);
    assert.equal(problem.code, 'MALFORMED_JSON');
    assert.equal(problem.instance, '/api/v1/adjustments');
    assert.doesNotMatch(res.text, /at .*\.ts:\d+/, 'no stack trace');
  });

  it('when a field has the wrong type, then the answer is 400 naming the field', async () => {
    const res = await post('/adjustments').send({ billId: ids.billId('31000101', '2026-11'), itemId: 'x', reasonCode: 'goodwill', amountMinor: '12.50' });
    assert.equal(res.status, 400);
    const problem = problemOf(res);
    assert.equal(problem.code, 'VALIDATION_FAILED');
    assert.deepEqual(problem.errors?.map((e) => e.path), ['body.amountMinor']);
  });

  it('when the body has unknown fields, then the answer is 400 listing each of them', async () => {
    const res = await post('/orders/new').send({ productId: 'mobile-5gb', discount: 100, admin: true });
    assert.equal(res.status, 400);
    const problem = problemOf(res);
    assert.deepEqual(problem.errors, [
      { path: 'body.discount', message: 'unknown field' },
      { path: 'body.admin', message: 'unknown field' },
    ]);
    assert.match(problem.detail, /unknown field\(s\): body\.discount, body\.admin/);
  });

  it('when a nested object has an unknown field, then its full path is named', async () => {
    const res = await post(`/services/${ids.serviceId('31000101', 1)}/modifications`).send({ modification: { kind: 'change-product', toProductId: 'fiber-1000', price: 0 } });
    assert.equal(res.status, 400);
    assert.deepEqual(problemOf(res).errors?.map((e) => e.path), ['body.modification.price']);
  });

  it('when the body is larger than 64 kB, then the answer is 413', async () => {
    const res = await post('/orders/new').send({ productId: 'mobile-5gb', padding: 'x'.repeat(70 * 1024) });
    assert.equal(res.status, 413);
    assert.equal(problemOf(res).code, 'PAYLOAD_TOO_LARGE');
  });

  it('when a query has an unknown or missing parameter, then the answer is 400', async () => {
    const unknown = await api.http.get('/api/v1/bills?limit=5').set('Authorization', auth);
    assert.equal(unknown.status, 400);
    assert.deepEqual(problemOf(unknown).errors?.map((e) => e.path), ['query.limit']);
    const missing = await api.http.get(`/api/v1/services/${ids.serviceId('31000101', 1)}/discontinuation/retention-offer`).set('Authorization', auth);
    assert.equal(missing.status, 400);
    assert.deepEqual(problemOf(missing).errors?.map((e) => e.path), ['query.reasonCode']);
  });

  it('when a path id is malformed, then the answer is 400 naming params.id', async () => {
    const res = await api.http.get(`/api/v1/bills/${encodeURIComponent('$where')}`).set('Authorization', auth);
    assert.equal(res.status, 400);
    assert.deepEqual(problemOf(res).errors?.map((e) => e.path), ['params.id']);
  });

  it('when the body is not an object, then the answer is 4xx', async () => {
    const res = await post('/orders/new').set('Content-Type', 'application/json').send('[1,2]');
    assert.equal(res.status, 400);
    assert.equal(problemOf(res).code, 'VALIDATION_FAILED');
  });

  it('when a body is sent without a JSON content type, then it is refused as missing', async () => {
    const res = await post('/orders/new').set('Content-Type', 'text/plain').send('productId=mobile-5gb');
    assert.equal(res.status, 400);
    assert.equal(problemOf(res).code, 'VALIDATION_FAILED');
  });

  it('when an amount is not a positive whole number of cents, then the answer is 400', async () => {
    for (const amountMinor of [0, -100, 12.5, 1e12]) {
      const res = await post('/adjustments').send({ billId: ids.billId('31000101', '2026-11'), itemId: ids.itemId('31000101', '2026-11', 1), reasonCode: 'goodwill', amountMinor });
      assert.equal(res.status, 400, String(amountMinor));
    }
  });

  it('when a request to someone else\'s bill is made, then it is 404 and nothing leaks', async () => {
    const res = await api.http.get(`/api/v1/bills/${ids.billId('31000102', '2026-11')}`).set('Authorization', auth);
    assert.equal(res.status, 404);
    assert.ok(!res.text.includes('Oyelaran'));
  });
});
