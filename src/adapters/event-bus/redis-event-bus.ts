/**
 * The event port across processes: Redis pub/sub on one channel under the key prefix
 * (`<prefix>events`). A subscriber connection of its own (a subscribed connection can do
 * nothing else); each process hears its own events back through Redis, so every listener sees
 * an event exactly once and in the order Redis delivers them. Received messages are parsed as
 * outside input: a malformed one is reported and dropped.
 */
import { careEventSchema, type CareEventListener, type EventPort } from '../../domain/events/care-events';
import { createRedis, waitForRedis } from '../redis';
import { fanOut } from './in-process-event-bus';

export interface RedisEventBusOptions {
  url: string;
  /** The key prefix of this deployment (REDIS_KEY_PREFIX); the channel is `${prefix}events`. */
  prefix: string;
  onError?: (err: unknown, context: string) => void;
  connectTimeoutMs?: number;
}

export async function createRedisEventBus(opts: RedisEventBusOptions): Promise<EventPort> {
  const channel = `${opts.prefix}events`;
  const onError = opts.onError ?? (() => undefined);
  const publisher = createRedis(opts.url, { name: 'telecare-events-pub' });
  const subscriber = createRedis(opts.url, { name: 'telecare-events-sub', commandTimeoutMs: 2000 });
  const listeners = new Set<CareEventListener>();

  subscriber.on('message', (from: string, message: string) => {
    if (from !== channel) return;
    let json: unknown;
    try {
      json = JSON.parse(message);
    } catch (err) {
      return onError(err, 'event bus: a message on the channel is not JSON');
    }
    const parsed = careEventSchema.safeParse(json);
    if (!parsed.success) return onError(parsed.error, 'event bus: a message on the channel is not a known event');
    fanOut(listeners, parsed.data, (err) => onError(err, 'event bus: a listener failed'));
  });

  const close = async () => {
    listeners.clear();
    await Promise.all([publisher, subscriber].map((c) => c.quit().catch(() => c.disconnect())));
  };
  let subscribed: Promise<void>;
  try {
    const timeout = opts.connectTimeoutMs ?? 5000;
    await Promise.all([waitForRedis(publisher, timeout), waitForRedis(subscriber, timeout)]);
    // ioredis subscribes again by itself after a reconnect (autoResubscribe).
    subscribed = subscriber.subscribe(channel).then(() => undefined);
    await subscribed;
  } catch (e) {
    await close();
    throw e;
  }

  return {
    async publish(event) {
      try {
        await publisher.publish(channel, JSON.stringify(event));
      } catch (err) {
        onError(err, `event bus: could not publish ${event.type}`);
      }
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => void listeners.delete(listener);
    },
    ready: () => subscribed,
    close,
  };
}
