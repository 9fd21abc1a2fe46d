/** Every dead end in chat has its exit, as tables of turns; effects checked in the store. */
import assert from 'node:assert/strict';
import { makeKit, play, send, MISSES_BEFORE_AGENT, type Kit, type Row } from './chat-test-kit';

describe('chat dialogs: no dead ends', () => {
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
  const escalations = () => kit.fixture.stores.escalations.find({});

  for (const [word, locale] of [['menu', 'en'], ['cancel', 'en'], ['start over', 'en'], ['menú', 'es']] as const) {
    it(`when a queued customer types "${word}" (${locale}), then they leave the queue (escalation abandoned) and are back with the bot`, async () => {
      const rows: Row[] = locale === 'en' ? verified('bundle', 'Dana') : [[{ type: 'message', text: 'hola', locale: 'es-US' }, ['asistente de Brightwave']]];
      await play(kit, [...rows, [locale === 'en' ? 'agent' : 'agente', [locale === 'en' ? 'number 1 in line' : 'número 1']]]);
      await play(kit, [['are you there?', [locale === 'en' ? 'type **menu** to go back to the assistant' : 'escriba **menú**', locale === 'en' ? '[Back to the assistant]' : '[Volver al asistente]']]]);
      const [queued] = await escalations();
      assert.equal(queued?.status, 'queued');
      await play(kit, [[word, [locale === 'en' ? "taken you out of the line" : 'le he sacado de la fila', locale === 'en' ? '[My bill]' : '[Mi factura]']]]);
      const [left] = await escalations();
      assert.equal(left?.status, 'abandoned');
      assert.equal(left?.abandoned?.reason, 'left-queue');
      assert.equal(await kit.fixture.care.escalations.position(left!.id), 0, 'no longer counted in anyone\'s position');
      if (locale === 'en') await play(kit, [['my bill', ['Your balance is']]]);
    });
  }

  it('when a queued customer only says hello, then they keep their place in line', async () => {
    await play(kit, [...verified('bundle', 'Dana'), ['agent', ['number 1 in line']], ['hello', ['still in line']]]);
    assert.equal((await escalations())[0]?.status, 'queued');
  });

  it('when the queued customer taps "Back to the assistant", then the escalation is withdrawn and the bot answers again', async () => {
    await play(kit, [...verified('bundle', 'Dana'), ['agent', ['number 1 in line']], ['hello?', ['still in line']], ['tap:Back to the assistant', ['out of the line', 'What would you like to do']]]);
    const [left] = await escalations();
    assert.equal(left?.status, 'abandoned');
    await play(kit, [[{ type: 'message', text: 'Back to the assistant', value: { field: 'command', value: 'leave-queue' } }, ['What would you like to do']]]);
    assert.equal((await escalations()).length, 1, 'the stale button does not queue a new escalation');
    await play(kit, [['my bill', ['Your balance is']]]);
  });

  it(`when ${MISSES_BEFORE_AGENT} messages in a row are not understood, then a person is offered (the IVR's count), and tapping it queues an escalation`, async () => {
    assert.ok(MISSES_BEFORE_AGENT >= 1);
    await play(kit, [['hello', ['Brightwave assistant']]]);
    for (let i = 1; i < MISSES_BEFORE_AGENT; i += 1) {
      const replies = await send(kit, 'tell me a joke');
      assert.ok(!kit.said.at(-1)?.includes('Talk to a person'), `no offer after ${i} miss(es): ${replies.length}`);
    }
    await play(kit, [['tell me a joke', ['would you rather talk to a person', '[Talk to a person]']]]);
    await play(kit, [['tap:Talk to a person', ['connecting you with an agent']]]);
    assert.equal((await escalations()).length, 1);
  });

  it('when blank answers repeat inside a procedure, then a person is offered with the question; an understood answer resets the count', async () => {
    await play(kit, [...verified('bundle', 'Dana')]);
    for (let i = 1; i < MISSES_BEFORE_AGENT; i += 1) await play(kit, [['', ['pick one of the options', 'Which bill']]]);
    await play(kit, [['', ['pick one of the options', 'would you rather talk to a person', 'Which bill', '[Talk to a person]']]]);
    await play(kit, [['tap:November 2026', ['Which charge']]]);
    await send(kit, '');
    assert.ok(!kit.said.at(-1)?.includes('Talk to a person'), 'the count started again');
  });

  it('when Spanish messages are not understood, then the person is offered in Spanish', async () => {
    await play(kit, [[{ type: 'message', text: 'hola', locale: 'es-US' }, ['asistente']]]);
    for (let i = 1; i < MISSES_BEFORE_AGENT; i += 1) await send(kit, { type: 'message', text: 'cuénteme un chiste', locale: 'es-US' });
    await play(kit, [[{ type: 'message', text: 'cuénteme un chiste', locale: 'es-US' }, ['prefiere hablar con una persona', '[Hablar con una persona]']]]);
  });

  it('when the customer verifies inside the chat, then their unfinished draft from another contact is offered, and "resume" inside a procedure takes it up', async () => {
    await play(kit, [...verified('bundle', 'Dana', 'change my plan'), ]);
    assert.match(kit.said.join('\n'), /unfinished dispute a charge from chat/);
    await play(kit, [['tap:Fiber 500', ['What would you like to change']], ['resume', [/Which charge|reason|How much|Which bill/]]]);
    const chat = (await kit.fixture.stores.interactions.find({ channel: 'chat', status: 'open' }))[0];
    assert.equal(chat?.procedure?.name, 'bill-adjustment');
    assert.ok(chat?.resumedFrom, 'the draft was moved onto this conversation');
  });

  it('when "resume" is typed inside a procedure with nothing to resume, then the customer is told and the question is asked again', async () => {
    await play(kit, [...verified('reset', 'Tom', 'my bill')]);
    await play(kit, [['change my plan', []], ['resume', ["There's nothing unfinished to pick up", 'Which service would you like to change']]]);
  });

  it('when a file is sent, then the bot says it cannot use files, asks the question again and nothing changes', async () => {
    await play(kit, [...verified('bundle', 'Dana'), ['tap:November 2026', ['Which charge']]]);
    const before = (await kit.fixture.stores.interactions.find({ channel: 'chat', status: 'open' }))[0]?.procedure?.completed;
    await play(kit, [[{ type: 'message', text: '', attachments: [{ contentType: 'image/png', name: 'bill.png' }] }, ["can't open files or pictures", 'Which charge']]]);
    const after = (await kit.fixture.stores.interactions.find({ channel: 'chat', status: 'open' }))[0]?.procedure?.completed;
    assert.deepEqual(after, before);
  });

  it('when a queued customer closes the chat, then the escalation leaves the queue and the next customer is number 1 in line', async () => {
    await play(kit, [...verified('bundle', 'Dana'), ['agent', ['number 1 in line']]]);
    const [first] = await escalations();
    await send(kit, { type: 'endOfConversation' });
    const left = await kit.fixture.stores.escalations.get(first!.id);
    assert.equal(left?.status, 'abandoned');
    assert.equal(left?.abandoned?.reason, 'chat-ended');
    const other = await makeKit({ fixture: kit.fixture });
    kit.fixture.clock.advance(60_000); // queued later: behind the first one if it still counted
    await play(other, [...verified('bundle', 'Dana').map(([i, e]) => [i, e] as Row), ['agent', ['number 1 in line']]]);
  });

  it('when a customer writes again in a conversation they had closed, then the bot answers at once (a fresh start, not silence)', async () => {
    await play(kit, [...verified('bundle', 'Dana'), ['agent', ['number 1 in line']]]);
    await send(kit, { type: 'endOfConversation' });
    await play(kit, [['hi', [/How can I help/]]]);
  });

  it('when a queued customer leaves the conversation (conversationUpdate membersRemoved), then the escalation leaves the queue; someone joining does not', async () => {
    await play(kit, [...verified('bundle', 'Dana'), ['agent', ['number 1 in line']]]);
    const [first] = await escalations();
    await send(kit, { type: 'conversationUpdate', membersAdded: [{ id: 'someone-else', name: 'Someone' }], recipient: { id: 'bot', name: 'Bot' } });
    assert.equal((await kit.fixture.stores.escalations.get(first!.id))?.status, 'queued');
    await send(kit, { type: 'conversationUpdate', membersRemoved: [{ id: 'user', name: 'User' }], recipient: { id: 'bot', name: 'Bot' } });
    const left = await kit.fixture.stores.escalations.get(first!.id);
    assert.equal(left?.status, 'abandoned');
    assert.equal(left?.abandoned?.reason, 'chat-ended');
  });

  it('when the cancel confirmation is shown, then declining reads "No, keep it", not the procedure\'s verb (English and Spanish)', () => {
    const step = { kind: 'confirm', procedure: 'discontinue-service', field: 'confirm', prompt: 'discontinue-service.confirm', facts: {} } as const;
    const titles = (locale: 'en' | 'es') => (kit.bot.deps.view.render(step as never, locale).suggestedActions?.actions ?? []).map((a) => a.title);
    assert.deepEqual(titles('en'), ['Yes', 'No, keep it']);
    assert.deepEqual(titles('es'), ['Sí', 'No, conservarlo']);
    const other = { ...step, procedure: 'payment-extension', prompt: 'payment-extension.confirm' };
    assert.deepEqual((kit.bot.deps.view.render(other as never, 'en').suggestedActions?.actions ?? []).map((a) => a.title), ['Yes', 'No']);
  });
});
