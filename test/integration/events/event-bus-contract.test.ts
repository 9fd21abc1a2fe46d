/**
 * The event port's contract, run against both adapters: in-process, and Redis pub/sub on the
 * real redis-server (a channel prefix of its own per run). Waiting is for the events themselves,
 * never a sleep; "heard nothing" is proved by a listener that did hear what came after.
 */
import assert from 'node:assert/strict';
import Redis from 'ioredis';
import type { CareEvent, CareEventListener, EventPort } from '../../../src/domain/events/care-events';
import { createInProcessEventBus, createRedisEventBus } from '../../../src/adapters/event-bus';
import { REDIS_URL, testPrefix } from '../redis/redis-test-keys';

/** Collects events; `next(n)` resolves once n have arrived in total. */
function collector(): { listener: CareEventListener; events: CareEvent[]; next(n: number): Promise<CareEvent[]> } {
  const events: CareEvent[] = [];
  const waiting: { n: number; resolve: (e: CareEvent[]) => void }[] = [];
  return {
    events,
    listener: (e) => {
      events.push(e);
      for (const w of waiting.filter((x) => events.length >= x.n)) {
        waiting.splice(waiting.indexOf(w), 1);
        w.resolve([...events]);
      }
    },
    next: (n) => (events.length >= n ? Promise.resolve([...events]) : new Promise((resolve) => waiting.push({ n, resolve }))),
  };
}

const queued = (n: number): CareEvent => ({ type: 'escalation.queued', at: `2026-11-20T15:00:0${n}.000Z`, escalationId: `esc_${n}`, skill: 'billing', channel: 'chat', priority: 3, interactionId: `int_${n}`, customerId: 'cus_1' });
const assigned: CareEvent = { type: 'escalation.assigned', at: '2026-11-20T15:01:00.000Z', escalationId: 'esc_1', skill: 'billing', staffId: 'stf-alex' };

interface Adapter {
  name: string;
  /** Buses that see each other's events (two "processes" for Redis, the same bus in process). */
  pair(): Promise<[EventPort, EventPort]>;
}

const opened: EventPort[] = [];
const track = async (bus: Promise<EventPort> | EventPort): Promise<EventPort> => {
  const b = await bus;
  opened.push(b);
  return b;
};

const adapters: Adapter[] = [
  {
    name: 'in-process',
    pair: async () => {
      const bus = await track(createInProcessEventBus());
      return [bus, bus];
    },
  },
  {
    name: 'Redis pub/sub',
    pair: async () => {
      const prefix = testPrefix('events');
      return [await track(createRedisEventBus({ url: REDIS_URL, prefix })), await track(createRedisEventBus({ url: REDIS_URL, prefix }))];
    },
  },
];

for (const adapter of adapters) {
  describe(`event port contract: ${adapter.name}`, () => {
    afterEach(async () => {
      await Promise.all(opened.splice(0).map((b) => b.close()));
    });

    it('when an event is published, then every subscriber hears it once, equal to what was sent', async () => {
      const [publisher, listener] = await adapter.pair();
      const a = collector();
      const b = collector();
      listener.subscribe(a.listener);
      listener.subscribe(b.listener);
      await listener.ready();
      await publisher.publish(queued(1));
      await publisher.publish(assigned);
      assert.deepEqual(await a.next(2), [queued(1), assigned]);
      assert.deepEqual(await b.next(2), [queued(1), assigned]);
    });

    it('when events are published one after another, then they arrive in that order', async () => {
      const [publisher, listener] = await adapter.pair();
      const c = collector();
      listener.subscribe(c.listener);
      await listener.ready();
      for (let n = 1; n <= 5; n++) await publisher.publish(queued(n));
      assert.deepEqual((await c.next(5)).map((e) => (e.type === 'escalation.queued' ? e.escalationId : '')), ['esc_1', 'esc_2', 'esc_3', 'esc_4', 'esc_5']);
    });

    it('when a listener throws, then the others still hear the event', async () => {
      const [publisher, listener] = await adapter.pair();
      const c = collector();
      listener.subscribe(() => {
        throw new Error('a broken console');
      });
      listener.subscribe(c.listener);
      await listener.ready();
      await publisher.publish(assigned);
      assert.deepEqual(await c.next(1), [assigned]);
    });

    it('when a listener unsubscribes, then it hears nothing more while another listener still does', async () => {
      const [publisher, listener] = await adapter.pair();
      const gone = collector();
      const stays = collector();
      const stop = listener.subscribe(gone.listener);
      listener.subscribe(stays.listener);
      await listener.ready();
      await publisher.publish(queued(1));
      await gone.next(1);
      stop();
      await publisher.publish(queued(2));
      await stays.next(2);
      assert.equal(gone.events.length, 1);
    });
  });
}

describe('event port: Redis pub/sub across processes', () => {
  afterEach(async () => {
    await Promise.all(opened.splice(0).map((b) => b.close()));
  });

  it('when two buses share a prefix, then each hears the other\'s events and its own, and a bus under another prefix hears none of them', async () => {
    const prefix = testPrefix('events');
    const web1 = await track(createRedisEventBus({ url: REDIS_URL, prefix }));
    const web2 = await track(createRedisEventBus({ url: REDIS_URL, prefix }));
    const elsewhere = await track(createRedisEventBus({ url: REDIS_URL, prefix: testPrefix('events') }));
    const on1 = collector();
    const on2 = collector();
    const onOther = collector();
    web1.subscribe(on1.listener);
    web2.subscribe(on2.listener);
    elsewhere.subscribe(onOther.listener);

    await web1.publish(queued(1));
    await web2.publish(assigned);
    assert.deepEqual(await on1.next(2), [queued(1), assigned]);
    assert.deepEqual(await on2.next(2), [queued(1), assigned]);
    // Redis delivers in publish order on a connection: had the other deployment heard ours, it would precede its own marker.
    await elsewhere.publish(queued(9));
    assert.deepEqual(await onOther.next(1), [queued(9)]);
  });

  it('when something not an event appears on the channel, then it is reported and dropped, and real events still arrive', async () => {
    const prefix = testPrefix('events');
    const problems: string[] = [];
    const bus = await track(createRedisEventBus({ url: REDIS_URL, prefix, onError: (_err, context) => problems.push(context) }));
    const c = collector();
    bus.subscribe(c.listener);
    const raw = new Redis(REDIS_URL);
    try {
      await raw.publish(`${prefix}events`, 'not json');
      await raw.publish(`${prefix}events`, JSON.stringify({ type: 'escalation.assigned', escalationId: 'esc_1' }));
      await raw.publish(`${prefix}events`, JSON.stringify({ ...assigned, text: 'handoff.say' }));
    } finally {
      raw.disconnect();
    }
    await bus.publish(assigned);
    assert.deepEqual(await c.next(1), [assigned]);
    assert.deepEqual(problems, [
      'event bus: a message on the channel is not JSON',
      'event bus: a message on the channel is not a known event',
      'event bus: a message on the channel is not a known event',
    ]);
  });

  it('when Redis is down, then creating the bus fails rather than silently hearing nothing', async () => {
    await assert.rejects(createRedisEventBus({ url: 'redis://127.0.0.1:6390', prefix: testPrefix('events'), connectTimeoutMs: 300 }));
  });
});
