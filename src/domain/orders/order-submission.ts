/**
 * Placing an order, the same way for every order procedure: the order document first (with its
 * submission queued inside it), then what the order means on the customer's document, each
 * write idempotent; then one immediate delivery attempt. A repeat with the same idempotency key
 * finds the first order and never places a second.
 */
import type { CareDeps } from '../deps';
import type { Actor } from '../shared/actor';
import type { Customer, ServiceInstance } from '../customers/customer';
import type { Order, OrderItem, OrderType, Quote } from './order';
import { fail, isDomainError } from '../shared/errors';
import { newSubmission, scopedKey } from '../shared/guards';
import { updateWithRetry } from '../shared/update-with-retry';
import { requireOwnInteraction } from '../interactions/ownership';

export interface OrderDraft {
  type: OrderType;
  items: OrderItem[];
  quote: Quote;
  reasonCode?: string;
  requestedDate?: string;
  marketing?: { questionId: string; answerId: string }[];
}

export interface PlaceOptions {
  idempotencyKey: string;
  interactionId?: string;
}

type Deps = Pick<CareDeps, 'stores' | 'clock' | 'ids' | 'deliverNow'> & Partial<Pick<CareDeps, 'events'>>;

const keyOf = (actor: Actor, opts: PlaceOptions): string => {
  if (!opts.idempotencyKey || opts.idempotencyKey.length > 200) fail('VALIDATION_FAILED', 'an idempotency key is required', { field: 'idempotencyKey' });
  return scopedKey(actor, 'order', opts.idempotencyKey);
};

/** The order placed earlier with this key (its customer-side effects made good), or null. */
export async function placedBefore(deps: Deps, actor: Actor, opts: PlaceOptions): Promise<Order | null> {
  await requireOwnInteraction(deps.stores, actor, opts.interactionId);
  const order = await deps.stores.orders.findOne({ idempotencyKey: keyOf(actor, opts) });
  if (!order) return null;
  await recordOnCustomer(deps, order);
  return (await deps.stores.orders.get(order.id)) ?? order;
}

/** Inserts the order (a racing repeat re-reads the winner), records it on the customer, tries delivery. */
export async function placeOrder(deps: Deps, actor: Actor, customer: Customer, draft: OrderDraft, opts: PlaceOptions): Promise<Order> {
  const idempotencyKey = keyOf(actor, opts);
  const now = deps.clock.now();
  let order: Order;
  let placedNow = false;
  try {
    order = await deps.stores.orders.insert({
      id: deps.ids.next('ord'),
      customerId: customer.id,
      type: draft.type,
      items: draft.items,
      quote: draft.quote,
      status: 'acknowledged',
      statusHistory: [{ status: 'acknowledged', at: now.toISOString() }],
      channel: actor.channel,
      ...(opts.interactionId ? { interactionId: opts.interactionId } : {}),
      ...(draft.reasonCode ? { reasonCode: draft.reasonCode } : {}),
      ...(draft.requestedDate ? { requestedDate: draft.requestedDate } : {}),
      ...(draft.marketing ? { marketing: draft.marketing } : {}),
      idempotencyKey,
      createdAt: now.toISOString(),
      submission: newSubmission(idempotencyKey, now),
    });
    placedNow = true;
  } catch (e) {
    if (!isDomainError(e) || e.code !== 'DUPLICATE') throw e;
    order = (await deps.stores.orders.findOne({ idempotencyKey })) ?? fail('CONFLICT', 'the order could not be placed; try again');
  }
  await recordOnCustomer(deps, order);
  if (placedNow) {
    await deps.events?.publish({ type: 'order.state', at: order.createdAt, orderId: order.id, customerId: order.customerId, status: 'acknowledged' });
    await deps.events?.publish(orderPlaced(order));
  }
  await deps.deliverNow('order', order.id);
  return (await deps.stores.orders.get(order.id)) ?? order;
}

/** The event of a placed order: what it adds or moves to. */
const orderPlaced = (order: Order) => ({
  type: 'order.placed' as const,
  at: order.createdAt,
  orderId: order.id,
  customerId: order.customerId,
  channel: order.channel,
  orderType: order.type,
  productIds: [...new Set(order.items.flatMap((i) => (i.action === 'add' ? [i.productId] : i.action === 'change-product' ? [i.toProductId] : i.action === 'add-addon' ? [i.addonId] : [])))],
});

/**
 * What placing the order changes on the customer: a new service appears as pending, marketing
 * answers are kept. Idempotent by the service id and the order id.
 */
async function recordOnCustomer(deps: Deps, order: Order): Promise<void> {
  const at = order.createdAt;
  const added = order.items.flatMap((item) => (item.action === 'add' ? [pendingService(item)] : []));
  await updateWithRetry(deps.stores.customers, order.customerId, (c) => {
    const newServices = added.filter((n) => !c.services.some((s) => s.id === n.id));
    const answers = order.marketing ?? [];
    const addMarketing = answers.length > 0 && !c.marketing.some((m) => m.orderId === order.id);
    if (newServices.length === 0 && !addMarketing) return null;
    return {
      ...c,
      services: [...c.services, ...newServices],
      marketing: addMarketing
        ? [...c.marketing, ...answers.map((a) => ({ ...a, at, interactionId: order.interactionId ?? '', orderId: order.id }))]
        : c.marketing,
    };
  });
}

/** The service a new-service order adds, pending until provisioning completes it. */
export function pendingService(item: Extract<OrderItem, { action: 'add' }>): ServiceInstance {
  return {
    id: item.serviceId,
    productId: item.productId,
    status: 'pending',
    config: item.config,
    features: [],
    addons: item.addons,
    ...(item.serviceAddress ? { serviceAddress: item.serviceAddress } : {}),
    promotions: item.promotions ?? [],
    lineId: `line-${item.serviceId}`,
  };
}

const openOrders = (deps: Pick<CareDeps, 'stores'>, customerId: string): Promise<Order[]> =>
  deps.stores.orders.find({ customerId, status: { $in: ['acknowledged', 'inProgress'] } });

/** Is an order for this service still being worked on? A second change waits for it. */
export async function orderInFlight(deps: Pick<CareDeps, 'stores'>, customerId: string, serviceId: string): Promise<Order | undefined> {
  return (await openOrders(deps, customerId)).find((o) => o.items.some((i) => i.serviceId === serviceId));
}

/** Ids of the customer's services with an order still being worked on. */
export async function servicesInFlight(deps: Pick<CareDeps, 'stores'>, customerId: string): Promise<Set<string>> {
  return new Set((await openOrders(deps, customerId)).flatMap((o) => o.items.map((i) => i.serviceId)));
}
