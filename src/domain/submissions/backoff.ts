/**
 * Delay before retry number `attempts` (1 = after the first failure): base·2^(attempts−1),
 * capped, then spread ±20% so many records failing together do not retry in lock-step.
 * `random` is injectable so tests can pin the jitter.
 */
export function backoffDelayMs(attempts: number, opts: { baseDelayMs: number; maxDelayMs: number; random?: () => number }): number {
  const exponent = Math.min(Math.max(attempts - 1, 0), 30);
  const raw = Math.min(opts.maxDelayMs, opts.baseDelayMs * 2 ** exponent);
  const jitter = 0.8 + 0.4 * (opts.random ?? Math.random)();
  return Math.max(1, Math.round(raw * jitter));
}

/** Error text safe to keep on a record: a message, never a stack, bounded in size. */
export function errorText(e: unknown): string {
  const text = e instanceof Error ? `${e.name}: ${e.message}` : String(e);
  return text.length > 500 ? `${text.slice(0, 497)}...` : text;
}
