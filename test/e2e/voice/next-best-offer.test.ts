/** The next-best offer at the end of a successful call, played as Twilio plays it. */
import assert from 'node:assert/strict';
import { startVoiceApp, type VoiceApp } from './support/voice-app';
import { CallScript } from './support/call-script';

describe('voice: the next-best offer at the end of a call', function () {
  let app: VoiceApp;
  beforeEach(async () => {
    app = await startVoiceApp();
  });
  afterEach(async () => {
    await app.close();
  });

  async function afterBillInquiry(locale: '1' | '2' = '1'): Promise<{ script: CallScript; interactionId: string }> {
    const dana = app.person('bundle');
    const script = await new CallScript(app.call(dana.phone)).dial();
    await script.play(locale, dana.pin, '2', locale === '1' ? /balance/ : /saldo/);
    const interactionId = (await app.store.get(script.caller.callSid))?.value.interactionId as string;
    return { script, interactionId };
  }

  it('when Dana has nothing else and declines the offer, then it is made once, the answer is stored and the call ends', async () => {
    const { script, interactionId } = await afterBillInquiry();
    await script.play('2');
    script.expectHeard(/^Before you go: Add Unlimited mobile, activated instantly with an eSIM\. From fifty-five dollars a month\. To get Brightwave Mobile Unlimited, press 1\. If not, press 2\.$/);
    await script.play('2');
    script.expectHeard(/^No problem\. Thanks for calling Brightwave\. Goodbye\.$/);
    assert.equal(script.heard.hangup, true);
    await script.caller.hangUp({ durationSec: 60 });
    const i = await app.fx.care.interactions.get(interactionId);
    assert.equal(i.offer?.productId, 'mobile-unlimited');
    assert.equal(i.offer?.answer, 'declined');
    assert.equal(i.steps.filter((s) => s.name === 'offer.made').length, 1);
  });

  it('when Dana accepts the offer, then the new-service procedure continues with the product and the order is placed, and no second offer is made', async () => {
    const { script, interactionId } = await afterBillInquiry();
    await script.play('2', '1');
    assert.match(script.text(), /^Great, let's set that up\. /);
    for (let turn = 0; turn < 6 && !/Your .* is active|has been placed/.test(script.text()); turn += 1) {
      await script.play(/quote for/.test(script.text()) ? '1' : /add-on/.test(script.text()) ? '*' : '1');
    }
    script.expectHeard(/Brightwave Mobile Unlimited is active\. You can use it now\./);
    await script.play('2');
    script.expectHeard(/^Thanks for calling Brightwave\. Goodbye\.$/);
    const i = await app.fx.care.interactions.get(interactionId);
    assert.equal(i.offer?.answer, 'accepted');
    const orders = await app.fx.stores.orders.find({ interactionId });
    assert.equal(orders.length, 1);
    assert.equal(orders[0]!.items[0]!.action === 'add' && orders[0]!.items[0]!.productId, 'mobile-unlimited');
  });

  it('when Dana stays silent at the offer, then it is recorded as not answered and the call ends', async () => {
    const { script, interactionId } = await afterBillInquiry('2');
    await script.play('2');
    script.expectHeard(/^Antes de despedirnos: Agregue el móvil Unlimited, activado al instante con una eSIM\. Desde cincuenta y cinco dólares al mes\. Para obtener Brightwave Mobile Unlimited, oprima 1\. Si no, oprima 2\.$/);
    await script.play({ silence: true });
    assert.equal(script.heard.hangup, true);
    assert.equal((await app.fx.care.interactions.get(interactionId)).offer?.answer, 'no-answer');
  });

  it('when Tom (legacy DSL) accepts the fiber offer after his repair, then the upgrade of his DSL service is confirmed and submitted', async () => {
    const tom = app.person('reset');
    const script = await new CallScript(app.call(tom.phone)).dial();
    await script.play('1', tom.pin, /isn't working/, /Classic DSL/, /No internet/, '2');
    script.expectHeard(/^Before you go: Fiber is now available in many areas: Fiber 500 is up to 20 times faster than DSL\. From [a-z -]+ dollars a month\. To get Fiber 500, press 1\./);
    await script.play('1');
    script.expectHeard(/^Great, let's set that up\. Your monthly bill changes by/);
    await script.play('1');
    script.expectHeard(/^Your change (is active now|has been submitted)/);
    const interactionId = (await app.store.get(script.caller.callSid))?.value.interactionId as string;
    const [order] = await app.fx.stores.orders.find({ interactionId, type: 'modify' });
    const item = order!.items[0]!;
    assert.equal(item.action === 'change-product' && `${item.fromProductId}>${item.toProductId}`, 'dsl-legacy-10>fiber-500');
    assert.equal((await app.fx.care.interactions.get(interactionId)).offer?.answer, 'accepted');
  });

  it('when Marcus (suspended) has nothing else, then no offer is made and the call ends', async () => {
    const marcus = app.person('suspended');
    const script = await new CallScript(app.call(marcus.phone)).dial();
    await script.play('1', marcus.pin);
    if (/pick up where you left off/.test(script.text())) await script.play('2');
    await script.play(/balance/, '2');
    script.expectHeard(/^Thanks for calling Brightwave\. Goodbye\.$/);
    const interactionId = (await app.store.get(script.caller.callSid))?.value.interactionId as string;
    assert.equal((await app.fx.care.interactions.get(interactionId)).offer, undefined);
  });
});
