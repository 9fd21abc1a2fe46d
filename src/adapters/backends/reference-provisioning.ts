import type { Catalog } from '../../domain/catalog/catalog-schema';
import type { Order, OrderItem } from '../../domain/orders/order';
import type { ProvisioningReports, ProvisioningSystem } from '../../domain/ports/backends';
import type { Clock } from '../../domain/shared/ports';
import type { NetworkState } from './network-state';
import { createIdempotentMemo } from './idempotent-memo';
import { serviceabilityOf } from './serviceability';

export interface ReferenceProvisioning extends ProvisioningSystem {
  /** Reports every accepted, not yet completed order as completed now (tests drive time with this). */
  completePending(): Promise<number>;
  /** Orders accepted (by this process) and still waiting for completion. */
  pendingOrderIds(): string[];
  /** Distinct orders accepted (a repeated key is not a second order). */
  acceptedCount(): number;
  /** Nothing to stop any more (no timers); kept for the composition root. */
  dispose(): void;
}

export interface ProvisioningOptions {
  catalog: () => Catalog;
  reports: ProvisioningReports;
  network: NetworkState;
  clock: Clock;
  /** How long a non-instant order takes after acceptance; Infinity = only through completePending(). */
  completeAfterMs: number;
  serviceabilityOverrides?: Record<string, string[]>;
}

const REPORT_RETRIES = 5;

/** The start (UTC) of the day the customer asked for, or -Infinity when they asked for none. */
const startOfRequestedDay = (order: Order): number => (order.requestedDate ? Date.parse(`${order.requestedDate}T00:00:00.000Z`) : Number.NEGATIVE_INFINITY);

/** Changes that need no truck roll or shipping are instant; products and add-ons say so in the catalog. */
export function isInstantItem(item: OrderItem, catalog: Catalog): boolean {
  const instant = (productId: string) => catalog.products.find((p) => p.id === productId)?.instantActivation ?? false;
  switch (item.action) {
    case 'add':
      return instant(item.productId) && item.addons.every(instant);
    case 'change-product':
      return instant(item.toProductId);
    case 'add-addon':
      return instant(item.addonId);
    case 'disconnect':
      return instant(item.productId);
    default:
      return true; // remove-addon, feature on/off, config change: a network setting
  }
}

/**
 * Reference order management and provisioning: accepts each order once per idempotency key,
 * activates instant items at once (completedNow), and reports the others completed later
 * through ProvisioningReports, the way a real provisioning system calls back.
 */
export function createReferenceProvisioning(opts: ProvisioningOptions): ReferenceProvisioning {
  const memo = createIdempotentMemo<{ externalRef: string; completedNow: boolean; expectedCompletionAt?: string }>();
  /** Accepted by this process and not yet reported; completion itself is computed, not remembered. */
  const pending = new Set<string>();
  const forced = new Set<string>();
  let sequence = 0;

  /**
   * Stateless, so it survives a restart of either side: an order is done completeAfterMs after
   * it was accepted (its submission's deliveredAt, kept on the order in our store).
   */
  function statusOf(order: Order): 'inProgress' | 'completed' {
    if (forced.has(order.id)) return 'completed';
    const acceptedAt = Date.parse(order.submission.deliveredAt ?? order.createdAt);
    return opts.clock.now().getTime() >= dueAt(order, acceptedAt) ? 'completed' : 'inProgress';
  }

  /** The work takes completeAfterMs from acceptance, and a requested day is kept: not before it starts. */
  function dueAt(order: Order, acceptedAt: number): number {
    return Math.max(acceptedAt + opts.completeAfterMs, startOfRequestedDay(order));
  }

  return {
    submitOrder(order: Order, idempotencyKey: string) {
      return memo.run(idempotencyKey, async () => {
        sequence += 1;
        const externalRef = `PRV-${String(sequence).padStart(6, '0')}`;
        // A disconnection on a requested later day is done on that day, not before (see dueAt).
        const scheduled = startOfRequestedDay(order) > opts.clock.now().getTime();
        const completedNow = !scheduled && order.items.every((item) => isInstantItem(item, opts.catalog()));
        if (completedNow) return { externalRef, completedNow };
        pending.add(order.id);
        const due = dueAt(order, opts.clock.now().getTime());
        return { externalRef, completedNow, ...(Number.isFinite(due) ? { expectedCompletionAt: new Date(due).toISOString() } : {}) };
      });
    },

    async orderStatus(order) {
      const status = statusOf(order);
      if (status === 'completed') pending.delete(order.id);
      return status === 'completed' ? { status, note: 'provisioning completed the work' } : { status };
    },

    async serviceability(address) {
      return serviceabilityOf(address, opts.serviceabilityOverrides);
    },

    async remoteReset(lineId) {
      if (opts.network.resettable.has(lineId)) opts.network.faults.delete(lineId);
      return { ok: true };
    },

    async completePending() {
      const ids = [...pending];
      for (const id of ids) {
        forced.add(id);
        for (let attempt = 1; attempt <= REPORT_RETRIES; attempt += 1) {
          try {
            await opts.reports.orderProgress(id, 'completed', 'provisioning completed the work');
            break;
          } catch {
            // A failed report leaves the order to the progress check, which asks again.
          }
        }
        pending.delete(id);
      }
      return ids.length;
    },

    pendingOrderIds: () => [...pending],
    acceptedCount: () => memo.size,
    dispose() {
      pending.clear();
    },
  };
}
