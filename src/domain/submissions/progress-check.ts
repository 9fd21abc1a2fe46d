/**
 * Follows orders provisioning accepted but has not finished: each one due is claimed (its next
 * check moves forward in the same compare-and-set write, so two workers never ask twice), then
 * provisioning is asked where it stands. Completion and failure go through the orders domain
 * (ProvisioningReports); an order still in progress past its deadline is flagged overdue once
 * and reported, so a stuck order is seen instead of blocking its service silently.
 * Everything lives on the order document: a restart loses nothing.
 */
import type { Stores } from '../ports/store';
import type { ProvisioningReports, ProvisioningSystem } from '../ports/backends';
import type { Order } from '../orders/order';
import type { Clock } from '../shared/ports';
import { isDomainError } from '../shared/errors';
import type { ProgressTiming } from './submission-targets';
import { updateWithRetry } from './insert-once';

export interface ProgressCheckDeps {
  stores: Pick<Stores, 'orders'>;
  provisioning: ProvisioningSystem;
  reports: ProvisioningReports;
  clock: Clock;
  timing: ProgressTiming;
  batchSize: number;
  /** Called once per order when it passes its deadline still in progress. */
  onOverdue?: (order: Order) => void;
}

const isConflict = (e: unknown): boolean => isDomainError(e) && (e.code === 'CONFLICT' || e.code === 'NOT_FOUND');

/** Checks every order whose progress check is due; returns how many were checked. */
export async function checkOrderProgress(deps: ProgressCheckDeps): Promise<number> {
  const now = deps.clock.now();
  const due = await deps.stores.orders.find(
    { status: 'inProgress', 'progress.nextCheckAt': { $lte: now.toISOString() } },
    { sort: { 'progress.nextCheckAt': 1 }, limit: deps.batchSize },
  );
  let checked = 0;
  for (const order of due) {
    const claimed = await claim(deps, order, now);
    if (!claimed) continue;
    checked += 1;
    const key = claimed.submission.idempotencyKey;
    const answer = await deps.provisioning.orderStatus(claimed, key).catch(() => null);
    if (answer && answer.status !== 'inProgress') {
      // A failing report stays due: the claim moved the next check only checkMs ahead.
      await deps.reports.orderProgress(claimed.id, answer.status, answer.note).catch(() => undefined);
      continue;
    }
    if (claimed.progress && !claimed.progress.overdueSince && claimed.progress.deadline <= now.toISOString()) await flagOverdue(deps, claimed.id, now);
  }
  return checked;
}

async function flagOverdue(deps: ProgressCheckDeps, orderId: string, now: Date): Promise<void> {
  const flagged = await updateWithRetry(deps.stores.orders, orderId, (o) =>
    o.status !== 'inProgress' || !o.progress || o.progress.overdueSince ? null : { ...o, progress: { ...o.progress, overdueSince: now.toISOString() } },
  );
  if (flagged && flagged.progress?.overdueSince === now.toISOString()) deps.onOverdue?.(flagged);
}

async function claim(deps: ProgressCheckDeps, order: Order, now: Date): Promise<Order | null> {
  const progress = order.progress;
  if (!progress || order.status !== 'inProgress') return null;
  const nextCheckAt = new Date(now.getTime() + deps.timing.checkMs).toISOString();
  try {
    return await deps.stores.orders.replace({ ...order, progress: { ...progress, nextCheckAt } });
  } catch (e) {
    if (isConflict(e)) return null;
    throw e;
  }
}
