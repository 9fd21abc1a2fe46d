/**
 * One contract for every call-state store (in process and real Redis): versioned
 * compare-and-set, TTL, isolation of returned values, delete.
 */
import assert from 'node:assert/strict';
import crypto from 'node:crypto';
import Redis from 'ioredis';
import type { CallState, CallStateStore } from '../../../src/channels/voice';
import { createMemoryCallStateStore } from '../../../src/adapters/voice-state/memory-call-state';
import { createRedisCallStateStore } from '../../../src/adapters/voice-state/redis-call-state';
import { anonymous } from '../../../src/domain/shared/actor';

const state = (sid: string, seq = 1): CallState => ({
  callSid: sid, from: '+12175550142', startedAt: '2026-11-20T15:00:00.000Z', seq, node: 'language', locale: 'en', attempts: 0, page: 0,
  actor: anonymous('voice', '+12175550142'), accountTries: 0, outcomes: [], status: 'active', lastKey: 'k1', lastTwiml: '<Response><Say>hi "there"</Say></Response>',
});

interface Subject {
  name: string;
  make(ttlSec: number): Promise<{ store: CallStateStore; expire(sid: string): Promise<void>; ttlOf(sid: string): Promise<number>; cleanup(): Promise<void> }>;
}

let fakeNow = Date.now();
const SUBJECTS: Subject[] = [
  {
    name: 'in-process',
    async make(ttlSec) {
      const store = createMemoryCallStateStore({ ttlSec, now: () => fakeNow });
      return { store, expire: async () => void (fakeNow += ttlSec * 1000 + 1), ttlOf: async () => ttlSec, cleanup: () => store.close() };
    },
  },
  {
    name: 'redis',
    async make(ttlSec) {
      const prefix = `test:voice-state:${crypto.randomBytes(4).toString('hex')}:`;
      const redis = new Redis('redis://127.0.0.1:6379', { keyPrefix: prefix });
      const store = createRedisCallStateStore({ redis, keyPrefix: '', ttlSec });
      const raw = new Redis('redis://127.0.0.1:6379');
      return {
        store,
        expire: async (sid) => void (await raw.del(`${prefix}voice:call:${sid}`)),
        ttlOf: async (sid) => raw.ttl(`${prefix}voice:call:${sid}`),
        async cleanup() {
          const keys = await raw.keys(`${prefix}*`);
          if (keys.length) await raw.del(...keys);
          raw.disconnect();
          redis.disconnect();
        },
      };
    },
  },
];

for (const subject of SUBJECTS) {
  describe(`voice call-state store contract: ${subject.name}`, () => {
    let s: Awaited<ReturnType<Subject['make']>>;
    beforeEach(async () => {
      s = await subject.make(60);
    });
    afterEach(async () => {
      await s.cleanup();
    });

    it('when a call is new, then get is null and only version 0 may be written', async () => {
      assert.equal(await s.store.get('CA1'), null);
      assert.equal(await s.store.compareAndSet('CA1', 3, state('CA1')), false);
      assert.equal(await s.store.compareAndSet('CA1', 0, state('CA1')), true);
      const got = await s.store.get('CA1');
      assert.equal(got?.version, 1);
      assert.deepEqual(got?.value, state('CA1'));
    });

    it('when two writers start from the same version, then only the first wins', async () => {
      await s.store.compareAndSet('CA2', 0, state('CA2'));
      const [a, b] = await Promise.all([s.store.compareAndSet('CA2', 1, state('CA2', 2)), s.store.compareAndSet('CA2', 1, state('CA2', 3))]);
      assert.deepEqual([a, b].filter(Boolean).length, 1);
      assert.equal((await s.store.get('CA2'))?.version, 2);
    });

    it('when a value is read and changed, then the stored value is not changed behind the store', async () => {
      await s.store.compareAndSet('CA3', 0, state('CA3'));
      const got = await s.store.get('CA3');
      if (got) got.value.node = 'changed';
      assert.equal((await s.store.get('CA3'))?.value.node, 'language');
    });

    it('when written, then the TTL is set; when expired or deleted, then the call is gone', async () => {
      await s.store.compareAndSet('CA4', 0, state('CA4'));
      const ttl = await s.ttlOf('CA4');
      assert.ok(ttl > 0 && ttl <= 60, `ttl ${ttl}`);
      await s.expire('CA4');
      assert.equal(await s.store.get('CA4'), null);
      await s.store.compareAndSet('CA5', 0, state('CA5'));
      await s.store.delete('CA5');
      assert.equal(await s.store.get('CA5'), null);
    });
  });
}
