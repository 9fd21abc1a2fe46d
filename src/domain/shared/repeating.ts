/**
 * A background job run again and again on an unref'd timer (it never keeps the process alive):
 * one run at a time, the next after `nextDelayMs(result)`; stop() cancels the timer and waits for
 * the run in flight.
 */
export interface RepeatingOptions<T> {
  firstDelayMs: number;
  /** The delay before the next run, given this run's result (undefined when it failed). */
  nextDelayMs: (result: T | undefined) => number;
  onError: (e: unknown) => void;
  /** Report a failure of the run that was in flight when stop() came (default true). */
  reportAfterStop?: boolean;
}

export function startRepeating<T>(run: () => Promise<T>, opts: RepeatingOptions<T>): { stop(): Promise<void> } {
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
      let result: T | undefined;
      try {
        result = await run();
      } catch (e) {
        if (!stopped || opts.reportAfterStop !== false) opts.onError(e);
      }
      schedule(opts.nextDelayMs(result));
    })();
  }

  schedule(opts.firstDelayMs);
  return {
    async stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
      timer = undefined;
      await inFlight;
    },
  };
}
