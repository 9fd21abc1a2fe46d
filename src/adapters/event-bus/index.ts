/** The event port's adapter: Redis pub/sub when REDIS_URL is set, else in this process only. */
import type { EventPort } from '../../domain/events/care-events';
import { createInProcessEventBus } from './in-process-event-bus';
import { createRedisEventBus } from './redis-event-bus';

export { createInProcessEventBus, createRedisEventBus };

export function createEventBus(opts: { redisUrl?: string; prefix: string; onError?: (err: unknown, context: string) => void }): Promise<EventPort> {
  if (opts.redisUrl) return createRedisEventBus({ url: opts.redisUrl, prefix: opts.prefix, onError: opts.onError });
  return Promise.resolve(createInProcessEventBus({ onError: (err) => opts.onError?.(err, 'event bus: a listener failed') }));
}
