import assert from 'node:assert/strict';
import { makeCare, type CareFixture } from '../../../support/care-fixture';
import { anonymous } from '../../../../src/domain/shared/actor';
import { actorOf, first, optionLabelled, walk } from './walk';
import { demoIds } from '../../../support/demo-ids';

/** Continuity across channels and the hand-off to a CSR, over the demo operator. */
describe('continuity and escalation with the demo operator', () => {
  let f: CareFixture;
  beforeEach(async () => {
    f = await makeCare();
  });
  afterEach(() => f.close());

  it('when Dana calls after leaving an adjustment half-done in chat, then voice resumes it at the reason', async () => {
    const dana = await actorOf(f, 'bundle', 'voice');
    const call = await f.care.interactions.start(dana, { channel: 'voice', channelRef: 'CA-resume' });
    const draft = await f.care.procedures.resumable(dana);
    assert.equal(draft?.procedure, 'bill-adjustment');
    assert.equal(draft?.channel, 'chat');
    assert.deepEqual(draft?.completed, ['bill', 'item']);

    const step = await f.care.procedures.resume(dana, call.id);
    assert.equal(step.kind === 'choose' && step.field, 'reason');
    await f.care.procedures.answer(dana, call.id, 'reason', 'usage-dispute');
    await f.care.procedures.answer(dana, call.id, 'amount', '');
    const done = await f.care.procedures.answer(dana, call.id, 'confirm', true);
    assert.equal(done.kind, 'done');
    const i = await f.care.interactions.get(call.id);
    assert.equal(i.resumedFrom, draft?.interactionId);
    assert.equal((await f.care.interactions.get(draft?.interactionId as string)).procedure?.closed?.to, call.id);
    assert.equal(await f.care.procedures.resumable(dana), null, 'offered once');
  });

  it('when a chat is abandoned mid-procedure, then the portal resumes it and the order is placed once', async () => {
    const chat = await actorOf(f, 'reset', 'chat');
    const c = await f.care.interactions.start(chat, { channel: 'chat' });
    await f.care.procedures.start(chat, c.id, 'modify-service');
    await f.care.procedures.answer(chat, c.id, 'service', (await demoIds(f.stores)).serviceId('31000104', 1));
    await f.care.interactions.end(c.id, { status: 'abandoned' });
    assert.equal((await f.care.interactions.get(c.id)).procedure?.status, 'open', 'the draft survives the abandoned chat');

    f.clock.advance(2 * 3_600_000);
    const portal = await actorOf(f, 'reset', 'portal');
    const p = await f.care.interactions.start(portal, { channel: 'portal' });
    assert.equal((await f.care.procedures.resumable(portal))?.interactionId, c.id);
    const step = await f.care.procedures.resume(portal, p.id);
    assert.equal(step.kind === 'choose' && step.field, 'modification');
    await f.care.procedures.answer(portal, p.id, 'modification', first(step as never));
    const end = await f.care.procedures.answer(portal, p.id, 'confirm', true);
    assert.equal(end.kind === 'done' && !!end.refs.orderId, true);
    assert.equal(await f.stores.orders.count({ interactionId: p.id }), 1);
    await assert.rejects(f.care.procedures.resume(portal, p.id), { code: 'NOTHING_TO_RESUME' });
  });

  it('when nothing is unfinished, then resume says so', async () => {
    const me = await actorOf(f, 'technician');
    const i = await f.care.interactions.start(me, { channel: 'chat' });
    assert.equal(await f.care.procedures.resumable(me), null);
    await assert.rejects(f.care.procedures.resume(me, i.id), { code: 'NOTHING_TO_RESUME' });
  });

  it('when an extension is refused, then billing gets the context and the reason, once', async () => {
    const me = await actorOf(f, 'suspended', 'voice');
    const { interactionId } = await walk(f.care, me, 'payment-extension', []);
    await f.care.interactions.transcript(interactionId, { from: 'customer', text: 'I can pay on the 15th, card 4111111111111111' });
    const e = await f.care.escalations.escalate(me, interactionId, { reason: 'extension refused' });
    const again = await f.care.escalations.escalate(me, interactionId, { reason: 'extension refused' });
    assert.equal(again.id, e.id);
    assert.equal(e.skill, 'billing');
    assert.equal(e.priority, 1, 'overdue account (billing 3 → 2), and self-service refused the extension (rules/escalation-priority.json → 1)');
    assert.equal(e.context.recommendedAction, 'review payment extension: not eligible (too-far-past-due)');
    assert.match(e.reason, /^refused \(extension-too-far-past-due\): the account is \d+ days past due/, 'the refusal, not the words the channel passed');
    assert.equal(e.context.refusal?.reasonCode, 'extension-too-far-past-due');
    assert.deepEqual(e.context.refusal?.nextSteps, ['pay-balance', 'agent']);
    assert.equal(e.context.intent, 'payment-extension');
    assert.equal(e.context.customer?.accountNumber, '31000102');
    assert.equal(e.context.verification, 'verified');
    assert.ok((e.context.snapshot?.balanceMinor ?? 0) > 0);
    assert.equal(e.context.transcript.at(-1)?.text, 'I can pay on the 15th, card [card redacted]');
    assert.equal(await f.care.escalations.position(e.id), 1);
    const i = await f.care.interactions.get(interactionId);
    assert.equal(i.status, 'escalated');
    assert.equal(i.links.escalationId, e.id);
  });

  it('when a repair opens a ticket, then the repair queue gets the diagnostics and what to do next', async () => {
    const me = await actorOf(f, 'technician');
    const { interactionId, done } = await walk(f.care, me, 'repair', [['service', optionLabelled(/Home Phone/)], ['symptom', 'no-dial-tone'], ['slot', first]]);
    const e = await f.care.escalations.escalate(me, interactionId, { reason: 'customer wants it sooner' });
    assert.equal(e.skill, 'repair');
    assert.equal(e.context.diagnostics?.symptom, 'no-dial-tone');
    assert.equal(e.context.diagnostics?.lineTest?.result, 'fail');
    assert.equal(e.context.recommendedAction, `schedule technician for ticket ${done.refs.ticketId}`);
    assert.deepEqual((e.context.dataCollected.symptom as { label: string }).label, 'No dial tone');
  });

  it('when a caller locks the account guessing the PIN, then a locked caller still reaches verification', async () => {
    const p = f.people.find((x) => x.key === 'outage');
    const who = await f.care.verification.identifyByPhone(p?.phone as string, { channel: 'voice' });
    const call = await f.care.interactions.start(anonymous('voice'), { channel: 'voice', channelRef: 'CA-locked' });
    await f.care.interactions.attach(call.id, who?.actor as never);
    for (let n = 0; n < f.deps.policy.lockoutThreshold; n++) {
      await assert.rejects(f.care.verification.verifyPin({ customerId: who?.actor.customerId, pin: '0000' }, { channel: 'voice' }));
    }
    await assert.rejects(f.care.verification.verifyPin({ customerId: who?.actor.customerId, pin: p?.pin as string }, { channel: 'voice' }), { code: 'ACCOUNT_LOCKED' });

    const e = await f.care.escalations.escalate(anonymous('voice'), call.id, { reason: 'locked out' });
    assert.equal(e.skill, 'verification');
    assert.equal(e.context.recommendedAction, 'verify identity: account locked');
    assert.equal(e.context.verification, 'identified');
    assert.equal(e.context.customer?.accountNumber, p?.accountNumber);
    assert.ok(!JSON.stringify(e).includes('pinHash'));
    assert.equal((await f.care.interactions.get(call.id)).status, 'escalated');
  });
});
