/**
 * Wires the domain to its back-ends and outbox. Shared by the server's composition root
 * (src/bootstrap.ts) and the tests, so both run the same graph.
 */
import type { Catalog } from './domain/catalog/catalog-schema';
import type { Care } from './domain/care';
import { DEFAULT_POLICY, type AbuseLimits, type CareDeps, type Policy } from './domain/deps';
import type { Backends, ProvisioningReports } from './domain/ports/backends';
import type { RulesPort } from './domain/ports/rules';
import type { Stores } from './domain/ports/store';
import { systemClock, type Clock, type IdGenerator, type SecretHasher, type Throttle } from './domain/shared/ports';
import { createCare } from './domain/create-care';
import { createOutbox, type Outbox } from './domain/submissions/outbox';
import type { ProgressTiming } from './domain/submissions/submission-targets';
import type { Order } from './domain/orders/order';
import { createReferenceBackends } from './adapters/backends';
import { createScryptHasher } from './adapters/crypto/scrypt-hasher';
import { createIds } from './adapters/crypto/ids';
import { createThrottle } from './adapters/throttle';
import { createAbuseLimits, type CodeSendLimits } from './adapters/throttle/abuse-limits';
import type { Redis } from 'ioredis';
import { DEMO_NETWORK } from './demo/demo-network';
import type { EventPort } from './domain/events/care-events';
import { createInProcessEventBus } from './adapters/event-bus';
import { createHttpListenerDelivery } from './adapters/tmf/listener-delivery';
import type { ListenerDelivery } from './domain/partners/listeners';

export interface ComposeOptions {
  stores: Stores;
  catalog: () => Catalog;
  rules: RulesPort;
  clock?: Clock;
  hasher?: SecretHasher;
  ids?: IdGenerator;
  throttle?: Throttle;
  policy?: Partial<Policy>;
  /** One-time code send limits (default 3 per customer, 10 per source, per 15 minutes). */
  codeSends?: CodeSendLimits;
  /** Replace some abuse budgets (tests). */
  limits?: Partial<AbuseLimits>;
  /** Where the abuse budgets are kept (shared by every instance); in process when absent. */
  redis?: Redis;
  outbox?: { maxAttempts: number; baseDelayMs: number };
  /** The reference network's outages and faults (the demo's by default). */
  network?: typeof DEMO_NETWORK;
  /** Replace some reference back-ends (tests inject failing ones). */
  backends?: Partial<Backends>;
  /** How long the reference provisioning takes for non-instant products. */
  completeAfterMs?: number;
  onDeadLetter?: (kind: string, id: string, error: string) => void;
  /** How orders in progress are followed (check interval, overdue deadline). */
  progress?: ProgressTiming;
  onOrderOverdue?: (order: Order) => void;
  /** Ports put behind partners' TMF APIs by the settings (the bond), given the reference back-ends. */
  bond?: (reference: ReturnType<typeof createReferenceBackends>) => Partial<Backends>;
  /** How partners' listeners are called (TMF hub notifications); HTTP by default. */
  listenerDelivery?: ListenerDelivery;
  /** The event port (Redis pub/sub across processes); in this process only by default. */
  events?: EventPort;
  /** Each guided procedure's ending (the server counts them in procedure_outcomes_total). */
  onProcedureOutcome?: CareDeps['onProcedureOutcome'];
}

export interface Composed {
  care: Care;
  deps: CareDeps;
  outbox: Outbox;
  backends: ReturnType<typeof createReferenceBackends>;
}

export function composeCare(opts: ComposeOptions): Composed {
  const clock = opts.clock ?? systemClock;
  let care: Care | undefined;
  // Provisioning reports back into the domain; the domain is built below, so bind late.
  const reports: ProvisioningReports = {
    orderProgress: async (orderId, status, note) => {
      if (!care) throw new Error('care is not ready');
      await care.reportOrderProgress(orderId, status, note);
    },
  };
  const reference = createReferenceBackends({
    catalog: opts.catalog,
    clock,
    reports,
    network: opts.network ?? DEMO_NETWORK,
    completeAfterMs: opts.completeAfterMs,
  });
  const backends: Backends = { ...reference, listeners: opts.listenerDelivery ?? createHttpListenerDelivery({ allowPrivate: false }), ...opts.bond?.(reference), ...opts.backends };
  const events = opts.events ?? createInProcessEventBus();
  const outbox = createOutbox({
    stores: opts.stores,
    backends,
    clock,
    reports,
    maxAttempts: opts.outbox?.maxAttempts ?? 8,
    baseDelayMs: opts.outbox?.baseDelayMs ?? 1000,
    onDeadLetter: opts.onDeadLetter,
    progress: opts.progress,
    onOrderOverdue: opts.onOrderOverdue,
    events,
  });
  const policy: Policy = { ...DEFAULT_POLICY, ...opts.policy };
  const deps: CareDeps = {
    stores: opts.stores,
    backends,
    rules: opts.rules,
    catalog: opts.catalog,
    clock,
    ids: opts.ids ?? createIds(),
    hasher: opts.hasher ?? createScryptHasher(),
    throttle: opts.throttle ?? createThrottle({ points: 20, durationSec: 60 }),
    policy,
    limits: { ...createAbuseLimits({ policy, codeSends: opts.codeSends, redis: opts.redis }), ...opts.limits },
    deliverNow: (kind, id) => outbox.deliver(kind, id),
    events,
    ...(opts.onProcedureOutcome ? { onProcedureOutcome: opts.onProcedureOutcome } : {}),
  };
  care = createCare(deps);
  return { care, deps, outbox, backends: reference };
}
