/** Ordering at another address than the billing one, by phone. */
import assert from 'node:assert/strict';
import { startVoiceApp, type VoiceApp } from './support/voice-app';
import { CallScript } from './support/call-script';

describe('voice: a new service at another address', function () {
  let app: VoiceApp;
  beforeEach(async () => {
    app = await startVoiceApp();
  });
  afterEach(async () => {
    await app.close();
  });

  it('when Dana orders a home phone for another address, then an unserviceable ZIP is refused with the reason and the order carries the address given', async () => {
    const dana = app.person('bundle');
    const script = await new CallScript(app.call(dana.phone)).dial();
    await script.play('1', dana.pin, '2', /a new service/, /Home Phone/, '*');
    script.expectHeard(/Where should we install it\? For 418 Cedar Avenue, Riverton, IL, 6 2 7 0 1, press 1\. For a different address, press 2\./);
    await script.play('2');
    script.expectHeard(/^What's the street address where you want the service\? Please say your answer after the tone\.$/);
    await script.play({ say: '12 Lake Shore Drive' }, { say: 'Lakeview' }, { say: 'Illinois' });
    script.expectHeard(/What's the ZIP code\? Enter the number, then press pound\./);
    await script.play('90210');
    script.expectHeard(/^Sorry, we can't provide Brightwave Home Phone at ZIP code 9 0 2 1 0\. That address is outside our network\. What's the ZIP code\?/);
    await script.play('62705');
    script.expectHeard(/^At 12 Lake Shore Drive, Lakeview, Illinois, 6 2 7 0 5\. Your quote for Brightwave Home Phone/);
    await script.play('1');
    script.expectHeard(/Home Phone (is active|has been placed)/);

    const interactionId = (await app.store.get(script.caller.callSid))?.value.interactionId as string;
    const orders = await app.fx.stores.orders.find({ interactionId });
    assert.equal(orders.length, 1);
    const item = orders[0]!.items[0]!;
    assert.deepEqual(item.action === 'add' && item.serviceAddress, { line1: '12 Lake Shore Drive', city: 'Lakeview', region: 'Illinois', postalCode: '62705', country: 'US' });
  });
});
