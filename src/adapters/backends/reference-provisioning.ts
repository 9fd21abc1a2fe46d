import type { Catalog } from '../../domain/catalog/catalog-schema';
import type { Order, OrderItem } from '../../domain/orders/order';
import type { ProvisioningReports, ProvisioningSystem } from '../../domain/ports/backends';
import type { NetworkState } from './network-state';
import { createIdempotentMemo } from './idempotent-memo';
import { serviceabilityOf } from './serviceability';

export interface ReferenceProvisioning extends ProvisioningSystem {
  /** Reports every accepted, not yet completed order as completed now (tests drive time with this). */
  completePending(): Promise<number>;
  /** Orders accepted and still waiting for completion. */
  pendingOrderIds(): string[];
  /** Distinct orders accepted (a repeated key is not a second order). */
  acceptedCount(): number;
  /** Stops the completion timers. */
  dispose(): void;
}

export interface ProvisioningOptions {
  catalog: () => Catalog;
  reports: ProvisioningReports;
  network: NetworkState;
  /** Delay before a non-instant order is reported completed; Infinity = only through completePending(). */
  completeAfterMs: number;
  serviceabilityOverrides?: Record<string, string[]>;
}

const REPORT_RETRIES = 5;

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
  const memo = createIdempotentMemo<{ externalRef: string; completedNow: boolean }>();
  const pending = new Map<string, NodeJS.Timeout | null>();
  let sequence = 0;

  async function report(orderId: string, attempt = 1): Promise<void> {
    if (!pending.has(orderId)) return;
    try {
      await opts.reports.orderProgress(orderId, 'completed', 'provisioning completed the work');
      pending.delete(orderId);
    } catch {
      if (attempt >= REPORT_RETRIES) {
        pending.delete(orderId);
        return;
      }
      schedule(orderId, Math.max(opts.completeAfterMs, 1000) * attempt, attempt + 1);
    }
  }

  function schedule(orderId: string, delayMs: number, attempt = 1): void {
    if (!Number.isFinite(delayMs)) {
      pending.set(orderId, null);
      return;
    }
    const timer = setTimeout(() => void report(orderId, attempt), delayMs);
    timer.unref();
    pending.set(orderId, timer);
  }

  return {
    submitOrder(order: Order, idempotencyKey: string) {
      return memo.run(idempotencyKey, async () => {
        sequence += 1;
        const externalRef = `PRV-${String(sequence).padStart(6, '0')}`;
        // A disconnection on a requested later day waits for that day (the reference does not run a calendar: completePending()).
        const completedNow = !order.requestedDate && order.items.every((item) => isInstantItem(item, opts.catalog()));
        if (!completedNow) schedule(order.id, order.requestedDate ? Number.POSITIVE_INFINITY : opts.completeAfterMs);
        return { externalRef, completedNow };
      });
    },

    async serviceability(address) {
      return serviceabilityOf(address, opts.serviceabilityOverrides);
    },

    async remoteReset(lineId) {
      if (opts.network.resettable.has(lineId)) opts.network.faults.delete(lineId);
      return { ok: true };
    },

    async completePending() {
      const ids = [...pending.keys()];
      for (const id of ids) {
        const timer = pending.get(id);
        if (timer) clearTimeout(timer);
        await report(id, REPORT_RETRIES);
      }
      return ids.length;
    },

    pendingOrderIds: () => [...pending.keys()],
    acceptedCount: () => memo.size,
    dispose() {
      for (const timer of pending.values()) if (timer) clearTimeout(timer);
    },
  };
}
