import assert from 'node:assert/strict';
import { anonymous } from '../../../src/domain/shared/actor';
import type { Care } from '../../../src/domain/care';
import { TranscriptQueue } from '../../../src/channels/chat/bot/transcript-queue';
import { makeCare, type CareFixture } from '../../support/care-fixture';

describe('chat transcript queue', () => {
  let f: CareFixture;
  let writes: number[];
  let queue: TranscriptQueue;
  let warned: unknown[];

  beforeEach(async () => {
    f = await makeCare();
    writes = [];
    warned = [];
    const real = f.care.interactions;
    // Count the domain calls and their batch sizes; the writes themselves are the real ones.
    const counting: Care = {
      ...f.care,
      interactions: {
        ...real,
        transcript: (id, entries) => {
          writes.push(Array.isArray(entries) ? entries.length : 1);
          return real.transcript(id, entries);
        },
      },
    };
    queue = new TranscriptQueue(counting, { warn: (o: unknown) => void warned.push(o) });
  });
  afterEach(() => f.close());

  it("when a turn records the customer's message and the bot's answers, then nothing is written before commit and then one write holds them in order", async () => {
    const i = await f.care.interactions.start(anonymous('chat'), { channel: 'chat' });
    queue.record(i.id, { from: 'customer', text: 'menu' });
    queue.record(i.id, { from: 'system', text: 'Here is what I can do.' });
    queue.record(i.id, { from: 'system', text: '   ' });
    queue.record(i.id, { from: 'system', text: 'What would you like?' });
    await new Promise((r) => setImmediate(r));
    assert.deepEqual(writes, [], 'nothing written before the turn ends');
    queue.commit();
    await queue.flush();
    assert.deepEqual(writes, [3]);
    const t = (await f.care.interactions.transcriptOf(i.id)).map((e) => e.text);
    assert.deepEqual(t, ['menu', 'Here is what I can do.', 'What would you like?']);
  });

  it('when entries arrive while a write is under way, then they follow in the next write and flush waits for both', async () => {
    const i = await f.care.interactions.start(anonymous('chat'), { channel: 'chat' });
    queue.record(i.id, { from: 'customer', text: 'one' });
    queue.commit();
    queue.record(i.id, { from: 'system', text: 'two' });
    queue.record(i.id, { from: 'system', text: 'three' });
    await queue.flush(i.id);
    assert.deepEqual(writes, [1, 2]);
    assert.deepEqual((await f.care.interactions.transcriptOf(i.id)).map((e) => e.text), ['one', 'two', 'three']);
    await queue.flush(i.id);
    assert.deepEqual(writes, [1, 2], 'nothing left to write');
  });

  it('when a write fails, then it is logged and later entries are still written', async () => {
    queue.record('int_missing', { from: 'customer', text: 'lost' });
    await queue.flush('int_missing');
    assert.equal(warned.length, 1);
    const i = await f.care.interactions.start(anonymous('chat'), { channel: 'chat' });
    queue.record(i.id, { from: 'customer', text: 'kept' });
    await queue.flush();
    assert.deepEqual((await f.care.interactions.transcriptOf(i.id)).map((e) => e.text), ['kept']);
  });
});
