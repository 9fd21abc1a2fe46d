/**
 * Every dead end on the phone has its exit: back to the main menu from a procedure (draft kept),
 * "0" at a money prompt is an amount, a retry racing the first request replays its answer,
 * a locked account's name is not said, ended calls leave the queue, and confirmations say
 * yes/no instead of the procedure's own verb.
 */
import assert from 'node:assert/strict';
import { startVoiceApp, type VoiceApp } from './support/voice-app';
import type { CallStateStore } from '../../../src/channels/voice/call-state';
import { CallScript } from './support/call-script';

describe('voice: no dead ends', function () {
  let app: VoiceApp;
  beforeEach(async () => {
    app = await startVoiceApp();
  });
  afterEach(async () => {
    await app.close();
  });

  /** Dana, verified, resume offer declined, in the bill adjustment up to the amount question. */
  const atAmount = async (lang = '1') => {
    const dana = app.person('bundle');
    const s = await new CallScript(app.call(dana.phone)).dial();
    await s.play(lang, dana.pin, '2', lang === '1' ? /charge on your bill/ : /cargo en su factura/, /November 2026|noviembre de 2026/, /International calling plan|Plan de llamadas internacionales/, /Billing error|error de facturación/);
    return s;
  };
  const interactionOf = async (s: CallScript) => app.fx.care.interactions.get((await app.store.get(s.caller.callSid))?.value.interactionId as string);

  it('when the caller presses star inside a procedure, then the menu comes back once announced, and picking the procedure again continues where they left it', async () => {
    const dana = app.person('bundle');
    const s = await new CallScript(app.call(dana.phone)).dial();
    await s.play('1', dana.pin, '2', /charge on your bill/);
    s.expectHeard(/To go back to the main menu at any time, press star or say main menu\. Which bill is the charge on\?/);
    await s.play(/November 2026|noviembre de 2026/);
    assert.doesNotMatch(s.text(), /go back to the main menu/, 'the hint is said once per call');
    s.expectHeard(/Which charge would you like adjusted\?/);
    await s.play('*');
    s.expectHeard(/I've kept your progress on a bill adjustment\. Choose it again to pick up where you left off\. Main menu\./);
    assert.equal(s.heard.enqueue, undefined);
    const paused = await interactionOf(s);
    assert.equal(paused.procedure?.status, 'open');
    assert.deepEqual(paused.procedure?.completed, ['bill']);
    await s.play(/charge on your bill/);
    s.expectHeard(/let's continue\. Which charge would you like adjusted\?/);
    assert.deepEqual((await interactionOf(s)).procedure?.completed, ['bill'], 'the answers so far are kept');
  });

  it('when the caller says "main menu" inside a procedure and hangs up, then the next call offers to resume the draft', async () => {
    const dana = app.person('bundle');
    const s = await new CallScript(app.call(dana.phone)).dial();
    await s.play('1', dana.pin, '2', /changing a service/, /Fiber 500/);
    await s.play({ say: 'main menu' });
    s.expectHeard(/kept your progress on a change to a service\. .*Main menu\./);
    await s.caller.hangUp();
    const again = await new CallScript(app.call(dana.phone)).dial();
    await again.play('1', dana.pin);
    again.expectHeard(/Last time you started a change to a service and didn't finish\./);
    await again.play('1');
    again.expectHeard(/let's continue\. .*Here are the changes you can make\./);
  });

  it('when the caller presses asterisco in Spanish, then the Spanish menu comes back with the draft kept', async () => {
    const s = await atAmount('2');
    await s.play('*');
    s.expectHeard(/guardé su avance en un ajuste de factura\. Elíjalo de nuevo para continuar donde lo dejó\. Menú principal\./);
  });

  it('when the caller enters 0 at the amount prompt, then it is taken as an amount (refused and asked again), not as a request for an agent', async () => {
    const s = await atAmount();
    s.expectHeard(/How much should we credit\?/);
    await s.play('0');
    assert.equal(s.heard.enqueue, undefined, 'not transferred');
    s.expectHeard(/Sorry, that amount can't be used\..*How much should we credit\?/);
    const i = await interactionOf(s);
    assert.equal(i.links.escalationId, undefined, 'no escalation recorded');
    assert.equal(i.procedure?.status, 'open');
  });

  it('when the caller presses 0 on a list where it is no option, then they still reach an agent', async () => {
    const dana = app.person('bundle');
    const s = await new CallScript(app.call(dana.phone)).dial();
    await s.play('1', dana.pin, '2', /charge on your bill/, '0');
    assert.ok(s.heard.enqueue, 'queued for a person');
  });

  it('when two identical webhook retries reach two web processes at once on the confirm step, then the racing one waits and replays the first answer: one credit, no contradiction', async () => {
    // The request that completes the procedure is held before that write until the other has either
    // answered too (the old race: "that answer can't be used here") or found the call locked.
    let open!: () => void;
    const opened = new Promise<void>((resolve) => (open = resolve));
    let armed = false;
    let held = false;
    const gate = (store: CallStateStore): CallStateStore => ({
      ...store,
      get: (sid) => store.get(sid),
      delete: (sid) => store.delete(sid),
      close: () => store.close(),
      async compareAndSet(sid, expected, value) {
        if (armed) open();
        return store.compareAndSet(sid, expected, value);
      },
      async lock(sid, ttlMs) {
        const release = store.lock ? await store.lock(sid, ttlMs) : null;
        if (armed && !release) open();
        return release;
      },
    });
    await app.close();
    app = await startVoiceApp({ wrapStore: gate });
    const other = await startVoiceApp({ shareWith: app, wrapStore: gate });
    try {
      const s = await atAmount();
      await s.play('');
      s.expectHeard(/You're asking for a credit of .* Press 1 for yes, or 2 for no\./);
      const twin = other.call(s.caller.from, { callSid: s.caller.callSid });
      twin.last = s.caller.last;
      // The first request to finish the procedure is held just before its write, while the credit exists.
      const interactions = app.fx.stores.interactions;
      const replace = interactions.replace.bind(interactions);
      interactions.replace = async (doc) => {
        if (armed && !held && doc.procedure?.status === 'done') {
          held = true;
          await opened;
        }
        return replace(doc);
      };
      armed = true;
      const [a, b] = await Promise.all([s.caller.answerRaw({ digits: '1' }), twin.answerRaw({ digits: '1' })]);
      assert.equal(held, true, 'the race was played');
      assert.equal(a.status, 200);
      assert.match(a.body, /credit of five dollars (has been applied|has been submitted)/);
      assert.equal(b.body, a.body, 'the racing retry replays the first answer');
      const interaction = await interactionOf(s);
      const adjustments = await app.fx.stores.adjustments.find({ customerId: interaction.customerId as string });
      assert.equal(adjustments.filter((x) => x.interactionId === interaction.id).length, 1, 'one credit');
      assert.equal((await app.store.get(s.caller.callSid))?.value.lastTwiml, a.body, 'the call state holds that answer');
    } finally {
      await other.close();
    }
  });

  it('when the account is locked, then the caller is not greeted by name before the PIN', async () => {
    const tom = app.person('reset');
    const first = await new CallScript(app.call(tom.phone)).dial();
    await first.play('1');
    assert.match(first.text(), /Hi Tom\./, 'an unlocked account is greeted (the test can fail)');
    for (let i = 0; i < 5 && !first.heard.enqueue; i += 1) await first.play('0000');
    first.expectHeard(/account is locked/);
    const again = await new CallScript(app.call(tom.phone)).dial();
    await again.play('1');
    again.expectHeard(/please enter your four digit PIN/);
    assert.doesNotMatch(again.text(), /Tom/);
  });

  for (const status of ['completed', 'canceled', 'no-answer', 'busy', 'failed']) {
    it(`when a queued caller's call ends (${status}), then it leaves the queue and the next caller is number 1 in line`, async () => {
      // The same customer twice: same skill and priority, so only the ended call can be ahead.
      const tom = app.person('reset');
      const first = await new CallScript(app.call(tom.phone)).dial();
      await first.play('1', tom.pin, /isn't working/, { say: 'agent' });
      first.expectHeard(/You are number 1 in line\./);
      const escalationId = (await app.store.get(first.caller.callSid))?.value.escalationId as string;
      assert.equal((await first.caller.hangUp({ status })).status, 204);
      const left = await app.fx.stores.escalations.get(escalationId);
      assert.equal(left?.status, 'abandoned');
      assert.equal(left?.abandoned?.reason, 'hung-up');
      app.fx.clock.advance(60_000); // queued a minute later: behind the first call if that one still counted
      const second = await new CallScript(app.call(tom.phone)).dial();
      await second.play('1', tom.pin, /isn't working/, { say: 'agent' });
      second.expectHeard(/You are number 1 in line\./);
    });
  }

  it('when a queued call is still ringing or in progress (not an end), then the status callback leaves it in the queue', async () => {
    const tom = app.person('reset');
    const first = await new CallScript(app.call(tom.phone)).dial();
    await first.play('1', tom.pin, /isn't working/, { say: 'agent' });
    const escalationId = (await app.store.get(first.caller.callSid))?.value.escalationId as string;
    await first.caller.hangUp({ status: 'in-progress' });
    assert.equal((await app.fx.stores.escalations.get(escalationId))?.status, 'queued');
    app.fx.clock.advance(60_000);
    // Another customer (a second call of Tom's would be a repeat contact, more urgent than his first).
    const grace = app.person('technician');
    const second = await new CallScript(app.call(grace.phone)).dial();
    await second.play('1', grace.pin, /isn't working/, { say: 'agent' });
    second.expectHeard(/You are number 2 in line\./);
  });

  it('when a service is about to be cancelled, then declining says "keep", never "cancel" (English and Spanish)', async () => {
    for (const [lang, expected, banned] of [
      ['1', /Do you want to cancel this service\? Press 1 for yes\. To keep your service, press 2\./, /To cancel, press 2/],
      ['2', /¿Desea cancelar este servicio\? Oprima 1 para sí\. Para conservar su servicio, oprima 2\./, /Para cancelar, oprima 2/],
    ] as const) {
      const priya = app.person('outage');
      const s = await new CallScript(app.call(priya.phone)).dial();
      await s.play(lang, priya.pin);
      if (/Last time|La última vez/.test(s.text())) await s.play('2');
      await s.play(lang === '1' ? /cancelling a service/ : /cancelar un servicio/, /Fiber 1000/, /switching|me cambio/, '*', '*', '2', '1'); // '1': it ends today
      s.expectHeard(expected);
      assert.doesNotMatch(s.text(), banned);
      await s.play({ say: lang === '1' ? 'cancel' : 'cancelar' });
      assert.match(s.text(), lang === '1' ? /didn't get that/ : /no le entendí/, '"cancel" is no longer heard as "no" here');
      await s.caller.hangUp();
    }
  });
});
