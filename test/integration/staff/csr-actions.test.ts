/** A CSR finishing the job for the customer of the escalation they accepted, against the whole app. */
import assert from 'node:assert/strict';
import { demoPerson } from '../../../src/demo/demo-people';
import type { Actor } from '../../../src/domain/shared/actor';
import type { AdjustableItem } from '../../../src/domain/care';
import type { Escalation } from '../../../src/domain/escalation/escalation';
import { newKey, problemOf, signIn, startApi, type Api } from '../api/api-harness';
import { BILLING_CSR, queueEscalation, REPAIR_CSR, staffSignIn, SUPERVISOR } from './staff-harness';

describe('staff API: CSR actions for the customer of an accepted escalation', () => {
  let api: Api;
  let alex: string;
  let sam: string;
  let dana: Actor;
  let escalation: Escalation;
  let billId: string;
  let items: AdjustableItem[];

  beforeEach(async () => {
    api = await startApi();
    [alex, sam] = await Promise.all([staffSignIn(api, BILLING_CSR), staffSignIn(api, REPAIR_CSR)]);
    const p = demoPerson('bundle');
    dana = await api.runtime.care.verification.verifyPin({ accountNumber: p.accountNumber, pin: p.pin }, { channel: 'chat', source: 'test' });
    escalation = await queueEscalation(api, { actor: dana, reason: 'the international calls charge is wrong', skill: 'billing' });
    const accepted = await api.http.post(`/api/v1/staff/queue/${escalation.id}/accept`).set('Authorization', alex);
    assert.equal(accepted.status, 200, accepted.text);
    billId = (await api.runtime.care.billing.summary(dana)).latestBillId as string;
    items = await api.runtime.care.billing.adjustableItems(dana, billId);
  });
  afterEach(() => api.close());

  const act = (auth: string, action: string, body: unknown, key: string | null = newKey('csr'), escalationId = escalation.id) => {
    const req = api.http.post(`/api/v1/staff/escalations/${escalationId}/actions/${action}`).set('Authorization', auth);
    return (key === null ? req : req.set('Idempotency-Key', key)).send(body as object);
  };
  const usageItem = () => {
    const usage = items.find((i) => i.type === 'usage' && i.reasons.some((r) => r.id === 'usage-dispute'));
    assert.ok(usage, 'Dana has an adjustable usage charge');
    return usage;
  };

  it('when the CSR who accepted Dana\'s escalation credits a charge, then billing applies it as the CSR\'s request, on the escalation\'s interaction, audited', async () => {
    const usage = usageItem();
    const updates: string[] = [];
    const unsubscribe = api.runtime.events.subscribe((e) => void (e.type === 'interaction.updated' && updates.push(e.interactionId)));
    const res = await act(alex, 'adjustment', { billId, itemId: usage.id, reasonCode: 'usage-dispute', amountMinor: 800 });
    unsubscribe();
    assert.equal(res.status, 201, res.text);
    assert.equal(res.body.pendingApproval, false);
    assert.deepEqual(updates, [escalation.interactionId], 'live views hear of it');
    assert.equal(res.body.procedure, 'bill-adjustment');
    const id = res.body.result.id as string;

    const stored = await api.runtime.stores.adjustments.get(id);
    assert.equal(stored?.customerId, dana.customerId);
    assert.deepEqual(stored?.requestedBy, { kind: 'csr', channel: 'csr', csrId: 'stf-alex' });
    assert.equal(stored?.approval, 'auto-approved');
    assert.equal(stored?.status, 'applied', 'delivered to billing at once');
    assert.equal(stored?.interactionId, escalation.interactionId);
    const bill = await api.runtime.stores.bills.get(billId);
    assert.ok(bill?.appliedAdjustmentIds.includes(id), 'the credit is on the bill');

    const interaction = await api.runtime.stores.interactions.get(escalation.interactionId);
    assert.ok(interaction?.links.adjustmentIds.includes(id));
    const step = interaction?.steps.find((s) => s.name === 'csr.procedure');
    assert.deepEqual(step?.detail, { staffId: 'stf-alex', action: 'adjustment', status: 'applied', recordId: id });
    const audit = await api.runtime.stores.audit.find({ action: 'procedure', escalationId: escalation.id });
    assert.equal(audit.length, 1);
    assert.equal(audit[0]?.result, 'ok');
    assert.equal(audit[0]?.customerId, dana.customerId);
    assert.deepEqual(audit[0]?.detail, { procedure: 'bill-adjustment', action: 'adjustment', status: 'applied', recordId: id, pendingApproval: false });

    const mine = await api.http.get('/api/v1/adjustments').set('Authorization', await signIn(api, demoPerson('bundle')));
    assert.equal((mine.body as { id: string; status: string }[]).find((a) => a.id === id)?.status, 'applied', 'Dana sees it on her next contact');
  });

  it('when another CSR or the supervisor acts on an escalation they did not accept, then 403 and nothing is requested', async () => {
    const usage = usageItem();
    const body = { billId, itemId: usage.id, reasonCode: 'usage-dispute', amountMinor: 800 };
    const other = await act(sam, 'adjustment', body);
    assert.equal(other.status, 403);
    assert.equal(problemOf(other).code, 'NOT_PERMITTED');
    const boss = await act(await staffSignIn(api, SUPERVISOR), 'adjustment', body);
    assert.equal(boss.status, 403);
    assert.equal(await api.runtime.stores.adjustments.count({ customerId: dana.customerId as string }), 0);
    const refused = await api.runtime.stores.audit.find({ action: 'procedure', escalationId: escalation.id });
    assert.deepEqual(refused.map((a) => [a.staffId, a.result, a.code]).sort(), [['stf-jordan', 'refused', 'NOT_PERMITTED'], ['stf-sam', 'refused', 'NOT_PERMITTED']]);
  });

  it('when the CSR asks for more than an agent\'s limit, then it waits for a supervisor and the answer says so', async () => {
    const big = items.find((i) => i.maxAdjustable.amountMinor > 5000 && i.reasons.some((r) => r.id === 'billing-error'));
    assert.ok(big, 'an item with room above the agent limit (catalog csrLimitMinor.agent 5000)');
    const res = await act(alex, 'adjustment', { billId, itemId: big.id, reasonCode: 'billing-error', amountMinor: 5001 });
    assert.equal(res.status, 201, res.text);
    assert.equal(res.body.pendingApproval, true);
    assert.equal(res.body.status, 'pending-approval');
    assert.match(res.body.message, /supervisor/);
    const stored = await api.runtime.stores.adjustments.get(res.body.result.id as string);
    assert.equal(stored?.status, 'pending-approval');
    assert.equal(stored?.approvalBasis, 'above-csr-limit:agent:5000');
    assert.equal(stored?.submission, undefined, 'nothing goes to billing before the approval');
  });

  it('when the CSR retries an action with the same Idempotency-Key, then the first answer comes back and one adjustment exists; without a key nothing happens', async () => {
    const usage = usageItem();
    const body = { billId, itemId: usage.id, reasonCode: 'usage-dispute', amountMinor: 700 };
    const key = newKey('retry');
    const first = await act(alex, 'adjustment', body, key);
    const again = await act(alex, 'adjustment', body, key);
    assert.equal(first.status, 201, first.text);
    assert.equal(again.status, 201);
    assert.equal(again.headers['idempotent-replayed'], 'true');
    assert.equal(again.body.result.id, first.body.result.id);
    const noKey = await act(alex, 'adjustment', body, null);
    assert.equal(noKey.status, 400);
    assert.equal(problemOf(noKey).code, 'IDEMPOTENCY_KEY_REQUIRED');
    assert.equal(await api.runtime.stores.adjustments.count({ customerId: dana.customerId as string }), 1);
    const steps = (await api.runtime.stores.interactions.get(escalation.interactionId))?.steps.filter((s) => s.name === 'csr.procedure');
    assert.equal(steps?.length, 1);
  });

  it('when the CSR gives Dana more time to pay, then the extension goes through the self-service use case and is linked to the contact', async () => {
    const options = await api.runtime.care.billing.extensionOptions(dana);
    assert.ok(options);
    const res = await act(alex, 'extension', { billId: options.billId, toDate: options.dates[0] });
    assert.equal(res.status, 201, res.text);
    const stored = await api.runtime.stores.extensions.get(res.body.result.id as string);
    assert.equal(stored?.toDate, options.dates[0]);
    assert.equal(stored?.customerId, dana.customerId);
    assert.ok((await api.runtime.stores.interactions.get(escalation.interactionId))?.links.extensionIds.includes(stored?.id as string));
  });

  it('when a body is not valid, the escalation is not accepted yet, or it is wrapped up, then the action is refused and nothing is requested', async () => {
    const usage = usageItem();
    const body = { billId, itemId: usage.id, reasonCode: 'usage-dispute', amountMinor: 600 };
    const bad = await act(alex, 'adjustment', { ...body, amountMinor: -5, interactionId: 'x' });
    assert.equal(bad.status, 400);
    assert.equal(problemOf(bad).code, 'VALIDATION_FAILED');

    const waiting = await queueEscalation(api, { actor: dana, reason: 'another question', skill: 'billing' });
    const notAccepted = await act(alex, 'adjustment', body, newKey(), waiting.id);
    assert.equal(notAccepted.status, 403, 'nobody has accepted it');

    const disposition = ((await api.http.get('/api/v1/staff/dispositions').set('Authorization', alex)).body.items as { code: string }[])[0]?.code;
    const done = await api.http.post(`/api/v1/staff/queue/${escalation.id}/resolve`).set('Authorization', alex).send({ disposition, note: 'done' });
    assert.equal(done.status, 200, done.text);
    const closed = await act(alex, 'adjustment', body);
    assert.equal(closed.status, 409);
    assert.equal(await api.runtime.stores.adjustments.count({ customerId: dana.customerId as string }), 0);

    const customer = await act(await signIn(api, demoPerson('bundle')), 'adjustment', body);
    assert.equal(customer.status, 401, 'a customer token is refused on the staff API');
  });
});
