/**
 * The part of CareDeps that interactions, procedures and escalations use on their own: a real
 * in-memory store, a settable clock, counting ids. The rest is absent on purpose: a test that
 * reaches a back-end through these deps fails loudly.
 */
import { createStores } from '../../../../src/adapters/stores';
import { DEFAULT_POLICY, type CareDeps } from '../../../../src/domain/deps';
import type { Stores } from '../../../../src/domain/ports/store';
import { createInProcessEventBus } from '../../../../src/adapters/event-bus';

export interface DomainDeps {
  deps: CareDeps;
  stores: Stores;
  clock: { now(): Date; set(iso: string): void; advance(ms: number): void };
}

export async function domainDeps(startIso = '2026-11-20T15:00:00.000Z'): Promise<DomainDeps> {
  const stores = await createStores({ inMemory: true });
  let t = Date.parse(startIso);
  const clock = { now: () => new Date(t), set: (iso: string) => void (t = Date.parse(iso)), advance: (ms: number) => void (t += ms) };
  let n = 0;
  const absent = new Proxy({}, { get: (_t, key) => { throw new Error(`not available in this unit test: ${String(key)}`); } }) as never;
  const deps: CareDeps = {
    stores,
    clock,
    ids: { next: (prefix = 'id') => `${prefix}_${++n}` },
    policy: { ...DEFAULT_POLICY },
    backends: absent,
    // No rule fires: what the rule files decide is tested with the real engine.
    rules: { decide: async () => [] },
    hasher: absent,
    throttle: absent,
    limits: absent,
    catalog: () => {
      throw new Error('no catalog in this unit test');
    },
    deliverNow: async () => undefined,
    events: createInProcessEventBus(),
  };
  return { deps, stores, clock };
}
