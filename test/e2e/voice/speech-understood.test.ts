/**
 * Speech the menu's listed words do not catch is read by the classifier chat uses: the caller's
 * first sentence picks the procedure, and answers in their own words pick options.
 */
import assert from 'node:assert/strict';
import { startVoiceApp, type VoiceApp } from './support/voice-app';
import { CallScript } from './support/call-script';

describe('voice: speech understood by the shared classifier', function () {
  let app: VoiceApp;
  beforeEach(async () => {
    app = await startVoiceApp();
  });
  afterEach(async () => {
    await app.close();
  });

  const calls = async (key: 'bundle' | 'reset', lang: '1' | '2' = '1') => {
    const who = app.person(key);
    const s = await new CallScript(app.call(who.phone)).dial();
    await s.play(lang, who.pin);
    // Dana has an unfinished adjustment from the demo data: she goes to the main menu.
    await s.play('2');
    return s;
  };
  const interactionOf = async (s: CallScript) => app.fx.care.interactions.get((await app.store.get(s.caller.callSid))?.value.interactionId as string);

  it('when Dana says "I was charged twice" and then "the latest one", then the dispute starts and her November bill is chosen', async () => {
    const s = await calls('bundle');
    await s.play({ say: 'I was charged twice' });
    s.expectHeard(/Which bill is the charge on\?/);
    await s.play({ say: 'the latest one' });
    s.expectHeard(/Which charge would you like adjusted\?/);
    const i = await interactionOf(s);
    assert.equal(i.procedure?.name, 'bill-adjustment');
    assert.deepEqual(i.procedure?.completed, ['bill']);
    assert.equal(i.procedure?.labels?.bill, '2026-11');
  });

  it('when Dana says "can I pay next week instead?", then the payment extension starts', async () => {
    const s = await calls('bundle');
    await s.play({ say: 'can I pay next week instead?' });
    s.expectHeard(/Which date would you like to pay by\?/);
    assert.equal((await interactionOf(s)).procedure?.name, 'payment-extension');
  });
});
