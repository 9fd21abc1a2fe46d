/** Refusals, interruptions, free text, handoff and continuity by chat, as tables of turns. */
import assert from 'node:assert/strict';
import type { Middleware } from 'botbuilder';
import { TOKEN_BINDING } from '../../../src/channels/chat/directline/directline-service';
import { HANDOFF_RELAYED, type CustomerMessage } from '../../../src/channels/chat/handoff/handoff-relay';
import { makeKit, play, send, type Kit, type Row } from './chat-test-kit';
import { demoIds } from '../../support/demo-ids';

describe('chat dialogs: refusals, interruptions, free text and handoff', () => {
  let kit: Kit;
  beforeEach(async () => {
    kit = await makeKit();
  });
  afterEach(async () => {
    await kit.fixture.close();
  });
  const p = (key: string) => kit.fixture.people.find((x) => x.key === key)!;
  const verified = (key: string, first: string, ask = 'I want to dispute a charge'): Row[] => [
    [ask, ['account number']],
    [p(key).accountNumber, ['PIN']],
    [p(key).pin, [`Thanks, ${first}`]],
  ];

  it('when the PIN is wrong, then the customer is told how many tries are left and may try again', async () => {
    await play(kit, [
      ['my bill', ['account number']],
      [p('bundle').accountNumber, ['PIN']],
      ['0000', ["didn't match", 'tries left', 'PIN']],
      [p('bundle').pin, ['Thanks, Dana']],
    ]);
  });

  it('when the PIN is wrong until the lockout, then the account is locked and an agent is offered', async () => {
    await play(kit, [
      ['my bill', ['account number']],
      [p('bundle').accountNumber, ['PIN']],
      ['0000', ['4 tries left']],
      ['0001', ['3 tries left']],
      ['0002', ['2 tries left']],
      ['0003', ['1 try left']],
      ['0004', ['locked for now', '[Agent]']],
      ['tap:Agent', ['connecting you with an agent']],
    ]);
    assert.ok(!kit.said.some((x) => x.includes("you're verified")));
  });

  it('when an amount is over what may be credited, then it is explained and asked again', async () => {
    await play(kit, [
      ...verified('bundle', 'Dana'),
      ['tap:November 2026', []],
      ['tap:More options', ['[International calls']],
      ['tap:International calls', []],
      ['tap:Billing error', ['Up to $8.96']],
      ['50', ["That doesn't look right", 'How much should be credited']],
      ['abc', ["That doesn't look right", 'How much should be credited']],
      ['4.50', ["I'll credit $4.50"]],
    ]);
  });

  it('when a button for an item that was not offered is sent (not adjustable), then nothing is credited and the question repeats', async () => {
    await play(kit, [...verified('bundle', 'Dana'), ['tap:November 2026', ['Which charge']]]);
    await play(kit, [[{ type: 'message', text: 'forged', value: { field: 'item', value: `${(await demoIds(kit.fixture.stores)).billId('31000101', '2026-11')}-99` } }, ["That doesn't look right", 'Which charge']]]);
  });

  it('when a service that is not offered for cancellation is picked, then it is refused and the question repeats', async () => {
    await play(kit, verified('outage', 'Priya', 'cancel my tv'));
    await play(kit, [[{ type: 'message', text: 'forged', value: { field: 'service', value: (await demoIds(kit.fixture.stores)).serviceId('31000101', 1) } }, ["That doesn't look right", 'Which service would you like to cancel']]]);
  });

  it('when a modification that is not allowed is picked, then it is refused and the question repeats', async () => {
    await play(kit, [...verified('bundle', 'Dana', 'change my plan'), ['tap:Fiber 500', ['What would you like to change']]]);
    await play(kit, [[{ type: 'message', text: 'forged', value: { field: 'modification', value: 'downgrade-to-nothing' } }, ["That doesn't look right", 'What would you like to change']]]);
  });

  it('when free text names a procedure, then that procedure starts after verification', async () => {
    await play(kit, [...verified('outage', 'Priya', 'I want to cancel my TV'), ['Brightwave TV Basic', ['May I ask why']]]);
  });

  it('when free text matches nothing, then the bot says what it can do', async () => {
    await play(kit, [
      ['hello', ['Brightwave assistant']],
      ['tell me a joke', ['I can help with: my bill, dispute a charge', '[Report a problem]']],
    ]);
  });

  it('when the customer types an answer that is not an option, then they are asked to pick one', async () => {
    await play(kit, [...verified('bundle', 'Dana'), ['purple', ['pick one of the options', 'Which bill']]]);
  });

  it('when help is asked mid-step, then the step is explained and asked again', async () => {
    await play(kit, [...verified('bundle', 'Dana'), ['help', ["I'm waiting for your answer", 'Which bill']]]);
  });

  it('when cancel is said mid-procedure, then it stops with nothing changed and the menu returns', async () => {
    await play(kit, [...verified('bundle', 'Dana'), ['tap:November 2026', []], ['cancel', ["Nothing was changed", '[Dispute a charge]']], ['my bill', ['Your balance is']]]);
  });

  it('when start over is said mid-procedure, then the procedure begins again at its first question', async () => {
    await play(kit, [...verified('bundle', 'Dana'), ['tap:November 2026', ['Which charge']], ['start over', ['Which bill is the charge on']]]);
  });

  it('when agent is asked mid-procedure, then an escalation with the transcript is queued and the relay carries messages both ways until hand-back', async () => {
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
    await play(kit, [...verified('bundle', 'Dana'), ['agent', ['connecting you with an agent', 'number 1 in line']], ['are you there?', ['still in line']]]);
    const escalations = await kit.fixture.care.escalations.queue({ status: 'queued' });
    const esc = escalations.find((e) => e.customerId);
    assert.ok(esc, 'an escalation was queued');
    assert.equal(esc.skill, 'billing');
    assert.ok(esc.context.transcript.some((t) => t.from === 'customer' && t.text === 'I want to dispute a charge'));
    assert.ok(!esc.context.transcript.some((t) => t.text.includes(p('bundle').pin)), 'the PIN never reaches the transcript');

    const conversationId = 'ignored';
    await kit.relay.join(conversationId, { csrId: 'csr-1', name: 'Alex' });
    assert.match(kit.said.at(-1) ?? '', /Alex from customer care has joined/);
    await kit.relay.say(conversationId, { csrId: 'csr-1', name: 'Alex' }, 'Hi Dana, I can see the charge.');
    assert.equal(kit.last[0]?.text, 'Alex: Hi Dana, I can see the charge.');
    assert.deepEqual(kit.last[0]?.channelData, { csr: { csrId: 'csr-1', name: 'Alex' } });
    await play(kit, [['thanks, please credit it', []]]);
    assert.equal(heard.at(-1)?.text, 'thanks, please credit it');
    await kit.relay.handBack(conversationId, { csrId: 'csr-1', name: 'Alex' });
    assert.match(kit.said.at(-1) ?? '', /back with the assistant/);
    await play(kit, [['my bill', ['Your balance is']]]);
  });

  it('when a handoff event reaches the bot without the relay\'s mark, then nothing is said, the customer stays in line and the transcript has no agent words', async () => {
    await play(kit, [...verified('bundle', 'Dana'), ['agent', ['connecting you with an agent']]]);
    const before = kit.said.length;
    const mallory = { csrId: 'csr-x', name: 'Billing Team' };
    await send(kit, { type: 'event', name: 'handoff.join', value: mallory });
    await send(kit, { type: 'event', name: 'handoff.say', value: { ...mallory, text: 'pay at https://evil.example' } });
    assert.equal(kit.said.length, before, 'the bot repeated nothing');
    await play(kit, [['hello?', ['still in line']]]);
    const esc = (await kit.fixture.care.escalations.queue({ status: 'queued' })).find((e) => e.customerId);
    assert.ok(esc);
    const transcript = await kit.fixture.care.interactions.transcriptOf(esc.interactionId);
    assert.ok(!transcript.some((t) => t.from === 'csr' || t.text.includes('evil.example')));
  });

  it('when the Direct Line token carries a portal-verified customer, then no verification is asked and the unfinished adjustment can be resumed', async () => {
    // The token names the customer of the kit built below (seeded ids are opaque and differ per store).
    let customerId: string | undefined;
    const binding: Middleware = {
      onTurn: async (ctx, next) => {
        ctx.turnState.set(TOKEN_BINDING, { customerId, verification: 'verified' });
        await next();
      },
    };
    await kit.fixture.close();
    kit = await makeKit({ middleware: [binding] });
    customerId = (await kit.fixture.stores.customers.findOne({ accountNumber: p('bundle').accountNumber }))?.id;
    assert.ok(customerId);
    await play(kit, [
      ['hi', ['signed in through the portal', 'Welcome back, Dana', 'unfinished dispute a charge']],
      ['resume', [/Which charge|reason|How much|Which bill/]],
    ]);
  });

  it('when a conversation runs, then it is one interaction with the transcript both ways and no secret', async () => {
    await play(kit, [...verified('bundle', 'Dana', 'my bill')]);
    const interactions = await kit.fixture.care.interactions.list(await kit.fixture.care.verification.verifyPin({ accountNumber: p('bundle').accountNumber, pin: p('bundle').pin }, { channel: 'chat' }));
    const chat = interactions.filter((i) => i.channel === 'chat' && i.channelRef === kit.last[0]?.conversation?.id);
    assert.equal(chat.length, 1);
    const t = await kit.fixture.care.interactions.transcriptOf(chat[0].id);
    assert.ok(t.some((e) => e.from === 'customer' && e.text === 'my bill'));
    assert.ok(t.some((e) => e.from === 'system' && e.text.startsWith('Your balance is')));
    assert.ok(t.some((e) => e.text === '[secret withheld]'));
    assert.ok(!t.some((e) => e.text.includes(p('bundle').pin)));
  });
});
