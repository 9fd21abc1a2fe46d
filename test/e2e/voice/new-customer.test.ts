/**
 * A whole call from someone who is not a customer yet: they press star at the account-number
 * prompt, give their details by voice, prove the calling number with the code texted to it,
 * choose a PIN and order a service. The store holds the new customer and the order afterwards.
 */
import assert from 'node:assert/strict';
import { startVoiceApp, type VoiceApp } from './support/voice-app';
import { CallScript } from './support/call-script';

const NEW_CALLER = '+13125550142';

describe('voice: a caller becomes a customer and orders', function () {
  let app: VoiceApp;
  beforeEach(async () => {
    app = await startVoiceApp();
  });
  afterEach(async () => {
    await app.close();
  });

  it('when an unknown caller presses star, signs up with the code sent to their number and orders a mobile line, then the customer and the order exist', async () => {
    const script = await new CallScript(app.call(NEW_CALLER)).dial();
    await script.play('1');
    script.expectHeard(/^Please enter your account number, then press pound\. If you're not a Brightwave customer yet and would like to become one, press star\.$/);
    await script.play('*');
    script.expectHeard(/^Welcome! Let's open your Brightwave account\. What's your first name\?/);
    await script.play({ say: 'Sam' }, { say: 'Okafor' }, { say: 'sam dot okafor at example dot com' }, { say: '7 Elm Street' }, { say: 'Riverton' }, { say: 'Illinois' }, '62701');
    script.expectHeard(/^To check it's you, I'll text a one-time code to the number you're calling from, ending in 0 1 4 2\. To send it, press 1\.$/);
    await script.play('1');
    script.expectHeard(/^I've texted you a code\. Please enter its six digits\./);
    assert.equal(await app.fx.stores.customers.count({ phones: NEW_CALLER }), 0, 'no account before the code is entered');
    const code = app.fx.backends.notifier.lastCodeFor(NEW_CALLER) as string;
    await script.play(code === '000000' ? '111111' : '000000');
    script.expectHeard(/^Sorry, that code didn't match\. You have 2 tries left\. I've texted you a code/);
    await script.play(code);
    script.expectHeard(/^Now choose a PIN of four to eight digits/);
    await script.play('3691');
    script.expectHeard(/^Welcome to Brightwave, Sam! Your account is open\. Your account number is \d \d \d \d, \d \d \d \d\. Now let's choose your service\. Here are the services you can add\./);
    await script.play(/Mobile 5 GB/);
    for (let turn = 0; turn < 4 && !/quote for/.test(script.text()); turn += 1) await script.play(/SIM|eSIM/.test(script.text()) ? '1' : '*');
    await script.play('1');
    script.expectHeard(/Your Brightwave Mobile 5 GB is active\. You can use it now\./);

    const customer = await app.fx.stores.customers.findOne({ phones: NEW_CALLER });
    assert.ok(customer, 'a customer record exists for the calling number');
    assert.equal(customer.firstName, 'Sam');
    assert.equal(customer.email, 'sam.okafor@example.com');
    const orders = await app.fx.stores.orders.find({ customerId: customer.id });
    assert.equal(orders.length, 1);
    assert.equal(orders[0]!.items[0]!.action === 'add' && orders[0]!.items[0]!.productId, 'mobile-5gb');
    const interactionId = (await app.store.get(script.caller.callSid))?.value.interactionId as string;
    const interaction = await app.fx.care.interactions.get(interactionId);
    assert.equal(interaction.customerId, customer.id);
    assert.equal(interaction.verification, 'verified');
    assert.equal(JSON.stringify(interaction).includes('3691'), false, 'the PIN chosen is not on the interaction');
  });
});
