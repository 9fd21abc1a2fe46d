import assert from 'node:assert/strict';
import { makeCare, type CareFixture } from '../../../support/care-fixture';
import type { Actor } from '../../../../src/domain/shared/actor';
import { actorOf, walk } from '../procedures/walk';

/** The next-best offer (rules/next-best-offer.json) over the demo operator. */
describe('next-best offer at the end of a contact', () => {
  let f: CareFixture;
  beforeEach(async () => {
    f = await makeCare();
  });
  afterEach(() => f.close());

  const billInquiry = (actor: Actor) => walk(f.care, actor, 'bill-inquiry', []);

  it('when Dana (internet, TV, phone, no mobile) finishes a bill inquiry, then one mobile offer is made and recorded once', async () => {
    const dana = await actorOf(f, 'bundle');
    const { interactionId } = await billInquiry(dana);
    const offer = await f.care.offers.nextBest(dana, interactionId);
    assert.equal(offer?.productId, 'mobile-unlimited');
    assert.equal(offer?.kind, 'new');
    assert.equal(offer?.rule, 'add-mobile');
    assert.deepEqual(await f.care.offers.nextBest(dana, interactionId), offer, 'asking again returns the same offer');
    const i = await f.care.interactions.get(interactionId);
    assert.equal(i.offer?.productId, 'mobile-unlimited');
    assert.equal(i.steps.filter((s) => s.name === 'offer.made').length, 1);
  });

  it('when Dana declines, then the answer is on the interaction and no second offer is made', async () => {
    const dana = await actorOf(f, 'bundle');
    const { interactionId } = await billInquiry(dana);
    await f.care.offers.nextBest(dana, interactionId);
    const { offer, step } = await f.care.offers.answer(dana, interactionId, 'declined');
    assert.equal(offer.answer, 'declined');
    assert.equal(step, undefined);
    const i = await f.care.interactions.get(interactionId);
    assert.equal(i.offer?.answer, 'declined');
    assert.deepEqual(i.marketing, [{ questionId: 'next-best-offer', answerId: 'declined' }]);
    assert.equal(await f.care.offers.nextBest(dana, interactionId), null);
    await assert.rejects(f.care.offers.answer(dana, interactionId, 'accepted'), { code: 'STEP_NOT_VALID' });
  });

  it('when Dana accepts, then the new-service procedure starts with the offered product chosen and the order is placed', async () => {
    const dana = await actorOf(f, 'bundle');
    const { interactionId } = await billInquiry(dana);
    await f.care.offers.nextBest(dana, interactionId);
    const { step } = await f.care.offers.answer(dana, interactionId, 'accepted');
    assert.equal(step?.procedure, 'new-service');
    assert.notEqual(step?.kind, 'done');
    const again = await f.care.offers.answer(dana, interactionId, 'accepted');
    assert.deepEqual(again.step, step, 'a repeated acceptance returns the same step');
    let next = step!;
    while (next.kind !== 'done') {
      const value = next.kind === 'confirm' ? true : next.kind === 'choose' ? (next.optional ? null : next.options[0]?.id) : '';
      next = await f.care.procedures.answer(dana, interactionId, next.field, value);
    }
    assert.equal(next.outcome === 'completed' || next.outcome === 'submitted', true);
    const orders = await f.stores.orders.find({ interactionId });
    assert.equal(orders.length, 1);
    assert.equal(orders[0]!.items[0]!.action === 'add' && orders[0]!.items[0]!.productId, 'mobile-unlimited');
    assert.equal((await f.care.interactions.get(interactionId)).offer?.answer, 'accepted');
  });

  it('when the same acceptance arrives twice at once, then it is recorded once and the order procedure starts once', async () => {
    const dana = await actorOf(f, 'bundle');
    const { interactionId } = await billInquiry(dana);
    await f.care.offers.nextBest(dana, interactionId);
    const [a, b] = await Promise.all([f.care.offers.answer(dana, interactionId, 'accepted'), f.care.offers.answer(dana, interactionId, 'accepted')]);
    assert.equal(a.offer.answer, 'accepted');
    assert.equal(b.offer.answer, 'accepted');
    const i = await f.care.interactions.get(interactionId);
    assert.equal(i.steps.filter((s) => s.name === 'offer.answered').length, 1);
    assert.equal(i.procedure?.name, 'new-service');
    assert.equal(i.steps.filter((s) => s.name === 'procedure.started' && s.procedure === 'new-service').length, 1);
  });

  it('when Tom (legacy DSL) finishes a contact, then fiber is offered as an upgrade of his DSL service', async () => {
    const tom = await actorOf(f, 'reset');
    const { interactionId } = await billInquiry(tom);
    const offer = await f.care.offers.nextBest(tom, interactionId);
    assert.equal(offer?.productId, 'fiber-500');
    assert.equal(offer?.kind, 'upgrade');
    const { step } = await f.care.offers.answer(tom, interactionId, 'accepted');
    assert.equal(step?.procedure, 'modify-service');
    assert.equal(step?.kind, 'confirm');
  });

  it('when Marcus (suspended for non-payment) finishes a contact, then nothing is offered', async () => {
    const marcus = await actorOf(f, 'suspended');
    const { interactionId } = await billInquiry(marcus);
    assert.equal(await f.care.offers.nextBest(marcus, interactionId), null);
    assert.equal((await f.care.interactions.get(interactionId)).offer, undefined);
  });

  it('when the contact was escalated, then nothing is offered', async () => {
    const dana = await actorOf(f, 'bundle');
    const { interactionId } = await billInquiry(dana);
    await f.care.escalations.escalate(dana, interactionId, { reason: 'customer asked for an agent' });
    assert.equal(await f.care.offers.nextBest(dana, interactionId), null);
  });

  it('when no procedure succeeded yet, then nothing is offered', async () => {
    const dana = await actorOf(f, 'bundle');
    const i = await f.care.interactions.start(dana, { channel: 'chat' });
    assert.equal(await f.care.offers.nextBest(dana, i.id), null);
  });

  it('when the customer already has the product a rule names, then the next rule is used', async () => {
    const grace = await actorOf(f, 'technician');
    const { interactionId } = await billInquiry(grace);
    const offer = await f.care.offers.nextBest(grace, interactionId);
    assert.equal(offer?.productId, 'tv-plus', 'not home-security or mobile, which she has');
  });

  it('when the contact ends with an offer unanswered, then it is recorded as no answer', async () => {
    const dana = await actorOf(f, 'bundle');
    const { interactionId } = await billInquiry(dana);
    await f.care.offers.nextBest(dana, interactionId);
    await f.care.interactions.end(interactionId, { status: 'completed' });
    assert.equal((await f.care.interactions.get(interactionId)).offer?.answer, 'no-answer');
  });
});
