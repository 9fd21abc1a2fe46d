import type { OrdersApi } from '../care';
import type { CareDeps } from '../deps';
import { fail } from '../shared/errors';
import { requireLevel } from '../shared/guards';

/** The customer's orders: identified is enough to hear where an order stands. */
export function createOrderQueries(deps: Pick<CareDeps, 'stores'>): Pick<OrdersApi, 'orders' | 'order'> {
  return {
    async orders(actor) {
      requireLevel(actor, 'identified');
      return deps.stores.orders.find({ customerId: actor.customerId as string }, { sort: { createdAt: -1 } });
    },
    async order(actor, orderId) {
      requireLevel(actor, 'identified');
      const order = typeof orderId === 'string' && orderId ? await deps.stores.orders.get(orderId) : null;
      if (!order || order.customerId !== actor.customerId) fail('NOT_FOUND', 'no such order on this account', { orderId });
      return order;
    },
  };
}
