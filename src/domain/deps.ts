import type { Catalog } from './catalog/catalog-schema';
import type { Stores } from './ports/store';
import type { Backends } from './ports/backends';
import type { RulesPort } from './ports/rules';
import type { Clock, IdGenerator, ProcedureOutcomeSink, RateLimit, SecretHasher, Throttle } from './shared/ports';
import type { EventPort } from './events/care-events';

/** Operator policy knobs that come from configuration (catalog-level policy lives in the catalog). */
export interface Policy {
  lockoutThreshold: number;
  lockoutMinutes: number;
  resumeWindowHours: number;
  /** How long a quote stays valid. */
  quoteValidityMinutes: number;
  oneTimeCodeMinutes: number;
}

export const DEFAULT_POLICY: Policy = {
  lockoutThreshold: 5,
  lockoutMinutes: 30,
  resumeWindowHours: 72,
  quoteValidityMinutes: 30,
  oneTimeCodeMinutes: 10,
};

/** Budgets against abuse, beyond the per-source verification throttle. */
export interface AbuseLimits {
  /** One-time codes sent per customer (keyed by the customer, or by the identifier when it names nobody). */
  codeSendsPerCustomer: RateLimit;
  /** One-time code requests per source. */
  codeSendsPerSource: RateLimit;
  /**
   * Failures against identifiers that name no account, counted and locked like a real account's
   * (budget lockoutThreshold - 1, blocked for lockoutMinutes past it), so refusals don't tell them apart.
   */
  decoyFailures: RateLimit;
  /** The "pending code" of an identifier that names no account: one point at send, one per try, lasting oneTimeCodeMinutes. */
  decoyCodes: RateLimit;
}

/** Everything the use cases need, injected by the composition root. */
export interface CareDeps {
  stores: Stores;
  backends: Backends;
  rules: RulesPort;
  /** A getter: the catalog can be reloaded without a restart. */
  catalog: () => Catalog;
  clock: Clock;
  ids: IdGenerator;
  hasher: SecretHasher;
  /** Per-source verification throttle. */
  throttle: Throttle;
  policy: Policy;
  limits: AbuseLimits;
  /**
   * Tries to deliver a freshly queued submission at once (so instant products are active before
   * the session ends). Must never throw; failures stay queued for the worker.
   */
  deliverNow: (kind: SubmissionKind, recordId: string) => Promise<void>;
  /** Where escalation and interaction events are published (every process listening). */
  events: EventPort;
  /** Each ending of a guided procedure, by channel, procedure and outcome, on every channel alike. */
  onProcedureOutcome?: ProcedureOutcomeSink;
}

export type SubmissionKind = 'order' | 'adjustment' | 'extension' | 'ticket' | 'notification';
