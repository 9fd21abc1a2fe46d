/**
 * What every reference back-end does with an idempotency key: the first call for a key runs,
 * later calls (and concurrent ones) get the same result without a second effect. A call that
 * fails is forgotten, so a retry runs again.
 */
export interface IdempotentMemo<R> {
  run(key: string, effect: () => Promise<R>): Promise<R>;
  /** How many distinct keys took effect. */
  readonly size: number;
}

export function createIdempotentMemo<R>(): IdempotentMemo<R> {
  const results = new Map<string, Promise<R>>();
  return {
    run(key, effect) {
      const seen = results.get(key);
      if (seen) return seen;
      const result = effect();
      results.set(key, result);
      result.catch(() => results.delete(key));
      return result;
    },
    get size() {
      return results.size;
    },
  };
}
