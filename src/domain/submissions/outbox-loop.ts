import type { Outbox } from './outbox';

/**
 * Drains the outbox every pollMs (at once again when a drain found work). One drain at a time;
 * the timer is unref'd so it never keeps the process alive; stop() waits for the drain in flight.
 */
export function startOutboxLoop(outbox: Outbox, opts: { pollMs: number; onError: (e: unknown) => void }): { stop(): Promise<void> } {
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
      let found = 0;
      try {
        found = await outbox.drainOnce();
      } catch (e) {
        opts.onError(e);
      }
      schedule(found > 0 ? 0 : opts.pollMs);
    })();
  }

  schedule(0);
  return {
    async stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
      timer = undefined;
      await inFlight;
    },
  };
}
