/**
 * A caller names a product family by voice ("my TV isn't working"), at the main menu or at the
 * service question: no such service is said plainly, then their services are listed; their only
 * one of that family is chosen for them. Keys work as before.
 */
import assert from 'node:assert/strict';
import { startVoiceApp, type VoiceApp } from './support/voice-app';
import { CallScript } from './support/call-script';

describe('voice: a fault on a service the caller has or does not have', function () {
  let app: VoiceApp;
  beforeEach(async () => {
    app = await startVoiceApp();
  });
  afterEach(async () => {
    await app.close();
  });

  const interactionOf = async (s: CallScript) => app.fx.care.interactions.get((await app.store.get(s.caller.callSid))?.value.interactionId as string);
  const tomCalls = async (lang: '1' | '2' = '1') => {
    const tom = app.person('reset');
    const s = await new CallScript(app.call(tom.phone)).dial();
    await s.play(lang, tom.pin);
    return s;
  };
  const serviceOf = async (key: 'reset' | 'outage', productId: string) => {
    const c = await app.fx.stores.customers.findOne({ accountNumber: app.person(key).accountNumber });
    return c!.services.find((x) => x.productId === productId)!.id;
  };

  it('when Tom (DSL and home phone, no TV) says "my TV isn\'t working" at the main menu, then he hears he has no TV and the services he has, and can pick one', async () => {
    const s = await tomCalls();
    await s.play({ say: "my TV isn't working" });
    s.expectHeard(/I don't see a TV service on your account\. You have Classic DSL 10.*Home Phone.*\. .*Which service is having trouble\? For Classic DSL 10, press 1\. For Brightwave Home Phone.*press 2\./);
    await s.play(/Classic DSL/);
    s.expectHeard(/What's happening\?/);
    const i = await interactionOf(s);
    assert.equal(i.procedure?.answers.service, await serviceOf('reset', 'dsl-legacy-10'));
    assert.ok(i.steps.some((x) => x.name === 'refused' && x.detail?.reasonCode === 'service-not-on-account'), 'the refusal is on the record');
  });

  it('when Tom says "my TV" at the service question, then he hears he has no TV and the list again, and no answer is recorded', async () => {
    const s = await tomCalls();
    await s.play(/isn't working/, { say: 'my TV' });
    s.expectHeard(/I don't see a TV service on your account\. You have Classic DSL 10.*Which service is having trouble\? For Classic DSL 10, press 1\./);
    assert.deepEqual((await interactionOf(s)).procedure?.completed, []);
    await s.play('1');
    s.expectHeard(/What's happening\?/);
  });

  it('when Tom says "my internet is broken" at the main menu, then his only internet service is chosen and the symptom is asked', async () => {
    const s = await tomCalls();
    await s.play({ say: 'my internet is broken' });
    s.expectHeard(/What's happening\?/);
    assert.doesNotMatch(s.transcript.join('\n'), /Which service is having trouble/);
    const i = await interactionOf(s);
    assert.deepEqual(i.procedure?.completed, ['service']);
    assert.equal(i.procedure?.answers.service, await serviceOf('reset', 'dsl-legacy-10'));
  });

  it('when Priya says "the TV" at the service question, then her TV is chosen', async () => {
    const priya = app.person('outage');
    const s = await new CallScript(app.call(priya.phone)).dial();
    await s.play('1', priya.pin, /isn't working/, { say: 'the TV' });
    s.expectHeard(/What's happening\?/);
    assert.equal((await interactionOf(s)).procedure?.answers.service, await serviceOf('outage', 'tv-basic'));
  });

  it('when Tom says in Spanish "mi tele no funciona" at the main menu, then he hears in Spanish he has no TV and his services', async () => {
    const s = await tomCalls('2');
    await s.play({ say: 'mi tele no funciona' });
    s.expectHeard(/No veo un servicio de televisión en su cuenta\. Usted tiene Classic DSL 10.*¿Qué servicio tiene problemas\?/);
  });

  it('when Tom says in Spanish "no tengo internet" at the main menu, then his DSL is chosen and the symptom is asked in Spanish', async () => {
    const s = await tomCalls('2');
    await s.play({ say: 'no tengo internet' });
    s.expectHeard(/¿Qué está pasando\?/);
    assert.equal((await interactionOf(s)).procedure?.answers.service, await serviceOf('reset', 'dsl-legacy-10'));
  });
});
