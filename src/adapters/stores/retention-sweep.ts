/**
 * The embedded store's retention: sweeps expired interactions and transcript pages every
 * intervalMs (MongoDB has TTL indexes for this). One sweep at a time; the timer is unref'd so it
 * never keeps the process alive; stop() waits for the sweep in flight.
 */
import type { Stores } from '../../domain/ports/store';
import type { Clock } from '../../domain/shared/ports';
import type { RetentionPolicy } from '../../domain/interactions/retention';

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
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  let inFlight: Promise<void> = Promise.resolve();

  const schedule = (delayMs: number): void => {
    if (stopped) return;
    timer = setTimeout(tick, delayMs);
    timer.unref();
  };

  function tick(): void {
    timer = undefined;
    inFlight = (async () => {
      try {
        const removed = await opts.stores.sweepExpired(opts.clock.now(), opts.policy);
        opts.onSwept?.(removed);
      } catch (e) {
        if (!stopped) opts.onError(e);
      }
      schedule(opts.intervalMs);
    })();
  }

  schedule(opts.firstDelayMs ?? Math.min(60_000, opts.intervalMs));
  return {
    async stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
      timer = undefined;
      await inFlight;
    },
  };
}
