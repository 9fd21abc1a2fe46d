/**
 * Speech the menu's listed words do not catch is read by the classifier chat uses: the caller's
 * first sentence picks the procedure, and answers in their own words pick options.
 */
import assert from 'node:assert/strict';
import { LANGUAGE, startVoiceApp, type VoiceApp } from './support/voice-app';
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

describe('voice: a main-menu guess the classifier is not sure of is confirmed first', function () {
  let app: VoiceApp;
  beforeEach(async () => {
    app = await startVoiceApp();
  });
  afterEach(async () => {
    await app.close();
  });

  it('when Dana says "my payment" (a guess under 0.8), then she is asked whether she wants more time to pay, and 1 starts it', async () => {
    const dana = app.person('bundle');
    const s = await new CallScript(app.call(dana.phone)).dial();
    await s.play('1', dana.pin, '2');
    s.expectHeard(/Main menu\. Tell me in a few words what you're calling about, or choose\. For your balance/);
    const u = await LANGUAGE.understand('my payment', 'en');
    assert.equal(u.intent, 'payment-extension');
    assert.ok(u.score < 0.8, `the classifier is sure (${u.score}): pick another sentence for this test`);
    await s.play({ say: 'my payment' });
    s.expectHeard(/^Did you want more time to pay\? Press 1 for yes, or 2 to hear the menu\.$/);
    await s.play('1');
    s.expectHeard(/Which date would you like to pay by\?/);
  });

  it('when the caller says no to the guess, then the menu is listed again and nothing starts', async () => {
    const dana = app.person('bundle');
    const s = await new CallScript(app.call(dana.phone)).dial();
    await s.play('1', dana.pin, '2', { say: 'my payment' }, '2');
    s.expectHeard(/Main menu\. .*For your balance, orders and repairs, press 1\./);
    assert.equal((await app.store.get(s.caller.callSid))?.value.procedure, undefined);
  });
});
