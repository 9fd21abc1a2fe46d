import assert from 'node:assert/strict';
import { makeCare, type CareFixture } from '../../../support/care-fixture';
import { anonymous, type Actor } from '../../../../src/domain/shared/actor';
import { spokenEmail } from '../../../../src/domain/procedures/definitions/new-customer';

/** Someone who is not a customer becomes one (sign-up procedure), then orders. */
describe('new-customer procedure', () => {
  let f: CareFixture;
  beforeEach(async () => {
    f = await makeCare();
  });
  afterEach(() => f.close());

  const CALLER = '+13125550177';
  const details: [string, string][] = [
    ['first-name', 'Sam'],
    ['last-name', 'Okafor'],
    ['email', 'sam dot okafor at example dot com'],
    ['address.line1', '7 Elm Street'],
    ['address.city', 'Riverton'],
    ['address.region', 'IL'],
    ['address.postal-code', '62701'],
  ];

  async function upToCode(actor: Actor, phone: unknown) {
    const { id } = await f.care.interactions.start(actor, { channel: actor.channel, channelRef: 'CA-new' });
    await f.care.procedures.start(actor, id, 'new-customer');
    for (const [field, value] of details) await f.care.procedures.answer(actor, id, field, value);
    const step = await f.care.procedures.answer(actor, id, 'phone', phone);
    return { id, step };
  }

  it('when a caller from an unknown number signs up with the code sent to that number, then a verified customer exists and can order', async () => {
    const caller = anonymous('voice', CALLER);
    const { id } = await f.care.interactions.start(caller, { channel: 'voice', channelRef: 'CA-new' });
    const first = await f.care.procedures.start(caller, id, 'new-customer');
    assert.equal(first.kind === 'input' && first.field, 'first-name');
    for (const [field, value] of details) await f.care.procedures.answer(caller, id, field, value);
    const phoneStep = await f.care.procedures.current(caller, id);
    assert.deepEqual(phoneStep.kind === 'choose' && phoneStep.options.map((o) => o.label), ["the number you're calling from, ending in 0177"]);
    const codeStep = await f.care.procedures.answer(caller, id, 'phone', 'caller');
    assert.equal(codeStep.kind === 'input' && codeStep.field, 'code');
    assert.equal(codeStep.kind === 'input' && codeStep.facts.sentTo, '***-**77');
    assert.equal(await f.stores.customers.count({ phones: CALLER }), 0, 'no account before the phone is proved');

    await assert.rejects(f.care.procedures.answer(caller, id, 'code', '000000'), { code: 'VERIFICATION_FAILED' });
    const pinStep = await f.care.procedures.answer(caller, id, 'code', f.backends.notifier.lastCodeFor(CALLER));
    assert.equal(pinStep.kind === 'input' && pinStep.field, 'pin');
    const done = await f.care.procedures.answer(caller, id, 'pin', '3691');
    assert.equal(done.kind === 'done' && done.outcome, 'completed');

    const customer = await f.stores.customers.findOne({ phones: CALLER });
    assert.equal(customer?.email, 'sam.okafor@example.com');
    assert.deepEqual(customer?.billingAddress, { line1: '7 Elm Street', city: 'Riverton', region: 'IL', postalCode: '62701', country: 'US' });
    assert.equal(await f.care.verification.verifyPin({ accountNumber: customer!.accountNumber, pin: '3691' }, { channel: 'voice' }).then((a) => a.verification), 'verified');

    const { actor } = await f.care.customers.signedUp(id, { channel: 'voice', source: CALLER }, { locale: 'es' });
    assert.equal(actor.customerId, customer!.id);
    assert.equal((await f.stores.customers.get(customer!.id))?.locale, 'es', 'greeted in the language they signed up in');
    const i = await f.care.interactions.get(id);
    assert.equal(i.customerId, customer!.id);
    assert.equal(i.verification, 'verified');
    assert.equal(JSON.stringify(i).includes('3691'), false, 'the PIN is not kept on the interaction');

    await f.care.procedures.start(actor, id, 'new-service', { product: 'mobile-5gb' });
    let step = await f.care.procedures.current(actor, id);
    while (step.kind !== 'done') {
      const value = step.kind === 'confirm' ? true : step.kind === 'choose' && !step.optional ? step.options[0]!.id : null;
      step = await f.care.procedures.answer(actor, id, step.field, value);
    }
    assert.equal(await f.stores.orders.count({ customerId: customer!.id }), 1);
  });

  it('when no code was entered, then no account exists and the contact does not become a customer', async () => {
    const caller = anonymous('chat', 'conv-1');
    const { id } = await upToCode(caller, '(312) 555-0166');
    assert.equal(await f.stores.customers.count({ phones: '+13125550166' }), 0);
    await assert.rejects(f.care.customers.signedUp(id, { channel: 'chat' }), { code: 'NOT_VERIFIED' });
  });

  it('when three wrong codes are entered, then a new code is sent and the old one no longer works', async () => {
    const caller = anonymous('chat', 'conv-3');
    const { id } = await upToCode(caller, '(312) 555-0166');
    const first = f.backends.notifier.lastCodeFor('+13125550166') as string;
    const wrong = first === '111111' ? '222222' : '111111';
    await assert.rejects(f.care.procedures.answer(caller, id, 'code', wrong), { code: 'VERIFICATION_FAILED', details: { remainingAttempts: 2 } });
    await assert.rejects(f.care.procedures.answer(caller, id, 'code', wrong), { code: 'VERIFICATION_FAILED', details: { remainingAttempts: 1 } });
    await assert.rejects(f.care.procedures.answer(caller, id, 'code', wrong), { code: 'CODE_EXPIRED' });
    const second = f.backends.notifier.lastCodeFor('+13125550166') as string;
    if (second !== first) await assert.rejects(f.care.procedures.answer(caller, id, 'code', first), { code: 'VERIFICATION_FAILED' });
    const next = await f.care.procedures.answer(caller, id, 'code', second);
    assert.equal(next.kind === 'input' && next.field, 'pin');
    assert.equal((await f.care.interactions.get(id)).signUpCode, undefined, 'the code is spent');
  });

  it('when the code has expired, then a new one is sent and that one works', async () => {
    const caller = anonymous('chat', 'conv-4');
    const { id } = await upToCode(caller, '(312) 555-0166');
    const first = f.backends.notifier.lastCodeFor('+13125550166') as string;
    f.clock.advance(11 * 60_000);
    await assert.rejects(f.care.procedures.answer(caller, id, 'code', first), { code: 'CODE_EXPIRED' });
    const next = await f.care.procedures.answer(caller, id, 'code', f.backends.notifier.lastCodeFor('+13125550166'));
    assert.equal(next.kind === 'input' && next.field, 'pin');
  });

  it('when the number is already on an account, then sign-up is refused at the phone step', async () => {
    const caller = anonymous('chat', 'conv-2');
    const { id } = await f.care.interactions.start(caller, { channel: 'chat' });
    await f.care.procedures.start(caller, id, 'new-customer');
    for (const [field, value] of details) await f.care.procedures.answer(caller, id, field, value);
    await assert.rejects(f.care.procedures.answer(caller, id, 'phone', f.people[0]!.phone), { code: 'DUPLICATE' });
    assert.equal(await f.stores.customers.count({ email: 'sam.okafor@example.com' }), 0);
  });

  it('when a verified customer starts it, then it is refused', async () => {
    const p = f.people[0]!;
    const dana = await f.care.verification.verifyPin({ accountNumber: p.accountNumber, pin: p.pin }, { channel: 'chat' });
    const { id } = await f.care.interactions.start(dana, { channel: 'chat' });
    await assert.rejects(f.care.procedures.start(dana, id, 'new-customer'), { code: 'VALIDATION_FAILED' });
  });

  it('when an email is spoken, then it is written as an address', () => {
    assert.equal(spokenEmail('Sam dot Okafor at example dot com'), 'sam.okafor@example.com');
    assert.equal(spokenEmail(' sam.okafor@Example.com '), 'sam.okafor@example.com');
  });
});
