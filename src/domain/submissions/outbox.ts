import type { Stores } from '../ports/store';
import type { Backends, ProvisioningReports } from '../ports/backends';
import type { SubmissionKind } from '../deps';
import type { Clock } from '../shared/ports';
import type { Submission } from '../shared/record';
import { isDomainError } from '../shared/errors';
import { backoffDelayMs, errorText } from './backoff';
import { updateWithRetry } from './insert-once';
import { DEFAULT_PROGRESS_TIMING, SUBMISSION_KINDS, submissionTargets, type Delivery, type ProgressTiming, type Submittable, type Target } from './submission-targets';
import { checkOrderProgress } from './progress-check';
import type { Order } from '../orders/order';
import type { EventPort } from '../events/care-events';

/**
 * The transactional outbox. A record (order, adjustment, extension, ticket) carries its own
 * submission, written in the same document, so queueing is never lost. Delivery claims a
 * record with a lease (a compare-and-set write), calls the back-end with the submission's
 * idempotency key, applies the domain effect, then marks it delivered. A crash at any point
 * leaves a pending record whose lease expires and which is delivered again; the back-end
 * deduplicates on the key, so the effect happens once.
 */
export interface Outbox {
  /** One immediate delivery attempt. Never throws: a failure stays queued with its back-off. */
  deliver(kind: SubmissionKind, id: string): Promise<void>;
  /** Delivers every due pending submission once, then checks orders in progress that are due; returns how many were attempted. */
  drainOnce(): Promise<number>;
}

export interface OutboxDeps {
  stores: Stores;
  backends: Backends;
  clock: Clock;
  reports: ProvisioningReports;
  maxAttempts: number;
  baseDelayMs: number;
  /** How long a claim holds a record (default 60 s). */
  leaseMs?: number;
  /** Longest wait between attempts (default 15 min). */
  maxDelayMs?: number;
  /** Records claimed per kind per drain (default 50). */
  batchSize?: number;
  /** Jitter source, for tests. */
  random?: () => number;
  onDeadLetter?: (kind: SubmissionKind, id: string, error: string) => void;
  /** How orders in progress are followed (default: check every 30 s, overdue after 24 h). */
  progress?: ProgressTiming;
  /** An order passed its deadline still in progress (called once per order). */
  onOrderOverdue?: (order: Order) => void;
  /** Where records' changes are published (an order accepted or failed). */
  events?: EventPort;
}

const isConflict = (e: unknown): boolean => isDomainError(e) && (e.code === 'CONFLICT' || e.code === 'NOT_FOUND');

function withoutLease(s: Submission): Submission {
  const { leaseUntil: _lease, ...rest } = s;
  void _lease;
  return rest;
}

export function createOutbox(deps: OutboxDeps): Outbox {
  const timing = deps.progress ?? DEFAULT_PROGRESS_TIMING;
  const targets = submissionTargets(deps.stores, deps.backends, deps.reports, timing, deps.events);
  const leaseMs = deps.leaseMs ?? 60_000;
  const maxDelayMs = deps.maxDelayMs ?? 15 * 60_000;
  const batchSize = deps.batchSize ?? 50;

  const target = <K extends SubmissionKind>(kind: K) => targets[kind] as unknown as Target<Submittable>;

  /** Takes the lease: null when the record is not pending, leased by another worker, or changed under us. */
  async function claim(t: Target<Submittable>, record: Submittable): Promise<Submittable | null> {
    const sub = record.submission;
    const now = deps.clock.now();
    if (!sub || sub.state !== 'pending') return null;
    if (sub.leaseUntil && sub.leaseUntil > now.toISOString()) return null;
    const leaseUntil = new Date(now.getTime() + leaseMs).toISOString();
    try {
      // nextAttemptAt moves with the lease, so other workers' due-queries skip it until it expires.
      return await t.collection.replace({ ...record, submission: { ...sub, leaseUntil, nextAttemptAt: leaseUntil } });
    } catch (e) {
      if (isConflict(e)) return null;
      throw e;
    }
  }

  async function markDelivered(t: Target<Submittable>, id: string, delivery: Delivery): Promise<void> {
    const now = deps.clock.now();
    let previous: Submittable | undefined;
    const next = await updateWithRetry(t.collection, id, (current) => {
      previous = undefined;
      const sub = current.submission;
      if (!sub || sub.state !== 'pending') return null;
      previous = current;
      const submission: Submission = { ...withoutLease(sub), state: 'delivered', deliveredAt: now.toISOString(), externalRef: delivery.externalRef };
      delete submission.lastError;
      return t.delivered({ ...current, submission }, now, delivery);
    });
    if (previous && next) await t.changed?.(previous, next).catch(() => undefined);
  }

  async function markFailed(kind: SubmissionKind, t: Target<Submittable>, id: string, error: string): Promise<void> {
    const now = deps.clock.now();
    let died = false;
    let previous: Submittable | undefined;
    const next = await updateWithRetry(t.collection, id, (current) => {
      previous = current;
      const sub = current.submission;
      if (!sub || sub.state !== 'pending') return null;
      const attempts = sub.attempts + 1;
      died = attempts >= deps.maxAttempts;
      if (died) return t.dead({ ...current, submission: { ...withoutLease(sub), state: 'dead', attempts, lastError: error } }, now, error);
      const delay = backoffDelayMs(attempts, { baseDelayMs: deps.baseDelayMs, maxDelayMs, random: deps.random });
      const nextAttemptAt = new Date(now.getTime() + delay).toISOString();
      return { ...current, submission: { ...withoutLease(sub), attempts, nextAttemptAt, lastError: error } };
    });
    if (died && previous && next) await t.changed?.(previous, next).catch(() => undefined);
    if (died) deps.onDeadLetter?.(kind, id, error);
  }

  async function attempt(kind: SubmissionKind, t: Target<Submittable>, claimed: Submittable): Promise<void> {
    const key = (claimed.submission as Submission).idempotencyKey;
    try {
      const delivery = await t.send(claimed, key);
      await t.effect?.(claimed, delivery, deps.clock.now());
      await markDelivered(t, claimed.id, delivery);
    } catch (e) {
      await markFailed(kind, t, claimed.id, errorText(e));
    }
  }

  return {
    async deliver(kind, id) {
      try {
        const t = target(kind);
        const record = await t.collection.get(id);
        const claimed = record && (await claim(t, record));
        if (claimed) await attempt(kind, t, claimed);
      } catch {
        // The record stays pending; its lease expires and the worker retries it.
      }
    },

    async drainOnce() {
      let attempted = 0;
      for (const kind of SUBMISSION_KINDS) {
        const t = target(kind);
        const due = await t.collection.find(
          { 'submission.state': 'pending', 'submission.nextAttemptAt': { $lte: deps.clock.now().toISOString() } },
          { sort: { 'submission.nextAttemptAt': 1 }, limit: batchSize },
        );
        for (const record of due) {
          const claimed = await claim(t, record);
          if (!claimed) continue;
          attempted += 1;
          await attempt(kind, t, claimed);
        }
      }
      const checked = await checkOrderProgress({
        stores: deps.stores,
        provisioning: deps.backends.provisioning,
        reports: deps.reports,
        clock: deps.clock,
        timing,
        batchSize,
        onOverdue: deps.onOrderOverdue,
      });
      return attempted + checked;
    },
  };
}
