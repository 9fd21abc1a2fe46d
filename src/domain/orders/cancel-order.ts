/**
 * Cancelling an order before provisioning has taken it: only an acknowledged order whose
 * submission is still waiting (not delivered, not held by a worker's lease right now) may be
 * cancelled. Services it would have added are marked disconnected with the reason; repeating
 * the cancellation is harmless. Once provisioning has the order, it runs to its end.
 */
import type { CareDeps } from '../deps';
import type { OrdersApi } from '../care';
import type { Order } from './order';
import { fail } from '../shared/errors';
import { customerOf } from '../shared/guards';
import { updateWithRetry } from '../shared/update-with-retry';

export function createCancelOrder(deps: Pick<CareDeps, 'stores' | 'clock' | 'events'>): Pick<OrdersApi, 'cancelOrder'> {
  return {
    async cancelOrder(actor, orderId, input = {}) {
      const customer = await customerOf(deps.stores, actor, 'verified');
      const existing = typeof orderId === 'string' && orderId ? await deps.stores.orders.get(orderId) : null;
      if (!existing || existing.customerId !== customer.id) fail('NOT_FOUND', 'no such order on this account', { orderId });
      if (existing.status === 'cancelled') return existing;
      const reason = (input.reason ?? '').trim().slice(0, 200);
      const now = deps.clock.now();
      const at = now.toISOString();
      let moved = false;
      const order = await updateWithRetry<Order>(deps.stores.orders, existing.id, (o) => {
        moved = false;
        if (o.status === 'cancelled') return null;
        const sub = o.submission;
        const held = sub.leaseUntil !== undefined && sub.leaseUntil > at;
        if (o.status !== 'acknowledged' || sub.state !== 'pending' || held) {
          fail('CONFLICT', `the order is ${o.status} and provisioning already has it; it can no longer be cancelled`, { status: o.status });
        }
        moved = true;
        return {
          ...o,
          status: 'cancelled',
          statusHistory: [...o.statusHistory, { status: 'cancelled', at, ...(reason ? { note: reason } : {}) }],
          // Never sent now: the outbox only claims pending submissions.
          submission: { ...sub, state: 'dead', lastError: 'cancelled before delivery' },
        };
      });
      if (!moved) return order;
      const added = new Set(order.items.flatMap((i) => (i.action === 'add' ? [i.serviceId] : [])));
      if (added.size > 0) {
        await updateWithRetry(deps.stores.customers, customer.id, (c) => {
          if (!c.services.some((s) => added.has(s.id) && s.status === 'pending')) return null;
          return { ...c, services: c.services.map((s) => (added.has(s.id) && s.status === 'pending' ? { ...s, status: 'disconnected' as const, disconnectedAt: at, statusNote: 'The order was cancelled.' } : s)) };
        });
      }
      await deps.events.publish({ type: 'order.state', at, orderId: order.id, customerId: order.customerId, status: 'cancelled' });
      return order;
    },
  };
}
