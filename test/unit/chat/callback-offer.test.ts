/** "Call me back instead" while queued for an agent, as tables of turns (English and Spanish); effects checked in the store. */
import assert from 'node:assert/strict';
import type { Activity, Middleware } from 'botbuilder';
import { HANDOFF_RELAYED, type CustomerMessage } from '../../../src/channels/chat/handoff/handoff-relay';
import { makeKit, play, send, type Kit, type Row } from './chat-test-kit';

describe('chat dialogs: leave a number and be called back', () => {
  let kit: Kit;
  beforeEach(async () => {
    kit = await makeKit();
  });
  afterEach(async () => {
    await kit.fixture.close();
  });
  const p = (key: string) => kit.fixture.people.find((x) => x.key === key)!;
  const queuedAsDana: () => Row[] = () => [
    ['I want to dispute a charge', ['account number']],
    [p('bundle').accountNumber, ['PIN']],
    [p('bundle').pin, ['Thanks, Dana']],
    ['agent', ['number 1 in line']],
    ['are you there?', ['still in line', '[Call me back instead]', '[Back to the assistant]']],
  ];
  const es = (text: string): Partial<Activity> => ({ type: 'message', text, locale: 'es-US' });
  const queuedInSpanish: () => Row[] = () => [
    [es('hola'), ['asistente de Brightwave']],
    [es('agente'), ['número 1']],
    [es('¿sigue ahí?'), ['Sigue en espera', '[Prefiero que me llamen]', '[Volver al asistente]']],
  ];
  const escalation = async () => {
    const [e] = await kit.fixture.stores.escalations.find({ status: { $in: ['queued', 'assigned', 'abandoned'] } });
    assert.ok(e);
    return e;
  };

  it('when a queued customer taps "Call me back instead", gives a number and asks for "as soon as possible", then the escalation stays queued as a callback to that number and the chat leaves the line', async () => {
    await play(kit, [
      ...queuedAsDana(),
      ['tap:Call me back', ['What number should the agent call?']],
      ['217 555 014', ["doesn't look like a phone number"]],
      ['(217) 555-0142', ['When should we call (217) 555-0142?', '[As soon as possible]']],
      ['tap:As soon as possible', ['An agent will call you at (217) 555-0142 as soon as one is free. Shall I book it?', '[Yes] [No]']],
      ['tap:Yes', ['Booked', 'an agent will call you at (217) 555-0142 as soon as one is free', 'You can close this chat now']],
    ]);
    const e = await escalation();
    assert.equal(e.status, 'queued');
    assert.deepEqual(e.callback, { number: '+12175550142', requestedAt: kit.fixture.clock.now().toISOString() });
    const i = await kit.fixture.stores.interactions.get(e.interactionId);
    assert.ok(i?.steps.some((s) => s.name === 'escalation.callback-requested'));

    // The chat is no longer in line: the next message is the assistant's, and closing the chat keeps the callback.
    await play(kit, [['my bill', ['Your balance is']]]);
    await play(kit, [[{ type: 'endOfConversation' }, []]]);
    assert.equal((await escalation()).status, 'queued', 'closing the chat does not abandon a callback');
  });

  it('when the queue has recent handling, then "as soon as possible" comes with the estimated wait', async () => {
    // One billing escalation handled in 6 minutes by one CSR: one customer ahead of nobody waits about 6 minutes.
    const { care, clock } = kit.fixture;
    const earlier = await care.interactions.start({ kind: 'customer', channel: 'chat', verification: 'none' }, { channel: 'chat', channelRef: 'earlier' });
    const handled = await care.escalations.escalate({ kind: 'customer', channel: 'chat', verification: 'none' }, earlier.id, { reason: 'a charge', skill: 'billing' });
    await care.escalations.assign(handled.id, 'csr-1');
    clock.advance(6 * 60_000);
    await care.escalations.resolve(handled.id, { by: 'csr-1', disposition: 'resolved' });
    await play(kit, [
      ...queuedAsDana(),
      ['tap:Call me back', ['What number']],
      ['217 555 0142', ['When should we call']],
      ['tap:As soon as possible', ['Shall I book it?']],
      ['tap:Yes', ['an agent will call you at (217) 555-0142 as soon as one is free, in about 6 minutes']],
    ]);
    assert.equal((await escalation()).skill, 'billing');
  });

  it('when the customer asks for a time, then the callback is booked for then and the customer is told the day and hour', async () => {
    await play(kit, [
      ...queuedAsDana(),
      ['call me back', ['What number should the agent call?']],
      ['2175550142', ['When should we call']],
      ['next month', ['more than 7 days away']],
      ['today at 1pm', ["couldn't read that as a time"]],
      ['tomorrow at 10am', ['on Sat, Nov 21, 10:00 AM UTC. Shall I book it?']],
      ['maybe', ['Shall I book it?']],
      ['yes', ['an agent will call you at (217) 555-0142 on Sat, Nov 21, 10:00 AM UTC']],
    ]);
    const e = await escalation();
    assert.equal(e.callback?.at, '2026-11-21T10:00:00.000Z');
    assert.equal(e.callback?.number, '+12175550142');
  });

  it('when Web Chat sends the customer\'s time zone, then their "10am" is read and said in it', async () => {
    const tz = (text: string): Partial<Activity> => ({ type: 'message', text, localTimezone: 'America/Chicago' });
    await play(kit, [...queuedAsDana(), [tz('call me back'), ['What number']], [tz('217 555 0142'), ['When should we call']], [tz('tomorrow at 10am'), ['on Sat, Nov 21, 10:00 AM CST']], [tz('yes'), ['Booked']]]);
    assert.equal((await escalation()).callback?.at, '2026-11-21T16:00:00.000Z');
  });

  it('when the customer says no or cancel, then no callback is booked and they keep their place in line', async () => {
    await play(kit, [
      ...queuedAsDana(),
      ['tap:Call me back', ['What number']],
      ['cancel', ["OK, no callback. You're still in line (number 1)", '[Call me back instead] [Back to the assistant]']],
      ['tap:Call me back', ['What number']],
      ['217 555 0142', ['When should we call']],
      ['tap:As soon as possible', ['Shall I book it?']],
      ['no', ["OK, no callback. You're still in line (number 1)"]],
    ]);
    const e = await escalation();
    assert.equal(e.status, 'queued');
    assert.equal(e.callback, undefined);
    await play(kit, [['hello?', ['still in line']]]);
  });

  it('when a CSR joins while the customer is leaving a number, then the callback question is dropped and the customer talks to the CSR', async () => {
    // The relay's events carry the server's mark, as DirectLineService.inject gives them.
    let relaying = false;
    const relayed: Middleware = {
      onTurn: async (ctx, next) => {
        if (relaying) ctx.turnState.set(HANDOFF_RELAYED, true);
        await next();
      },
    };
    await kit.fixture.close();
    kit = await makeKit({ middleware: [relayed] });
    const heard: CustomerMessage[] = [];
    kit.relay.onCustomerMessage((m) => heard.push(m));
    kit.relay.connect(async (_id, event) => {
      relaying = true;
      try {
        await send(kit, { type: 'event', name: event.name, value: event.value });
      } finally {
        relaying = false;
      }
    });
    await play(kit, [...queuedAsDana(), ['tap:Call me back', ['What number']]]);
    await kit.relay.join('ignored', { csrId: 'csr-1', name: 'Alex' });
    assert.match(kit.said.at(-1) ?? '', /Alex from customer care has joined/);
    await play(kit, [['217 555 0142', []]]);
    assert.equal(kit.last.length, 0, 'the bot says nothing: the number is for the CSR now');
    assert.equal(heard.at(-1)?.text, '217 555 0142');
    assert.equal((await escalation()).callback, undefined);
  });

  it('when a Spanish-speaking customer leaves a number for tomorrow, then it is asked, confirmed and booked in Spanish', async () => {
    await play(kit, [
      ...queuedInSpanish(),
      ['tap:Prefiero que me llamen', ['¿A qué número debe llamarle el agente?']],
      [es('hola'), ['no parece un teléfono']],
      [es('217 555 0142'), ['¿Cuándo llamamos al (217) 555-0142?', '[Lo antes posible]']],
      [es('mañana a las 10'), ['Un agente le llamará al (217) 555-0142 el sáb, 21 de nov, 10:00 a.m. UTC. ¿Lo reservo?', '[Sí] [No]']],
      [es('sí'), ['Reservado', 'le llamará al (217) 555-0142 el sáb, 21 de nov, 10:00 a.m. UTC', 'Ya puede cerrar este chat']],
    ]);
    const e = await escalation();
    assert.equal(e.status, 'queued');
    assert.equal(e.callback?.at, '2026-11-21T10:00:00.000Z');
  });

  it('when a Spanish-speaking customer types "llámenme" and then "cancelar", then nothing is booked and they stay in line', async () => {
    await play(kit, [...queuedInSpanish(), [es('llámenme'), ['¿A qué número']], [es('cancelar'), ['sin llamada', 'Sigue en espera (número 1)']]]);
    assert.equal((await escalation()).callback, undefined);
  });
});
