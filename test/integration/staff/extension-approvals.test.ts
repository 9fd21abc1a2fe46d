/** Payment extensions beyond the policy, asked by a CSR, wait for a supervisor (rules/extension-approval.json). */
import assert from 'node:assert/strict';
import { demoPerson } from '../../../src/demo/demo-people';
import type { Actor } from '../../../src/domain/shared/actor';
import type { PaymentExtension } from '../../../src/domain/billing/billing';
import type { ReferenceNotifier } from '../../../src/adapters/backends/reference-notifier';
import { newKey, problemOf, startApi, type Api } from '../api/api-harness';
import { BILLING_CSR, queueEscalation, staffSignIn, SUPERVISOR } from './staff-harness';

const plusDays = (day: string, n: number) => new Date(Date.parse(`${day}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);

describe('staff API: approvals of payment extensions', () => {
  let api: Api;
  let alex: string;
  let jordan: string;
  let dana: Actor;
  let escalationId: string;
  let options: { billId: string; currentDueDate: string; latestDate: string };

  beforeEach(async () => {
    api = await startApi();
    [alex, jordan] = await Promise.all([staffSignIn(api, BILLING_CSR), staffSignIn(api, SUPERVISOR)]);
    const p = demoPerson('bundle');
    dana = await api.runtime.care.verification.verifyPin({ accountNumber: p.accountNumber, pin: p.pin }, { channel: 'chat', source: 'test' });
    escalationId = (await queueEscalation(api, { actor: dana, reason: 'needs more time to pay', skill: 'billing' })).id;
    assert.equal((await api.http.post(`/api/v1/staff/queue/${escalationId}/accept`).set('Authorization', alex)).status, 200);
    const offered = await api.runtime.care.billing.extensionOptions(dana);
    assert.ok(offered, 'Dana may extend her latest bill within the policy');
    options = offered;
  });
  afterEach(() => api.close());

  const ask = (toDate: string, key = newKey('ext')) =>
    api.http.post(`/api/v1/staff/escalations/${escalationId}/actions/extension`).set('Authorization', alex).set('Idempotency-Key', key).send({ billId: options.billId, toDate });

  it('when a CSR asks for a date beyond the policy, then it waits with the rule; the supervisor approves and the bill moves, Dana is told at once', async () => {
    const toDate = plusDays(options.latestDate, 5);
    const res = await ask(toDate);
    assert.equal(res.status, 201, res.text);
    assert.equal(res.body.pendingApproval, true);
    const held = (await api.runtime.stores.extensions.get(res.body.result.id as string)) as PaymentExtension;
    assert.deepEqual([held.status, held.approval, held.approvalBasis, held.submission], ['pending-approval', 'pending-approval', 'rule:csr-beyond-max-days', undefined]);
    assert.equal((await api.runtime.stores.bills.get(options.billId))?.dueDate, options.currentDueDate, 'nothing moved yet');

    const list = await api.http.get('/api/v1/staff/approvals').set('Authorization', jordan);
    const item = (list.body.items as { id: string }[]).find((i) => i.id === held.id);
    assert.deepEqual(item, {
      id: held.id, kind: 'extension', customer: { id: dana.customerId, name: 'Dana Whitfield', accountNumber: '31000101' },
      amount: (await api.runtime.stores.bills.get(options.billId))?.balance, reason: { code: 'payment-extension', label: `Payment extension from ${options.currentDueDate} to ${toDate}` },
      billId: options.billId, extension: { fromDate: options.currentDueDate, toDate }, requestedBy: { kind: 'csr', csrId: 'stf-alex', name: 'Alex Morgan' },
      rule: 'rule:csr-beyond-max-days', requestedAt: held.createdAt, interactionId: held.interactionId,
    });

    const csr = await api.http.post(`/api/v1/staff/approvals/${held.id}`).set('Authorization', alex).send({ decision: 'approve' });
    assert.equal(csr.status, 403);
    const sentBefore = (api.runtime.backends.notifier as ReferenceNotifier).sent.length;
    const decided = await api.http.post(`/api/v1/staff/approvals/${held.id}`).set('Authorization', jordan).send({ decision: 'approve', note: 'hardship confirmed' });
    assert.equal(decided.status, 200, decided.text);
    const applied = await api.runtime.stores.extensions.get(held.id);
    assert.deepEqual([applied?.status, applied?.approval, applied?.decidedBy?.csrId], ['applied', 'approved', 'stf-jordan']);
    assert.equal((await api.runtime.stores.bills.get(options.billId))?.dueDate, toDate);
    const notices = (api.runtime.backends.notifier as ReferenceNotifier).sent.slice(sentBefore);
    assert.deepEqual(notices.map((n) => [n.kind, n.channel, n.text]), [['notice', 'sms', `Brightwave: your payment extension to ${toDate} was approved and is on its way to your bill.`]]);
    const step = (await api.runtime.stores.interactions.get(held.interactionId as string))?.steps.find((s) => s.name === 'extension.decided');
    assert.deepEqual(step?.detail, { extensionId: held.id, decision: 'approve', status: 'applied', note: 'hardship confirmed' });
  });

  it('when the supervisor rejects, then nothing moves, the reason is kept, and Dana may still take a date within the policy', async () => {
    const res = await ask(plusDays(options.latestDate, 3));
    const id = res.body.result.id as string;
    const rejected = await api.http.post(`/api/v1/staff/approvals/${id}`).set('Authorization', jordan).send({ decision: 'reject', note: 'pay the balance first' });
    assert.equal(rejected.status, 200, rejected.text);
    assert.deepEqual([(await api.runtime.stores.extensions.get(id))?.status, (await api.runtime.stores.extensions.get(id))?.decisionNote], ['rejected', 'pay the balance first']);
    assert.equal((await api.runtime.stores.bills.get(options.billId))?.dueDate, options.currentDueDate);
    assert.ok(await api.runtime.care.billing.extensionOptions(dana), 'a rejected request does not use up the extension');
    const again = await api.http.post(`/api/v1/staff/approvals/${id}`).set('Authorization', jordan).send({ decision: 'approve' });
    assert.equal(again.status, 409);
    assert.equal(problemOf(again).code, 'CONFLICT');
  });

  it('when a CSR asks for far more than any rule holds, then it is refused as before and nothing waits', async () => {
    const res = await ask(plusDays(options.latestDate, 40));
    assert.equal(res.status, 422, res.text);
    assert.equal(problemOf(res).code, 'EXTENSION_NOT_ALLOWED');
    assert.equal(await api.runtime.stores.extensions.count({ approval: 'pending-approval' }), 0);
  });

  it('when the customer asks in self-service beyond the policy, then it is refused (only a CSR may ask a supervisor)', async () => {
    await assert.rejects(api.runtime.care.billing.requestExtension(dana, { billId: options.billId, toDate: plusDays(options.latestDate, 5) }, { idempotencyKey: newKey('self') }), /not one of the dates offered/);
    assert.equal(await api.runtime.stores.extensions.count({}), 0);
  });
});
