import assert from 'node:assert/strict';
import { makeCare, type CareFixture } from '../../../support/care-fixture';
import { actorOf, walk } from './walk';

describe('procedure outcomes are counted by the domain, on every channel', () => {
  let f: CareFixture;
  let events: { channel: string; procedure: string; outcome: string }[];
  beforeEach(async () => {
    events = [];
    f = await makeCare({ onProcedureOutcome: (e) => events.push(e) });
  });
  afterEach(async () => f.close());

  it('when procedures end on voice and chat, then each ending is reported once with its channel, procedure and outcome', async () => {
    const onVoice = await actorOf(f, 'bundle', 'voice');
    const inquiry = await walk(f.care, onVoice, 'bill-inquiry', []);
    const onChat = await actorOf(f, 'suspended', 'chat');
    await walk(f.care, onChat, 'payment-extension', []);
    assert.deepEqual(events, [
      { channel: 'voice', procedure: 'bill-inquiry', outcome: 'informed' },
      { channel: 'chat', procedure: 'payment-extension', outcome: 'escalate' },
    ]);
    await f.care.procedures.current(onVoice, inquiry.interactionId);
    assert.equal(events.length, 2, 'reading the ending again does not count it again');
  });

  it('when the final answer is repeated (a resent webhook), then the ending is counted once', async () => {
    const onVoice = await actorOf(f, 'bundle', 'voice');
    const i = await f.care.interactions.start(onVoice, { channel: 'voice' });
    await f.care.procedures.start(onVoice, i.id, 'payment-extension');
    const step = await f.care.procedures.current(onVoice, i.id);
    assert.equal(step.kind, 'choose');
    const date = step.kind === 'choose' ? step.options[0]!.id : '';
    await f.care.procedures.answer(onVoice, i.id, 'date', date);
    await Promise.all([f.care.procedures.answer(onVoice, i.id, 'confirm', true), f.care.procedures.answer(onVoice, i.id, 'confirm', true)]);
    assert.deepEqual(events.map((e) => [e.channel, e.procedure]), [['voice', 'payment-extension']]);
  });
});
