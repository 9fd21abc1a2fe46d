/**
 * One webhook per call at a time. Twilio may send the same request twice at once (a retry
 * racing the first); run together, both would answer the same step and the second would
 * contradict the first ("that answer can't be used here" after the credit was applied). So the
 * second waits: within a process on the first one's promise, across processes on the store's
 * lock (Redis). It then reads the state the first wrote and replays its answer.
 */
import type { CallStateStore } from './call-state';

export interface CallSerializer {
  run<T>(callSid: string, work: () => Promise<T>): Promise<T>;
}

export interface CallSerializerOptions {
  /** How long a lock is held at most (a crashed process must not block the call for good). */
  lockTtlMs?: number;
  /** How long a request waits for another process before going ahead anyway. */
  maxWaitMs?: number;
  /** Pause between tries to take a lock held by another process. */
  retryMs?: number;
  wait?: (ms: number) => Promise<void>;
}

export function createCallSerializer(store: Pick<CallStateStore, 'lock'>, opts: CallSerializerOptions = {}): CallSerializer {
  const lockTtlMs = opts.lockTtlMs ?? 10_000;
  const maxWaitMs = opts.maxWaitMs ?? 8_000;
  const retryMs = opts.retryMs ?? 20;
  const wait = opts.wait ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)));
  const tails = new Map<string, Promise<unknown>>();

  /** The store's lock, waited for while another process holds it (then going ahead: never stuck). */
  async function acquire(callSid: string): Promise<(() => Promise<void>) | null> {
    if (!store.lock) return null;
    const lock = store.lock.bind(store);
    for (let waited = 0; ; waited += retryMs) {
      let release: (() => Promise<void>) | null;
      try {
        release = await lock(callSid, lockTtlMs);
      } catch {
        return null; // Redis trouble: go ahead; the state read that follows meets it too and apologises.
      }
      if (release || waited >= maxWaitMs) return release;
      await wait(retryMs);
    }
  }

  async function locked<T>(callSid: string, work: () => Promise<T>): Promise<T> {
    const release = await acquire(callSid);
    try {
      return await work();
    } finally {
      await release?.().catch(() => undefined);
    }
  }

  return {
    run(callSid, work) {
      const before = tails.get(callSid);
      const mine = before ? before.then(() => locked(callSid, work)) : locked(callSid, work);
      const tail = mine.catch(() => undefined);
      tails.set(callSid, tail);
      void tail.then(() => {
        if (tails.get(callSid) === tail) tails.delete(callSid);
      });
      return mine;
    },
  };
}
