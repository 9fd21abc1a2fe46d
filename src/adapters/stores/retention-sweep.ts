/**
 * The embedded store's retention: sweeps expired interactions and transcript pages every
 * intervalMs (MongoDB has TTL indexes for this). One sweep at a time; the timer is unref'd so it
 * never keeps the process alive; stop() waits for the sweep in flight.
 */
import type { Stores } from '../../domain/ports/store';
import type { Clock } from '../../domain/shared/ports';
import type { RetentionPolicy } from '../../domain/interactions/retention';
import { startRepeating } from '../../domain/shared/repeating';

export interface RetentionSweepOptions {
  stores: Pick<Stores, 'sweepExpired'>;
  clock: Clock;
  policy: RetentionPolicy;
  intervalMs: number;
  /** Delay before the first sweep (default: one minute, or intervalMs when shorter). */
  firstDelayMs?: number;
  onSwept?: (removed: { interactions: number; transcripts: number }) => void;
  onError: (e: unknown) => void;
}

export function startRetentionSweep(opts: RetentionSweepOptions): { stop(): Promise<void> } {
  return startRepeating(
    async () => {
      const removed = await opts.stores.sweepExpired(opts.clock.now(), opts.policy);
      opts.onSwept?.(removed);
    },
    { firstDelayMs: opts.firstDelayMs ?? Math.min(60_000, opts.intervalMs), nextDelayMs: () => opts.intervalMs, onError: opts.onError, reportAfterStop: false },
  );
}
