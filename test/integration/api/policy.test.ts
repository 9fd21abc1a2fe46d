import assert from 'node:assert/strict';
import { demoPerson } from '../../../src/demo/demo-people';
import { newKey, problemOf, signIn, startApi, type Api } from './api-harness';
import { demoIds } from '../../support/demo-ids';

describe('api: policy refusals', () => {
  let api: Api;
  beforeEach(async () => {
    api = await startApi();
  });
  afterEach(async () => {
    await api.close();
  });

  it('when the suspended demo customer 31000102 orders a new mobile line, then a 403 problem says why and what to do, and no order exists', async () => {
    const marcus = demoPerson('suspended');
    assert.equal(marcus.accountNumber, '31000102');
    const auth = await signIn(api, marcus);
    const customer = (await api.runtime.stores.customers.findOne({ accountNumber: '31000102' }))!;
    const res = await api.http.post('/api/v1/orders/new').set('Authorization', auth).set('Idempotency-Key', newKey('line')).send({ productId: 'mobile-5gb', config: { sim: 'esim' } });
    assert.equal(res.status, 403);
    const problem = problemOf(res);
    assert.equal(problem.code, 'ACCOUNT_NOT_IN_GOOD_STANDING');
    const refusal = problem.details?.refusal as { reasonCode: string; reason: string; nextSteps: string[] };
    assert.equal(refusal.reasonCode, 'account-suspended');
    assert.deepEqual(refusal.nextSteps, ['pay-balance', 'agent']);
    assert.match(problem.detail, /suspended for an unpaid balance/);
    assert.equal(await api.runtime.stores.orders.count({ customerId: customer.id }), 0);
    const after = (await api.runtime.stores.customers.get(customer.id))!;
    assert.deepEqual(after.services.map((s) => s.status), ['suspended', 'suspended']);
  });

  it("when an order names another customer's interaction, then it is a 404 problem and no order exists", async () => {
    const dana = await signIn(api, demoPerson('bundle'));
    const grace = await signIn(api, demoPerson('technician'));
    const danas = await api.http.post('/api/v1/interactions').set('Authorization', dana).send();
    assert.equal(danas.status, 201);
    const res = await api.http
      .post('/api/v1/orders/new')
      .set('Authorization', grace)
      .set('Idempotency-Key', newKey('foreign'))
      .send({ productId: 'mobile-5gb', config: { sim: 'esim' }, interactionId: danas.body.id });
    assert.equal(res.status, 404);
    assert.equal(problemOf(res).code, 'NOT_FOUND');
    assert.equal(await api.runtime.stores.orders.count({}), 0);
  });

  it('when a procedure ends on voice, then /metrics counts it under channel "voice" (the domain counts, not the portal routes)', async () => {
    const dana = demoPerson('bundle');
    const caller = await api.runtime.care.verification.verifyPin({ accountNumber: dana.accountNumber, pin: dana.pin }, { channel: 'voice' });
    const i = await api.runtime.care.interactions.start(caller, { channel: 'voice', channelRef: 'CA-policy-metrics' });
    const done = await api.runtime.care.procedures.start(caller, i.id, 'bill-inquiry');
    assert.equal(done.kind, 'done');
    const metrics = await api.http.get('/metrics');
    assert.equal(metrics.status, 200);
    assert.match(metrics.text, /procedure_outcomes_total\{channel="voice",procedure="bill-inquiry",outcome="informed"\} [1-9]/);
  });

  it('when a discontinuation asks for a later day, then the days are listed, a day in range is carried on the order, and one out of range is a 422', async () => {
    const auth = await signIn(api, demoPerson('bundle'));
    const tv = (await demoIds(api.runtime.stores)).serviceId('31000101', 2);
    const dates = await api.http.get(`/api/v1/services/${tv}/discontinuation/dates`).set('Authorization', auth);
    assert.equal(dates.status, 200);
    assert.equal(dates.body.dates.latest, '2026-12-31');
    const late = await api.http.post(`/api/v1/services/${tv}/discontinuation`).set('Authorization', auth).set('Idempotency-Key', newKey('late')).send({ reasonCode: 'moving', requestedDate: '2027-02-01' });
    assert.equal(late.status, 422);
    assert.equal(problemOf(late).code, 'VALIDATION_FAILED');
    assert.equal(await api.runtime.stores.orders.count({ type: 'disconnect' }), 0);
    const ok = await api.http.post(`/api/v1/services/${tv}/discontinuation`).set('Authorization', auth).set('Idempotency-Key', newKey('ok')).send({ reasonCode: 'moving', requestedDate: '2026-12-31' });
    assert.equal(ok.status, 201, JSON.stringify(ok.body));
    assert.equal((await api.runtime.stores.orders.get(ok.body.id))?.requestedDate, '2026-12-31');
  });

  it('when the suspended customer asks for a payment extension, then the 422 problem says why in plain words and what to do next', async () => {
    const auth = await signIn(api, demoPerson('suspended'));
    const res = await api.http.post('/api/v1/extensions').set('Authorization', auth).set('Idempotency-Key', newKey('ext')).send({ billId: (await demoIds(api.runtime.stores)).billId('31000102', '2026-11'), toDate: '2026-12-20' });
    assert.equal(res.status, 422);
    const problem = problemOf(res);
    assert.equal(problem.code, 'EXTENSION_NOT_ALLOWED');
    const refusal = problem.details?.refusal as { reasonCode: string; reason: string; nextSteps: string[] };
    assert.equal(refusal.reasonCode, 'extension-too-far-past-due');
    assert.match(refusal.reason, /^the account is \d+ days past due, and an extension is only possible up to 30 days past due/);
    assert.deepEqual(refusal.nextSteps, ['pay-balance', 'agent']);
    assert.equal(await api.runtime.stores.extensions.count({}), 0);
  });
});
