/**
 * The hard parts of a phone call: wrong PINs and lockout, silence and wrong keys, "agent"
 * anywhere, the account-number fallback, resuming an abandoned call, Twilio retrying a
 * webhook, forged or missing signatures and garbled parameters.
 */
import assert from 'node:assert/strict';
import twilio from 'twilio';
import { startVoiceApp, PUBLIC_BASE_URL, AUTH_TOKEN, type VoiceApp } from './support/voice-app';
import { CallScript } from './support/call-script';
import { newCallSid } from '../../../src/channels/voice/twiml/twilio-caller';

describe('voice: call handling', function () {
  let app: VoiceApp;
  beforeEach(async () => {
    app = await startVoiceApp();
  });
  afterEach(async () => {
    await app.close();
  });

  const verified = async (key: 'bundle' | 'suspended' | 'outage' | 'reset' | 'technician', lang = '1') => {
    const p = app.person(key);
    const s = await new CallScript(app.call(p.phone)).dial();
    await s.play(lang, p.pin);
    return s;
  };

  it('when the caller enters a wrong PIN, then they hear it did not match with tries left and may try again', async () => {
    const tom = app.person('reset');
    const s = await new CallScript(app.call(tom.phone)).dial();
    await s.play('1', '0000');
    s.expectHeard(/that PIN didn't match\. You have \d+ tries left\..*enter your four digit PIN/);
    await s.play(tom.pin);
    s.expectHeard(/you're verified\. Main menu/);
  });

  it('when wrong PINs reach the lockout threshold, then the account is locked and the caller is queued for verification', async () => {
    const tom = app.person('reset');
    const s = await new CallScript(app.call(tom.phone)).dial();
    await s.play('1');
    for (let i = 0; i < 5 && !s.heard.enqueue; i += 1) await s.play('0000');
    s.expectHeard(/account is locked.*transfer you to a representative who can verify/);
    assert.equal(s.heard.enqueue?.queue, 'verification');
    const again = await new CallScript(app.call(tom.phone)).dial();
    await again.play('1', tom.pin);
    again.expectHeard(/account is locked/);
  });

  it('when one number tries too many PINs in a minute, then the caller hears that the number is paused, not that the account is locked, and is queued for a person', async () => {
    const throttled = await startVoiceApp({ throttlePoints: 2 });
    try {
      const tom = throttled.person('reset');
      const s = await new CallScript(throttled.call(tom.phone)).dial();
      await s.play('1', '0000', '0000');
      s.expectHeard(/that PIN didn't match/);
      await s.play(tom.pin);
      s.expectHeard(/can't check any more PINs from this number for a few minutes/);
      assert.doesNotMatch(s.text(), /account is locked/);
      assert.ok(s.heard.enqueue, 'the caller is queued for a representative');
      const customer = await throttled.fx.stores.customers.findOne({ accountNumber: tom.accountNumber });
      assert.equal(customer?.lockout.lockedUntil ?? null, null, 'the account itself is not locked');
    } finally {
      await throttled.close();
    }
  });

  it('when the PIN is never logged, then no log line holds the digits', async () => {
    const tom = app.person('reset');
    const s = await new CallScript(app.call(tom.phone)).dial();
    await s.play('1', '9876', tom.pin);
    await s.caller.hangUp();
    assert.ok(app.logs.some((l) => l.msg === 'voice: call ended'), 'the call was logged');
    const logged = JSON.stringify(app.logs);
    assert.equal(logged.includes(tom.pin), false);
    assert.equal(logged.includes('9876'), false);
  });

  it('when the caller stays silent or presses a key that is not offered, then the question is asked again, then an agent takes over', async () => {
    const s = await verified('reset');
    await s.play({ silence: true });
    s.expectHeard(/^Sorry, I didn't hear anything\. Main menu\..*To speak with a representative at any time, press 0/);
    await s.play('8');
    s.expectHeard(/^Sorry, I didn't get that\. Main menu/);
    await s.play('7');
    s.expectHeard(/transferring you to a customer care representative/);
    assert.equal(s.heard.enqueue?.queue, 'general');
  });

  it('when the caller presses 0 or says "agent" in a procedure, then an escalation is recorded and the call is queued for that skill', async () => {
    const s = await verified('reset');
    await s.play(/isn't working/);
    await s.play({ say: 'I want to talk to an agent please' });
    s.expectHeard(/transferring you.*You are number 1 in line/);
    assert.equal(s.heard.enqueue?.queue, 'repair');
    assert.match(s.heard.enqueue?.waitUrl ?? '', /\/voice\/wait\?l=en$/);
    const escalations = await app.fx.stores.escalations.find({});
    assert.equal(escalations.length, 1);
    assert.equal(escalations[0].skill, 'repair');
    assert.equal(escalations[0].interactionId, (await app.fx.stores.interactions.findOne({ channelRef: s.caller.callSid }))?.id);
  });

  it('when a queued caller hangs up, then their escalation leaves the CSR queue at once (abandoned), and a call that never escalated leaves it alone', async () => {
    const waiting = await verified('reset');
    await waiting.play(/isn't working/);
    await waiting.play({ say: 'agent' });
    const other = await verified('outage');
    await other.caller.hangUp({ durationSec: 20 });
    const [before] = await app.fx.stores.escalations.find({});
    assert.equal(before?.status, 'queued', 'another caller hanging up changes nothing');
    await waiting.caller.hangUp({ durationSec: 95 });
    const after = await app.fx.stores.escalations.get(before!.id);
    assert.equal(after?.status, 'abandoned');
    assert.ok(after?.closedAt);
  });

  it('when a TaskRouter workflow is configured and a caller with an unfinished adjustment presses 0, then escalation enqueues to the workflow with the escalation as task', async () => {
    await app.close();
    app = await startVoiceApp({ workflowSid: `WW${'a'.repeat(32)}` });
    const s = await verified('bundle', '2');
    await s.play('0');
    s.expectHeard(/Le transfiero/);
    assert.equal(s.heard.enqueue?.workflowSid, `WW${'a'.repeat(32)}`);
    const task = JSON.parse(s.heard.enqueue?.task ?? '{}') as Record<string, string>;
    assert.equal(task.skill, 'billing', 'her unfinished bill adjustment routes her to billing');
    assert.match(task.escalationId, /.+/);
  });

  it('when the number is unknown, then the caller enters an account number and PIN', async () => {
    const tom = app.person('reset');
    const s = await new CallScript(app.call('+15550100999')).dial();
    await s.play('1');
    s.expectHeard(/enter your account number/);
    await s.play('99999999', '1234');
    s.expectHeard(/account number and PIN didn't match\. .*Please enter your account number/);
    await s.play(tom.accountNumber, tom.pin);
    s.expectHeard(/Thank you Tom|Thank you, you're verified/);
  });

  it('when a caller abandons a procedure and calls again, then they are offered to resume it where they left off', async () => {
    const first = await verified('reset');
    await first.play(/a new service/, /Home Phone/);
    first.expectHeard(/add-on/);
    await first.caller.hangUp({ durationSec: 40 });
    const firstState = await app.fx.stores.interactions.find({ channelRef: first.caller.callSid });
    assert.equal(firstState[0].status, 'abandoned');

    const second = await verified('reset');
    second.expectHeard(/Last time you started an order for a new service and didn't finish/);
    await second.play('1');
    second.expectHeard(/let's continue\. Would you like an add-on\?/);
  });

  it('when Twilio retries a webhook, then the same TwiML comes back and no second order is placed', async () => {
    const s = await verified('reset');
    await s.play(/a new service/, /Home Phone/, /No add-on/, /Quarry Road/);
    s.expectHeard(/quote/);
    const confirm = await s.caller.answerRaw({ digits: '1' });
    const retried = await s.caller.post(new URL(s.heard.gather?.action ?? '').pathname + new URL(s.heard.gather?.action ?? '').search, {
      AccountSid: `AC${'0'.repeat(32)}`, ApiVersion: '2010-04-01', CallSid: s.caller.callSid, Direction: 'inbound', From: s.caller.from, Caller: s.caller.from,
      To: '+12175550100', Called: '+12175550100', CallStatus: 'in-progress', Digits: '1', FinishedOnKey: '',
    });
    assert.equal(retried.status, 200);
    assert.equal(retried.body, confirm.body);
    const tom = await app.fx.stores.customers.findOne({ accountNumber: app.person('reset').accountNumber });
    assert.equal(await app.fx.stores.orders.count({ customerId: tom?.id ?? "missing" }), 1);
  });

  it('when the signature is wrong or missing, then the webhook answers 403 and writes nothing', async () => {
    const forged = app.call(app.person('reset').phone, { signWith: 'not-the-auth-token-0000000000' });
    const r1 = await forged.post('/voice/incoming', { CallSid: forged.callSid, From: forged.from, CallStatus: 'ringing' });
    const r2 = await forged.post('/voice/incoming', { CallSid: forged.callSid, From: forged.from, CallStatus: 'ringing' }, { signature: null });
    const r3 = await forged.post('/voice/status', { CallSid: forged.callSid, CallStatus: 'completed', CallDuration: '3' }, { signature: null });

    assert.deepEqual([r1.status, r2.status, r3.status], [403, 403, 403]);
    assert.deepEqual(await app.redisKeys(), []);
    assert.equal(await app.fx.stores.interactions.count({ channelRef: forged.callSid }), 0);
  });

  it('when the request was signed for another URL (host, path or query), then it is refused', async () => {
    const sid = newCallSid();
    const params = { CallSid: sid, From: '+12175550145' };
    const signature = twilio.getExpectedTwilioSignature(AUTH_TOKEN, 'https://elsewhere.example.test/voice/incoming', params);
    const res = await fetch(`${app.url}/voice/incoming`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-twilio-signature': signature }, body: new URLSearchParams(params).toString() });
    assert.equal(res.status, 403);
    const ok = twilio.getExpectedTwilioSignature(AUTH_TOKEN, `${PUBLIC_BASE_URL}/voice/incoming`, params);
    const good = await fetch(`${app.url}/voice/incoming`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-twilio-signature': ok }, body: new URLSearchParams(params).toString() });
    assert.equal(good.status, 200);
  });

  it('when parameters are missing or garbled, then a signed request gets 400 or a re-prompt, never a 500', async () => {
    const c = app.call('+12175550145');
    const noSid = await c.post('/voice/incoming', { From: '+12175550145' });
    const badSid = await c.post('/voice/incoming', { CallSid: 'hello', From: '+12175550145' });
    assert.deepEqual([noSid.status, badSid.status], [400, 400]);

    const s = await new CallScript(c).dial();
    const garbled = await c.answerRaw({ digits: 'abc<script>' });
    assert.equal(garbled.status, 200);
    assert.match(garbled.heard?.says.map((x) => x.text).join(' ') ?? '', /didn't get that/);
    const stale = await c.post(`/voice/step?s=999`, { CallSid: c.callSid, From: c.from, Digits: '1' });
    assert.equal(stale.status, 200);
    assert.equal(stale.body, c.lastXml);
    const unknownCall = await c.post('/voice/step?s=1', { CallSid: newCallSid(), Digits: '1' });
    assert.equal(unknownCall.status, 200);
    assert.ok(unknownCall.heard?.enqueue, 'an unknown call is apologised to and queued');
    void s;
  });

  it('when Twilio calls the fallback URL, then the caller hears an apology and is queued', async () => {
    const c = app.call('+12175550145');
    const r = await c.post('/voice/fallback', { CallSid: c.callSid, ErrorCode: '11200' });
    assert.equal(r.status, 200);
    assert.match(r.heard?.says[0].text ?? '', /technical problem/);
    assert.equal(r.heard?.enqueue?.queue, 'general');
    const wait = await c.post('/voice/wait?l=es', { CallSid: c.callSid, QueuePosition: '1' });
    assert.match(wait.heard?.says[0].text ?? '', /Gracias por esperar/);
  });
});
