/**
 * Someone who is not a customer becomes one by chat and orders, as a table of turns: the code
 * goes to the phone they give; the new customer and the order are checked in the store.
 */
import assert from 'node:assert/strict';
import { makeKit, play, type Kit } from './chat-test-kit';

const PHONE = '+13125550143';

describe('chat dialogs: becoming a customer', () => {
  let kit: Kit;
  beforeEach(async () => {
    kit = await makeKit();
  });
  afterEach(async () => {
    await kit.fixture.close();
  });
  const code = () => kit.fixture.backends.notifier.lastCodeFor(PHONE) as string;

  it("when a newcomer says they're new, signs up with the code texted to their phone and orders, then a customer record and an order exist", async () => {
    await play(kit, [
      ['hi', ["I'm the Brightwave assistant", '[Become a customer]']],
      ["I'm new, I'd like to become a customer", ["Let's open your Brightwave account. What's your first name?"]],
      ['Sam', ['And your last name?']],
      ['Okafor', ["What's your email address?"]],
      ['not-an-email', ["That doesn't look right", "What's your email address?"]],
      ['sam.okafor@example.com', ["What's your street address"]],
      ['7 Elm Street', ['Which city?']],
      ['Riverton', ['Which state?']],
      ['IL', ['And the ZIP code?']],
      ['62701', ["What's your mobile number?"]],
      ['(312) 555-0143', ["I've texted a code to ***-**43"]],
      ['123', ["That doesn't look right: that code didn't match", 'Please type it here']],
    ]);
    assert.equal(await kit.fixture.stores.customers.count({ phones: PHONE }), 0, 'no account before the code is entered');
    await play(kit, [
      [code(), ['Choose a PIN']],
      ['3691', [/Welcome to Brightwave, Sam! Your account number is 4\d{7}\. Now let's choose your service\./, 'Which service would you like?']],
      ['tap:Mobile 5 GB', ['SIM']],
      ['tap:eSIM', ['add-on']],
      ['tap:No add-on', ['quote for Brightwave Mobile 5 GB']],
      ['yes', ['Brightwave Mobile 5 GB is active']],
    ]);
    const customer = await kit.fixture.stores.customers.findOne({ phones: PHONE });
    assert.ok(customer, 'the customer record exists');
    assert.equal(customer.email, 'sam.okafor@example.com');
    const orders = await kit.fixture.stores.orders.find({ customerId: customer.id });
    assert.equal(orders.length, 1);
    assert.equal(orders[0]!.items[0]!.action === 'add' && orders[0]!.items[0]!.productId, 'mobile-5gb');
    const transcript = await kit.fixture.care.interactions.transcriptOf(orders[0]!.interactionId as string);
    assert.equal(transcript.some((e) => e.text.includes('3691') || e.text.includes(code())), false, 'the PIN and code are not in the transcript');
  });

  it('when a newcomer writes in Spanish that they are new, then the sign-up starts in Spanish', async () => {
    await play(kit, [[{ type: 'message', text: 'Hola, soy nuevo y quiero hacerme cliente', locale: 'es-US' }, ['Vamos a abrir su cuenta de Brightwave. ¿Cuál es su nombre?']]]);
    const [i] = await kit.fixture.stores.interactions.find({ channel: 'chat', status: 'open' }, { sort: { startedAt: -1 }, limit: 1 });
    assert.equal(i?.procedure?.name, 'new-customer');
  });

  it('when the number given is already on an account, then the newcomer is told so and asked again', async () => {
    const dana = kit.fixture.people.find((x) => x.key === 'bundle')!;
    await play(kit, [
      ['I want to open an account', ["What's your first name?"]],
      ['Sam', ['last name']],
      ['Okafor', ['email']],
      ['sam.okafor@example.com', ['street address']],
      ['7 Elm Street', ['city']],
      ['Riverton', ['state']],
      ['IL', ['ZIP']],
      ['62701', ['mobile number']],
      [dana.phone, ['already on a Brightwave account', "What's your mobile number?"]],
    ]);
    assert.equal(await kit.fixture.stores.customers.count({ email: 'sam.okafor@example.com' }), 0);
  });
});
