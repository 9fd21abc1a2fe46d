/** The CSR queue, accepting (one CSR wins), the screen pop and the wrap-up, against the whole app. */
import assert from 'node:assert/strict';
import { demoPerson } from '../../../src/demo/demo-people';
import type { Actor } from '../../../src/domain/shared/actor';
import { anonymous } from '../../../src/domain/shared/actor';
import { problemOf, startApi, type Api } from '../api/api-harness';
import { BILLING_CSR, queueEscalation, REPAIR_CSR, staffSignIn, SUPERVISOR } from './staff-harness';

describe('staff API: queue, accept and wrap-up', () => {
  let api: Api;
  let billing: string;
  let repair: string;
  beforeEach(async () => {
    api = await startApi();
    [billing, repair] = await Promise.all([staffSignIn(api, BILLING_CSR), staffSignIn(api, REPAIR_CSR)]);
  });
  afterEach(() => api.close());

  const verified = async (key: Parameters<typeof demoPerson>[0]): Promise<Actor> => {
    const p = demoPerson(key);
    return api.runtime.care.verification.verifyPin({ accountNumber: p.accountNumber, pin: p.pin }, { channel: 'chat', source: 'test' });
  };

  it('when escalations wait, then each CSR sees only their skills, most urgent then oldest first, with channel, verified customer, reason and waiting time', async () => {
    const older = await queueEscalation(api, { actor: anonymous('chat'), reason: 'wants a person' });
    api.clock.advance(60_000);
    const dana = await verified('bundle');
    const billingOne = await queueEscalation(api, { actor: dana, reason: 'question about a charge', skill: 'billing', channel: 'voice' });
    api.clock.advance(60_000);
    const repairOne = await queueEscalation(api, { actor: anonymous('voice'), reason: 'no dial tone', skill: 'repair', channel: 'voice' });
    api.clock.advance(30_000);

    const res = await api.http.get('/api/v1/staff/queue').set('Authorization', billing);
    assert.equal(res.status, 200);
    const items = res.body.items as { id: string; channel: string; customer?: { name: string }; reason: string; waitingSec: number; priority: number }[];
    assert.deepEqual(items.map((x) => x.id), [billingOne.id, older.id], 'billing (priority 3) before general (4); no repair');
    assert.deepEqual(items[0], {
      id: billingOne.id, interactionId: billingOne.interactionId, channel: 'voice', skill: 'billing', priority: billingOne.priority, reason: 'question about a charge',
      createdAt: billingOne.createdAt, waitingSec: 90, customer: { id: billingOne.customerId, name: 'Dana Whitfield', accountNumber: '31000101' },
    });
    assert.equal(items[1]?.customer, undefined, 'an unidentified contact shows no customer');
    assert.equal(items[1]?.waitingSec, 150);

    const repairQueue = await api.http.get('/api/v1/staff/queue').set('Authorization', repair);
    assert.deepEqual((repairQueue.body.items as { id: string }[]).map((x) => x.id), [repairOne.id, older.id]);
    const all = await api.http.get('/api/v1/staff/queue').set('Authorization', await staffSignIn(api, SUPERVISOR));
    assert.deepEqual((all.body.items as { id: string }[]).map((x) => x.id).sort(), [older.id, billingOne.id, repairOne.id].sort());
    assert.equal(await api.runtime.stores.audit.count({ action: 'queue.view', staffId: 'stf-alex', result: 'ok' }), 1);
  });

  it('when a customer contacts us again within 24 hours, then the priority rules move the new escalation up the queue ahead of older ones', async () => {
    const grace = await verified('technician');
    const first = await queueEscalation(api, { actor: grace, reason: 'billing question', skill: 'billing' });
    api.clock.advance(3 * 3600_000);
    const repeat = await queueEscalation(api, { actor: grace, reason: 'billing question again', skill: 'billing' });
    assert.equal(first.priority, 3, 'billing, first contact');
    assert.equal(repeat.priority, 2, 'rules/escalation-priority.json: repeat-contact-24h');
    const items = (await api.http.get('/api/v1/staff/queue').set('Authorization', billing)).body.items as { id: string }[];
    assert.deepEqual(items.map((x) => x.id), [repeat.id, first.id]);
  });

  it('when two CSRs accept the same escalation at once, then exactly one gets 200 and the other 409, and the store names the winner', async () => {
    const e = await queueEscalation(api, { actor: anonymous('chat'), reason: 'wants a person' });
    const [a, b] = await Promise.all([
      api.http.post(`/api/v1/staff/queue/${e.id}/accept`).set('Authorization', billing),
      api.http.post(`/api/v1/staff/queue/${e.id}/accept`).set('Authorization', repair),
    ]);
    assert.deepEqual([a.status, b.status].sort(), [200, 409]);
    const loser = a.status === 409 ? a : b;
    assert.equal(problemOf(loser).code, 'CONFLICT');
    const winner = a.status === 200 ? 'stf-alex' : 'stf-sam';
    const stored = await api.runtime.stores.escalations.get(e.id);
    assert.equal(stored?.status, 'assigned');
    assert.equal(stored?.assignedTo, winner);
    const accepts = await api.runtime.stores.audit.find({ action: 'escalation.accept', escalationId: e.id });
    assert.deepEqual(accepts.map((x) => x.result).sort(), ['ok', 'refused']);
    const again = await api.http.post(`/api/v1/staff/queue/${e.id}/accept`).set('Authorization', winner === 'stf-alex' ? billing : repair);
    assert.equal(again.status, 200, 'the winner repeating the accept is harmless');
  });

  it('when a CSR accepts, then the screen pop has who and how verified, why, the steps and draft, the transcript and the account with the relevant sections first; the view is audited', async () => {
    const dana = await verified('bundle');
    const i = await api.runtime.care.interactions.start(dana, { channel: 'chat', channelRef: 'conv-1' });
    await api.runtime.care.interactions.attach(i.id, dana);
    await api.runtime.care.procedures.start(dana, i.id, 'bill-adjustment');
    await api.runtime.care.interactions.transcript(i.id, [{ from: 'customer', text: 'the international calls charge is wrong' }]);
    const e = await api.runtime.care.escalations.escalate(dana, i.id, { reason: 'chat: customer asked for an agent' });
    await api.runtime.care.interactions.transcript(i.id, [{ from: 'customer', text: 'still there?' }]);

    const res = await api.http.post(`/api/v1/staff/queue/${e.id}/accept`).set('Authorization', billing);
    assert.equal(res.status, 200);
    const pop = res.body;
    assert.equal(pop.customer.name, 'Dana Whitfield');
    assert.deepEqual(pop.verification, { level: 'verified', how: 'verified in chat (PIN, or a signed-in portal session)' });
    assert.equal(pop.why.reason, 'chat: customer asked for an agent');
    assert.equal(pop.why.intent, 'bill-adjustment');
    assert.equal(pop.draft.procedure, 'bill-adjustment');
    assert.ok((pop.stepsDone as { name: string }[]).some((s) => s.name === 'escalated'));
    assert.deepEqual((pop.transcript as { text: string }[]).map((t) => t.text), ['the international calls charge is wrong', 'still there?'], 'read live, not frozen at escalation');
    const sections = pop.sections as { key: string; relevant: boolean; items: unknown[] }[];
    // The demo gives Dana a half-done bill adjustment from the day before: the same intent, so her earlier contacts are relevant too.
    assert.deepEqual(sections.map((s) => [s.key, s.relevant]), [
      ['bills', true], ['adjustments', true], ['previousInteractions', true], ['orders', false], ['tickets', false], ['services', false],
    ]);
    assert.ok((sections[2]?.items as { intents: string[] }[]).some((p) => p.intents.includes('bill-adjustment')));
    assert.equal(sections[0]?.items.length, 3);
    const views = await api.runtime.stores.audit.find({ action: 'customer.view', escalationId: e.id });
    assert.deepEqual(views.map((v) => [v.staffId, v.customerId, v.result]), [['stf-alex', dana.customerId, 'ok']]);
  });

  it('when a CSR accepts from a queue they do not serve, then 403 NOT_PERMITTED and it stays queued', async () => {
    const e = await queueEscalation(api, { actor: anonymous('voice'), reason: 'no dial tone', skill: 'repair' });
    const res = await api.http.post(`/api/v1/staff/queue/${e.id}/accept`).set('Authorization', billing);
    assert.equal(res.status, 403);
    assert.equal(problemOf(res).code, 'NOT_PERMITTED');
    assert.equal((await api.runtime.stores.escalations.get(e.id))?.status, 'queued');
  });

  it('when the CSR wraps up with a disposition and a note, then the outcome is on the interaction, the escalation is resolved and it is audited', async () => {
    const dana = await verified('bundle');
    const e = await queueEscalation(api, { actor: dana, reason: 'question about a charge', skill: 'billing' });
    assert.equal((await api.http.post(`/api/v1/staff/queue/${e.id}/accept`).set('Authorization', billing)).status, 200);
    const res = await api.http.post(`/api/v1/staff/queue/${e.id}/resolve`).set('Authorization', billing).send({ disposition: 'information-given', note: 'explained the roaming charge, card 4111111111111111' });
    assert.equal(res.status, 200);
    assert.equal(res.body.escalation.status, 'resolved');
    const stored = await api.runtime.stores.escalations.get(e.id);
    assert.deepEqual(stored?.resolution, { by: 'stf-alex', disposition: 'information-given', note: 'explained the roaming charge, card ****************' });
    const i = await api.runtime.stores.interactions.get(e.interactionId);
    assert.equal(i?.outcome, 'informed-by-csr');
    assert.equal(i?.status, 'completed');
    assert.equal(i?.steps.filter((s) => s.name === 'wrap-up').length, 1);
    const wrapUps = await api.runtime.stores.audit.find({ action: 'wrap-up', escalationId: e.id });
    assert.deepEqual(wrapUps.map((w) => [w.staffId, w.customerId, w.result, w.detail?.disposition]), [['stf-alex', dana.customerId, 'ok', 'information-given']]);
  });

  it('when the disposition is unknown, a required note is missing or someone else wraps up, then it is refused and nothing changes', async () => {
    const e = await queueEscalation(api, { actor: anonymous('chat'), reason: 'wants a person' });
    await api.http.post(`/api/v1/staff/queue/${e.id}/accept`).set('Authorization', billing);
    const unknown = await api.http.post(`/api/v1/staff/queue/${e.id}/resolve`).set('Authorization', billing).send({ disposition: 'made-up' });
    assert.equal(unknown.status, 422);
    assert.equal(problemOf(unknown).code, 'VALIDATION_FAILED');
    const noNote = await api.http.post(`/api/v1/staff/queue/${e.id}/resolve`).set('Authorization', billing).send({ disposition: 'callback-promised' });
    assert.equal(noNote.status, 422);
    const other = await api.http.post(`/api/v1/staff/queue/${e.id}/resolve`).set('Authorization', repair).send({ disposition: 'resolved' });
    assert.equal(other.status, 403);
    const bad = await api.http.post(`/api/v1/staff/queue/${e.id}/resolve`).set('Authorization', billing).send({ disposition: 'resolved', extra: 1 });
    assert.equal(bad.status, 400);
    assert.equal((await api.runtime.stores.escalations.get(e.id))?.status, 'assigned');
    assert.equal((await api.runtime.stores.interactions.get(e.interactionId))?.outcome, undefined);
    assert.equal(await api.runtime.stores.audit.count({ action: 'wrap-up', result: 'ok' }), 0);
  });
});
