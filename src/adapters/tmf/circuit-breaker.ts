/**
 * A circuit breaker for calls to a partner back-end: after `failures` calls in a row fail, the
 * circuit opens and calls fail at once (the outbox keeps the work and retries later) until
 * `cooldownMs` has passed; then one trial call goes through: success closes it, failure opens it
 * again for another cooldown.
 */
import type { Clock } from '../../domain/shared/ports';

export class CircuitOpenError extends Error {
  constructor(name: string, readonly retryAt: string) {
    super(`${name} is not answering; calls are paused until ${retryAt}`);
    this.name = 'CircuitOpenError';
  }
}

export interface CircuitBreaker {
  run<T>(call: () => Promise<T>): Promise<T>;
  state(): 'closed' | 'open' | 'half-open';
}

export function createCircuitBreaker(opts: { name: string; failures: number; cooldownMs: number; clock: Clock }): CircuitBreaker {
  let consecutive = 0;
  let openUntil = 0;
  let trial = false;
  const now = () => opts.clock.now().getTime();
  const state = (): 'closed' | 'open' | 'half-open' => (openUntil === 0 ? 'closed' : now() < openUntil || trial ? 'open' : 'half-open');
  return {
    state,
    async run(call) {
      const s = state();
      if (s === 'open') throw new CircuitOpenError(opts.name, new Date(openUntil).toISOString());
      if (s === 'half-open') trial = true;
      try {
        const result = await call();
        consecutive = 0;
        openUntil = 0;
        return result;
      } catch (e) {
        consecutive += 1;
        if (s === 'half-open' || consecutive >= opts.failures) openUntil = now() + opts.cooldownMs;
        throw e;
      } finally {
        if (s === 'half-open') trial = false;
      }
    },
  };
}
