/**
 * Provisioning reports progress; the order follows (acknowledged -> inProgress -> completed or
 * failed, never backwards) and, once completed, its items take effect on the customer's services.
 * Each document is written on its own, idempotently: a replayed report changes nothing twice.
 */
import type { CareDeps } from '../deps';
import type { Catalog } from '../catalog/catalog-schema';
import type { ServiceInstance } from '../customers/customer';
import type { Order, OrderItem, OrderStatus } from './order';
import { fail } from '../shared/errors';
import { updateWithRetry } from '../shared/update-with-retry';
import { applyModification } from '../catalog/modifications';
import { addMonths, findProduct, todayOf, validPromotions } from '../catalog/pricing';
import { pendingService } from './order-submission';

export type ProgressStatus = 'inProgress' | 'completed' | 'failed';
export type OrderProgress = (orderId: string, status: ProgressStatus, note?: string) => Promise<Order>;

const RANK: Record<OrderStatus, number> = { acknowledged: 0, inProgress: 1, completed: 2, failed: 2, cancelled: 2 };
const PROGRESS: readonly string[] = ['inProgress', 'completed', 'failed'];

/** A service after one completed order item (pure). */
export function applyItem(catalog: Catalog, service: ServiceInstance, item: OrderItem, now: Date): ServiceInstance {
  const today = todayOf(now);
  const contractFrom = (productId: string): Partial<ServiceInstance> => {
    const term = findProduct(catalog, productId)?.contract?.termMonths;
    return term ? { contractEnd: addMonths(today, term) } : {};
  };
  switch (item.action) {
    case 'add': {
      const { statusNote: _none, ...rest } = service;
      return { ...rest, status: 'active', activatedAt: now.toISOString(), ...contractFrom(item.productId) };
    }
    case 'change-product': {
      const changed = applyModification(catalog, service, { kind: 'change-product', toProductId: item.toProductId });
      const stillValid = service.promotions.filter((p) => catalog.promotions.find((c) => c.id === p.id)?.appliesTo.includes(item.toProductId));
      const fresh = validPromotions(catalog, item.toProductId, today, { newCustomer: false }).flatMap((p) =>
        p.discount.type === 'waive-one-time' || stillValid.some((s) => s.id === p.id) ? [] : [{ id: p.id, until: addMonths(today, p.discount.months) }],
      );
      return { ...changed, promotions: [...stillValid, ...fresh], ...contractFrom(item.toProductId) };
    }
    case 'add-addon':
    case 'remove-addon':
      return applyModification(catalog, service, { kind: item.action, addonId: item.addonId });
    case 'feature-on':
    case 'feature-off':
      return applyModification(catalog, service, { kind: item.action, featureId: item.featureId });
    case 'change-config':
      return applyModification(catalog, service, { kind: 'change-config', key: item.key, value: item.value });
    case 'disconnect':
      return { ...service, status: 'disconnected', disconnectedAt: now.toISOString() };
  }
}

export function createOrderProgress(deps: Pick<CareDeps, 'stores' | 'clock' | 'catalog'> & Partial<Pick<CareDeps, 'events'>>): OrderProgress {
  const { stores, clock } = deps;

  async function applyCompleted(order: Order): Promise<void> {
    const now = clock.now();
    await updateWithRetry(stores.customers, order.customerId, (c) => {
      const missing = order.items.flatMap((i) => (i.action === 'add' && !c.services.some((s) => s.id === i.serviceId) ? [pendingService(i)] : []));
      let changed = missing.length > 0;
      const services = [...c.services, ...missing].map((s) => {
        const items = order.items.filter((i) => i.serviceId === s.id);
        if (items.length === 0 || s.appliedOrderIds?.includes(order.id)) return s;
        changed = true;
        const next = items.reduce((svc, item) => applyItem(deps.catalog(), svc, item, now), s);
        return { ...next, appliedOrderIds: [...(s.appliedOrderIds ?? []), order.id] };
      });
      return changed ? { ...c, services } : null;
    });
  }

  async function applyFailed(order: Order, note: string | undefined): Promise<void> {
    const added = new Set(order.items.flatMap((i) => (i.action === 'add' ? [i.serviceId] : [])));
    if (added.size === 0) return;
    const now = clock.now().toISOString();
    await updateWithRetry(stores.customers, order.customerId, (c) => {
      if (!c.services.some((s) => added.has(s.id) && s.status === 'pending')) return null;
      const services = c.services.map((s) =>
        added.has(s.id) && s.status === 'pending'
          ? { ...s, status: 'disconnected' as const, disconnectedAt: now, statusNote: `The order could not be completed${note ? `: ${note}` : '.'}` }
          : s,
      );
      return { ...c, services };
    });
  }

  return async (orderId, status, note) => {
    if (!PROGRESS.includes(status)) fail('VALIDATION_FAILED', 'unknown order status', { field: 'status' });
    let moved: string | undefined;
    const order = await updateWithRetry(stores.orders, orderId, (o) => {
      moved = undefined;
      if (RANK[status] <= RANK[o.status]) return null;
      const at = clock.now().toISOString();
      moved = at;
      return {
        ...o,
        status,
        statusHistory: [...o.statusHistory, { status, at, ...(note ? { note } : {}) }],
        ...(status === 'completed' ? { completedAt: at } : {}),
      };
    });
    if (order.status === 'completed') await applyCompleted(order);
    if (order.status === 'failed') await applyFailed(order, note);
    if (moved) await deps.events?.publish({ type: 'order.state', at: moved, orderId: order.id, customerId: order.customerId, status });
    return (await stores.orders.get(orderId)) ?? order;
  };
}
