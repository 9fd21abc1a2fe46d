import assert from 'node:assert/strict';
import { createInteractionsApi, MAX_STEPS, MAX_TRANSCRIPT } from '../../../../src/domain/interactions/interactions-api';
import { maskDigitRuns, redactDetail } from '../../../../src/domain/interactions/redaction';
import { updateWithRetry } from '../../../../src/domain/shared/update-with-retry';
import { anonymous, type Actor } from '../../../../src/domain/shared/actor';
import type { InteractionsApi } from '../../../../src/domain/care';
import { domainDeps, type DomainDeps } from './domain-deps';

const verified: Actor = { kind: 'customer', channel: 'voice', verification: 'verified', customerId: 'cus_1' };
const identified: Actor = { ...verified, verification: 'identified' };

describe('interactions', () => {
  let d: DomainDeps;
  let api: InteractionsApi;
  beforeEach(async () => {
    d = await domainDeps();
    api = createInteractionsApi(d.deps);
  });
  afterEach(() => d.stores.close());

  it('when an anonymous caller starts, then the interaction is open, unverified and empty', async () => {
    const i = await api.start(anonymous('voice'), { channel: 'voice', channelRef: 'CA1' });
    assert.equal(i.status, 'open');
    assert.equal(i.verification, 'none');
    assert.equal(i.customerId, undefined);
    assert.deepEqual(i.links, { orderIds: [], ticketIds: [], adjustmentIds: [], extensionIds: [] });
    assert.equal(i.startedAt, '2026-11-20T15:00:00.000Z');
  });

  it('when a verified customer starts, then the verification comes from the actor', async () => {
    const i = await api.start(verified, { channel: 'portal' });
    assert.equal(i.customerId, 'cus_1');
    assert.equal(i.verification, 'verified');
    assert.deepEqual(i.steps.map((s) => s.name), ['verified']);
  });

  it('when looking up by channel reference, then the open one wins, else the most recent', async () => {
    const first = await api.start(anonymous('voice'), { channel: 'voice', channelRef: 'CA7' });
    await api.end(first.id, { status: 'completed' });
    d.clock.advance(60_000);
    const second = await api.start(anonymous('voice'), { channel: 'voice', channelRef: 'CA7' });
    assert.equal((await api.byChannelRef('voice', 'CA7'))?.id, second.id);
    await api.end(second.id, { status: 'abandoned' });
    assert.equal((await api.byChannelRef('voice', 'CA7'))?.id, second.id);
    assert.equal(await api.byChannelRef('chat', 'CA7'), null);
  });

  it('when a customer is identified then verified, then attach records both levels', async () => {
    const i = await api.start(anonymous('voice'), { channel: 'voice' });
    await api.attach(i.id, identified);
    const after = await api.attach(i.id, verified);
    assert.equal(after.customerId, 'cus_1');
    assert.equal(after.verification, 'verified');
    assert.deepEqual(after.steps.map((s) => s.name), ['identified', 'verified']);
  });

  it('when another customer is attached to a claimed interaction, then it is refused and nothing changes', async () => {
    const i = await api.start(verified, { channel: 'voice' });
    await assert.rejects(api.attach(i.id, { ...verified, customerId: 'cus_2' }), { code: 'VALIDATION_FAILED' });
    await assert.rejects(api.attach(i.id, anonymous('voice')), { code: 'NOT_IDENTIFIED' });
    assert.equal((await api.get(i.id)).customerId, 'cus_1');
  });

  it('when the transcript holds a PIN, a code or a card number, then only masked digits are stored and the card is gone whole', async () => {
    const i = await api.start(anonymous('chat'), { channel: 'chat' });
    await api.transcript(i.id, { from: 'customer', text: 'my pin is 4821 and the code 123456' });
    await api.transcript(i.id, { from: 'customer', text: 'card 4111 1111 1111 1111 exp 12/27 cvv 123, spoken 1 2 3 4' });
    await api.transcript(i.id, { from: 'system', text: 'Your balance is $86.40 for 12 months' });
    const t = await api.transcriptOf(i.id);
    assert.equal(t[0]?.text, 'my pin is **** and the code ******');
    assert.equal(t[1]?.text, 'card [card redacted], spoken * * * *');
    assert.equal(t[2]?.text, 'Your balance is $86.40 for 12 months');
    assert.ok(!JSON.stringify(t).includes('4821'));
  });

  it('when several entries are given at once, then they are appended in order as one page, masked, the interaction untouched, and an empty batch writes nothing', async () => {
    const i = await api.start(anonymous('chat'), { channel: 'chat' });
    await api.transcript(i.id, { from: 'customer', text: 'hello' });
    await api.transcript(i.id, [
      { from: 'customer', text: 'my pin is 4821' },
      { from: 'system', text: 'Thanks.' },
      { from: 'system', text: 'What would you like to do?' },
    ]);
    assert.equal(await d.stores.transcripts.count({ interactionId: i.id }), 2, 'one page per write');
    assert.deepEqual(await d.stores.interactions.get(i.id), i, 'the interaction is not rewritten');
    assert.deepEqual(
      (await api.transcriptOf(i.id)).map((t) => [t.from, t.text]),
      [
        ['customer', 'hello'],
        ['customer', 'my pin is ****'],
        ['system', 'Thanks.'],
        ['system', 'What would you like to do?'],
      ],
    );
    await api.transcript(i.id, []);
    assert.equal(await d.stores.transcripts.count({ interactionId: i.id }), 2);
    await assert.rejects(api.transcript('int_missing', { from: 'customer', text: 'lost' }), { code: 'NOT_FOUND' });
    assert.equal(await d.stores.transcripts.count({ interactionId: 'int_missing' }), 0);
  });

  it('when the clock stands still, then pages still read back in the order they were written', async () => {
    const i = await api.start(anonymous('chat'), { channel: 'chat' });
    for (let n = 0; n < 12; n++) await api.transcript(i.id, { from: 'customer', text: `m${n}` });
    assert.deepEqual((await api.transcriptOf(i.id)).map((t) => t.text), Array.from({ length: 12 }, (_, n) => `m${n}`));
  });

  it('when a note carries a secret-named detail, then the value is redacted', async () => {
    const i = await api.start(anonymous('voice'), { channel: 'voice' });
    await api.note(i.id, { name: 'verification.failed', detail: { pin: '4821', attempts: 2 } });
    const step = (await api.get(i.id)).steps.at(-1);
    assert.deepEqual(step?.detail, { pin: '[redacted]', attempts: 2 });
    assert.deepEqual(redactDetail({ reasonCode: 'moving' }), { reasonCode: 'moving' });
    assert.equal(maskDigitRuns('call 217-555-0142'), 'call ***-***-****');
  });

  it('when steps and transcript grow past their caps, then the oldest are dropped', async () => {
    const i = await api.start(anonymous('chat'), { channel: 'chat' });
    for (let n = 0; n < MAX_STEPS + 5; n++) await api.note(i.id, { name: `s${n}` });
    for (let n = 0; n < MAX_TRANSCRIPT + 3; n++) await api.transcript(i.id, { from: 'customer', text: `m${n}` });
    const after = await api.get(i.id);
    assert.equal(after.steps.length, MAX_STEPS);
    assert.equal(after.steps.at(-1)?.name, `s${MAX_STEPS + 4}`);
    const transcript = await api.transcriptOf(i.id);
    assert.equal(transcript.length, MAX_TRANSCRIPT);
    assert.equal(transcript[0]?.text, 'm3');
    assert.equal(transcript.at(-1)?.text, `m${MAX_TRANSCRIPT + 2}`);
  }).timeout(60_000);

  it('when an interaction ends, then status, outcome, end time and duration are set; attach is refused, notes still kept', async () => {
    const i = await api.start(verified, { channel: 'voice' });
    d.clock.advance(95_000);
    const ended = await api.end(i.id, { status: 'completed', outcome: 'completed' });
    assert.equal(ended.status, 'completed');
    assert.equal(ended.outcome, 'completed');
    assert.equal(ended.endedAt, '2026-11-20T15:01:35.000Z');
    assert.equal(ended.durationSec, 95);
    await assert.rejects(api.attach(i.id, verified), { code: 'INTERACTION_CLOSED' });
    await api.transcript(i.id, { from: 'csr', text: 'Hello, this is Sam from Brightwave' });
    assert.equal((await api.transcriptOf(i.id)).at(-1)?.from, 'csr');
    assert.equal((await api.end(i.id, { status: 'abandoned' })).status, 'completed');
  });

  it('when listing, then only the customer\'s own interactions come back, newest first', async () => {
    const a = await api.start(verified, { channel: 'voice' });
    d.clock.advance(1000);
    const b = await api.start(verified, { channel: 'chat' });
    await api.start({ ...verified, customerId: 'cus_2' }, { channel: 'chat' });
    assert.deepEqual((await api.list(verified)).map((i) => i.id), [b.id, a.id]);
    await assert.rejects(api.list(anonymous('chat')), { code: 'NOT_IDENTIFIED' });
  });

  it('when two writers race on one interaction, then updateWithRetry keeps both changes', async () => {
    const i = await api.start(anonymous('chat'), { channel: 'chat' });
    await Promise.all(Array.from({ length: 6 }, (_, n) => api.note(i.id, { name: `parallel-${n}` })));
    assert.equal((await api.get(i.id)).steps.length, 6);
    await assert.rejects(updateWithRetry(d.stores.interactions, 'int_missing', (x) => x), { code: 'NOT_FOUND' });
  });
});
