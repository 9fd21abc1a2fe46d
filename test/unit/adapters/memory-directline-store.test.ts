import assert from 'node:assert/strict';
import { createMemoryDirectLineStore } from '../../../src/adapters/chat-state/memory-directline-store';
import { ConversationFullError, ConversationGoneError } from '../../../src/channels/chat/directline/ports';
import { BoundedMemoryStorage } from '../../../src/adapters/chat-state/bounded-memory-storage';

const conv = (id: string) => ({ id, userId: `dl_${id}`, createdAt: '2026-11-20T15:00:00.000Z' });
const activity = (bytes: number) => JSON.stringify({ type: 'message', text: 'x'.repeat(Math.max(0, bytes - 30)) });

describe('memory Direct Line store: bounded memory', () => {
  it('when a conversation reaches its byte budget, then further appends are refused and nothing more is kept', async () => {
    const store = createMemoryDirectLineStore({ maxBytes: 10_000 });
    await store.createConversation(conv('a'));
    for (let i = 0; i < 4; i++) await store.append('a', activity(2_000));
    await assert.rejects(store.append('a', activity(3_000)), ConversationFullError);
    assert.equal((await store.activitiesAfter('a', 0, 100)).activities.length, 4);
    assert.ok(store.stats().bytes < 10_000 + 1024);
  });

  it('when a conversation reaches its activity count, then further appends are refused', async () => {
    const store = createMemoryDirectLineStore({ maxActivities: 3 });
    await store.createConversation(conv('a'));
    for (let i = 0; i < 3; i++) await store.append('a', activity(100));
    await assert.rejects(store.append('a', activity(100)), ConversationFullError);
  });

  it('when all conversations together pass the total budget, then the least recently active are dropped, not the one writing', async () => {
    const store = createMemoryDirectLineStore({ maxTotalBytes: 20_000 });
    for (const id of ['a', 'b', 'c']) {
      await store.createConversation(conv(id));
      await store.append(id, activity(5_000));
    }
    await store.append('a', activity(100)); // a is now the most recently active
    await store.createConversation(conv('d'));
    await store.append('d', activity(6_000));
    assert.equal(await store.getConversation('b'), null, 'the stalest conversation went first');
    assert.ok(await store.getConversation('a'));
    assert.ok(await store.getConversation('d'));
    assert.ok(store.stats().bytes <= 20_000, `kept ${store.stats().bytes} bytes`);
    await assert.rejects(store.append('b', activity(100)), ConversationGoneError);
  });

  it('when conversations expire without ever being read again, then a later start sweeps them out', async () => {
    let t = Date.parse('2026-11-20T15:00:00.000Z');
    const store = createMemoryDirectLineStore({ ttlMs: 60_000, now: () => t });
    for (let i = 0; i < 50; i++) {
      await store.createConversation(conv(`old-${i}`));
      await store.append(`old-${i}`, activity(500));
    }
    assert.equal(store.stats().conversations, 50);
    t += 5 * 60_000;
    await store.createConversation(conv('new'));
    assert.deepEqual(store.stats(), { conversations: 1, bytes: 512 });
  });
});

describe('bounded memory bot storage', () => {
  it('when the bot state of many conversations passes the budget, then the longest unwritten are dropped and deletes really free', async () => {
    const storage = new BoundedMemoryStorage(10_000);
    for (let i = 0; i < 10; i++) await storage.write({ [`conv-${i}`]: { pad: 'x'.repeat(1_500) } });
    assert.ok(storage.stats.bytes <= 10_000, `kept ${storage.stats.bytes} bytes`);
    assert.deepEqual(Object.keys(await storage.read(['conv-0', 'conv-9'])), ['conv-9']);
    const before = storage.stats.keys;
    await storage.delete(['conv-9']);
    assert.equal(storage.stats.keys, before - 1);
    assert.deepEqual(await storage.read(['conv-9']), {});
  });

  it('when a state is written with its eTag, then botbuilder semantics hold (a stale eTag is refused)', async () => {
    const storage = new BoundedMemoryStorage();
    await storage.write({ k: { n: 1 } });
    const { k } = await storage.read(['k']);
    await storage.write({ k: { ...k, n: 2 } });
    await assert.rejects(storage.write({ k: { ...k, n: 3 } }), /eTag conflict/);
    assert.equal((await storage.read(['k'])).k.n, 2);
  });
});
