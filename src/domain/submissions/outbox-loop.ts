import type { Outbox } from './outbox';
import { startRepeating } from '../shared/repeating';

/**
 * Drains the outbox every pollMs (at once again when a drain found work). One drain at a time;
 * the timer is unref'd so it never keeps the process alive; stop() waits for the drain in flight.
 */
export function startOutboxLoop(outbox: Outbox, opts: { pollMs: number; onError: (e: unknown) => void }): { stop(): Promise<void> } {
  return startRepeating(() => outbox.drainOnce(), { firstDelayMs: 0, nextDelayMs: (found) => ((found ?? 0) > 0 ? 0 : opts.pollMs), onError: opts.onError });
}
