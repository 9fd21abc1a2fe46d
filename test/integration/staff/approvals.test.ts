/** The supervisor's approvals of adjustments above a limit, against the whole app. */
import assert from 'node:assert/strict';
import { demoPerson } from '../../../src/demo/demo-people';
import type { Actor } from '../../../src/domain/shared/actor';
import type { BillAdjustment } from '../../../src/domain/billing/billing';
import { newKey, problemOf, signIn, startApi, type Api } from '../api/api-harness';
import { BILLING_CSR, queueEscalation, staffSignIn, SUPERVISOR } from './staff-harness';

describe('staff API: approvals', () => {
  let api: Api;
  let alex: string;
  let jordan: string;
  let dana: Actor;
  /** Alex's request above an agent's limit, for Dana, on the escalation Alex accepted. */
  let csrRequest: BillAdjustment;

  beforeEach(async () => {
    api = await startApi();
    [alex, jordan] = await Promise.all([staffSignIn(api, BILLING_CSR), staffSignIn(api, SUPERVISOR)]);
    const p = demoPerson('bundle');
    dana = await api.runtime.care.verification.verifyPin({ accountNumber: p.accountNumber, pin: p.pin }, { channel: 'chat', source: 'test' });
    const escalation = await queueEscalation(api, { actor: dana, reason: 'billed twice for the fiber plan', skill: 'billing' });
    assert.equal((await api.http.post(`/api/v1/staff/queue/${escalation.id}/accept`).set('Authorization', alex)).status, 200);
    const billId = (await api.runtime.care.billing.summary(dana)).latestBillId as string;
    const big = (await api.runtime.care.billing.adjustableItems(dana, billId)).find((i) => i.maxAdjustable.amountMinor > 5000 && i.reasons.some((r) => r.id === 'billing-error'));
    assert.ok(big);
    const res = await api.http.post(`/api/v1/staff/escalations/${escalation.id}/actions/adjustment`).set('Authorization', alex).set('Idempotency-Key', newKey('big'))
      .send({ billId, itemId: big.id, reasonCode: 'billing-error', amountMinor: 6000 });
    assert.equal(res.status, 201, res.text);
    csrRequest = (await api.runtime.stores.adjustments.get(res.body.result.id as string)) as BillAdjustment;
    assert.equal(csrRequest.status, 'pending-approval');
  });
  afterEach(() => api.close());

  const decide = (auth: string, id: string, body: object) => api.http.post(`/api/v1/staff/approvals/${id}`).set('Authorization', auth).send(body);
  const danaSees = async (id: string) => {
    const res = await api.http.get('/api/v1/adjustments').set('Authorization', await signIn(api, demoPerson('bundle')));
    return (res.body as BillAdjustment[]).find((a) => a.id === id);
  };

  it('when requests wait, then the supervisor sees customer, amount, reason, who asked and the rule; a CSR is refused', async () => {
    const room = (await api.runtime.care.billing.adjustableItems(dana, csrRequest.billId)).find((i) => i.maxAdjustable.amountMinor > 2500 && i.reasons.some((r) => r.id === 'billing-error'));
    assert.ok(room, 'an item with room above the self-service limit');
    const self = await api.runtime.care.billing.requestAdjustment({ ...dana, channel: 'portal' }, { billId: csrRequest.billId, itemId: room.id, reasonCode: 'billing-error', amountMinor: 2600 }, { idempotencyKey: newKey('self') });
    assert.equal(self.status, 'pending-approval', 'above the portal self-service limit (2500)');

    const res = await api.http.get('/api/v1/staff/approvals').set('Authorization', jordan);
    assert.equal(res.status, 200, res.text);
    const items = res.body.items as { id: string }[];
    assert.deepEqual(items.map((i) => i.id), [csrRequest.id, self.id], 'oldest first');
    assert.deepEqual(res.body.items[0], {
      id: csrRequest.id, kind: 'adjustment', customer: { id: dana.customerId, name: 'Dana Whitfield', accountNumber: '31000101' },
      amount: { amountMinor: 6000, currency: csrRequest.amount.currency }, reason: { code: 'billing-error', label: res.body.items[0].reason.label },
      billId: csrRequest.billId, itemId: csrRequest.itemId, requestedBy: { kind: 'csr', csrId: 'stf-alex', name: 'Alex Morgan' },
      rule: 'above-csr-limit:agent:5000', requestedAt: csrRequest.createdAt, interactionId: csrRequest.interactionId,
    });
    assert.deepEqual(res.body.items[1].requestedBy, { kind: 'self-service', channel: 'portal' });
    assert.equal(res.body.items[1].rule, 'above-self-service-limit:portal:2500');

    const csr = await api.http.get('/api/v1/staff/approvals').set('Authorization', alex);
    assert.equal(csr.status, 403);
    assert.equal(problemOf(csr).code, 'NOT_PERMITTED');
    const csrDecides = await decide(alex, self.id, { decision: 'approve' });
    assert.equal(csrDecides.status, 403);
    assert.equal((await api.runtime.stores.adjustments.get(self.id))?.status, 'pending-approval');
    assert.equal(await api.runtime.stores.audit.count({ action: 'approval.view', staffId: 'stf-alex', result: 'refused' }), 1);
  });

  it('when the supervisor approves, then it goes to billing through the outbox, the bill is credited and Dana sees it applied', async () => {
    // Billing is down at the moment of the approval: the outbox delivers it later.
    const billing = api.runtime.backends.billing as { applyAdjustment: (...a: unknown[]) => Promise<unknown> };
    const apply = billing.applyAdjustment.bind(billing);
    billing.applyAdjustment = async () => {
      throw Object.assign(new Error('billing down'), { code: 'BACKEND_UNAVAILABLE' });
    };
    const res = await decide(jordan, csrRequest.id, { decision: 'approve', note: 'double charge confirmed' });
    assert.equal(res.status, 200, res.text);
    const approved = await api.runtime.stores.adjustments.get(csrRequest.id);
    assert.equal(approved?.approval, 'approved');
    assert.equal(approved?.status, 'submitted');
    assert.deepEqual(approved?.decidedBy, { csrId: 'stf-jordan', role: 'supervisor', at: approved?.decidedBy?.at });
    assert.equal(approved?.submission?.state === 'delivered', false, 'not delivered while billing is down');

    billing.applyAdjustment = apply;
    api.clock.advance(3600_000);
    assert.equal(await api.runtime.outbox.drainOnce(), 1);
    const applied = await api.runtime.stores.adjustments.get(csrRequest.id);
    assert.equal(applied?.status, 'applied');
    assert.ok((await api.runtime.stores.bills.get(csrRequest.billId))?.appliedAdjustmentIds.includes(csrRequest.id));
    assert.equal((await danaSees(csrRequest.id))?.status, 'applied');
    const step = (await api.runtime.stores.interactions.get(csrRequest.interactionId as string))?.steps.find((s) => s.name === 'adjustment.decided');
    assert.equal(step?.detail?.decision, 'approve');
    assert.equal(await api.runtime.stores.audit.count({ action: 'approval.decide', staffId: 'stf-jordan', result: 'ok', customerId: dana.customerId as string }), 1);
  });

  it('when the supervisor rejects, then the reason is recorded and Dana sees it rejected; a rejection without a reason is refused', async () => {
    const noReason = await decide(jordan, csrRequest.id, { decision: 'reject' });
    assert.equal(noReason.status, 422);
    assert.equal((await api.runtime.stores.adjustments.get(csrRequest.id))?.status, 'pending-approval');
    const res = await decide(jordan, csrRequest.id, { decision: 'reject', note: 'the charge is correct: two lines' });
    assert.equal(res.status, 200, res.text);
    const rejected = await api.runtime.stores.adjustments.get(csrRequest.id);
    assert.equal(rejected?.status, 'rejected');
    assert.equal(rejected?.decisionNote, 'the charge is correct: two lines');
    assert.equal(rejected?.submission, undefined, 'nothing goes to billing');
    const seen = await danaSees(csrRequest.id);
    assert.equal(seen?.status, 'rejected');
    assert.equal(seen?.decisionNote, 'the charge is correct: two lines');
  });

  it('when two decisions race, then exactly one wins (200) and the other gets 409; the store holds the winner', async () => {
    const [a, b] = await Promise.all([
      decide(jordan, csrRequest.id, { decision: 'approve', note: 'ok' }),
      decide(jordan, csrRequest.id, { decision: 'reject', note: 'no' }),
    ]);
    assert.deepEqual([a.status, b.status].sort(), [200, 409]);
    const winner = a.status === 200 ? 'approved' : 'rejected';
    assert.equal(problemOf(a.status === 409 ? a : b).code, 'CONFLICT');
    assert.equal((await api.runtime.stores.adjustments.get(csrRequest.id))?.approval, winner);
    const decisions = await api.runtime.stores.audit.find({ action: 'approval.decide' });
    assert.deepEqual(decisions.map((d) => d.result).sort(), ['ok', 'refused']);
  });

  it('when two supervisors approve the same request at once, then one approval wins and the other gets 409; billing gets it once', async () => {
    const { stores, deps } = api.runtime;
    await stores.staff.insert({
      id: 'stf-second', username: 'casey.second', displayName: 'Casey Second', role: 'supervisor', skills: ['billing'],
      passwordHash: await deps.hasher.hash('Second-super-2026'), lockout: { consecutiveFailures: 0 }, active: true, createdAt: api.clock.now().toISOString(), revokedSessions: [],
    });
    const casey = await staffSignIn(api, { username: 'casey.second', password: 'Second-super-2026' });
    const [a, b] = await Promise.all([decide(jordan, csrRequest.id, { decision: 'approve' }), decide(casey, csrRequest.id, { decision: 'approve' })]);
    assert.deepEqual([a.status, b.status].sort(), [200, 409]);
    const winner = a.status === 200 ? 'stf-jordan' : 'stf-second';
    const stored = await stores.adjustments.get(csrRequest.id);
    assert.equal(stored?.decidedBy?.csrId, winner);
    const bill = await stores.bills.get(csrRequest.billId);
    assert.equal(bill?.appliedAdjustmentIds.filter((x) => x === csrRequest.id).length, 1);
  });

  it('when a supervisor tries to decide their own request, then 403 and it still waits', async () => {
    // The supervisor asked as a CSR (e.g. covering the queue); the request is theirs.
    await api.runtime.stores.adjustments.replace({ ...csrRequest, requestedBy: { kind: 'csr', channel: 'csr', csrId: 'stf-jordan' } });
    const res = await decide(jordan, csrRequest.id, { decision: 'approve' });
    assert.equal(res.status, 403);
    assert.equal(problemOf(res).code, 'NOT_PERMITTED');
    assert.equal((await api.runtime.stores.adjustments.get(csrRequest.id))?.status, 'pending-approval');
  });
});
