/**
 * Fault injection for tests: wraps a back-end so its first `n` calls (to any method, or only
 * to the named ones) throw before reaching it, the way an unreachable system would.
 * `calls` counts every call, `failures` the injected ones.
 */
export class InjectedFailure extends Error {
  constructor(method: string) {
    super(`injected failure in ${method}`);
    this.name = 'InjectedFailure';
  }
}

export interface FaultCounters {
  calls: number;
  failures: number;
  /** Fail the next `n` calls again. */
  failNext(n: number): void;
}

export function failingFirst<T extends object>(n: number, backend: T, methods?: readonly (keyof T)[]): T & { faults: FaultCounters } {
  let remaining = n;
  const faults: FaultCounters = {
    calls: 0,
    failures: 0,
    failNext(k) {
      remaining = k;
    },
  };
  return new Proxy(backend, {
    get(target, prop, receiver) {
      if (prop === 'faults') return faults;
      const value: unknown = Reflect.get(target, prop, receiver);
      if (typeof value !== 'function' || (methods && !methods.includes(prop as keyof T))) return value;
      return async (...args: unknown[]) => {
        faults.calls += 1;
        if (remaining > 0) {
          remaining -= 1;
          faults.failures += 1;
          throw new InjectedFailure(String(prop));
        }
        return (value as (...a: unknown[]) => unknown).apply(target, args);
      };
    },
  }) as T & { faults: FaultCounters };
}

/** A back-end that never answers successfully. */
export const alwaysFailing = <T extends object>(backend: T, methods?: readonly (keyof T)[]): T & { faults: FaultCounters } =>
  failingFirst(Number.POSITIVE_INFINITY, backend, methods);
