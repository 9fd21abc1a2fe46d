/** Our orders as TMF622 ProductOrders: one order, one item; the states are the order's own. */
import type { Order, OrderItem } from '../../../domain/orders/order';
import type { Catalog } from '../../../domain/catalog/catalog-schema';
import { customerParty, offeringRef, productRef, tmfMoney, type Hrefs } from './refs';

const productName = (catalog: Catalog, id: string): string | undefined => catalog.products.find((p) => p.id === id)?.name;

/** The TMF item action for one of our order items. */
export function itemAction(item: OrderItem): 'add' | 'modify' | 'delete' {
  if (item.action === 'add') return 'add';
  if (item.action === 'disconnect' || item.action === 'remove-addon') return 'delete';
  return 'modify';
}

function offeringOf(item: OrderItem): string | undefined {
  switch (item.action) {
    case 'add':
    case 'disconnect':
      return item.productId;
    case 'change-product':
      return item.toProductId;
    case 'add-addon':
    case 'remove-addon':
      return item.addonId;
    default:
      return undefined;
  }
}

function characteristicsOf(item: OrderItem): { '@type': 'StringCharacteristic'; name: string; value: string; valueType: 'string' }[] {
  const c = (name: string, value: string) => ({ '@type': 'StringCharacteristic' as const, name, value, valueType: 'string' as const });
  if (item.action === 'add') return Object.entries(item.config).map(([k, v]) => c(k, v));
  if (item.action === 'change-config') return [c(item.key, item.value)];
  if (item.action === 'feature-on' || item.action === 'feature-off') return [c(item.featureId, item.action === 'feature-on' ? 'on' : 'off')];
  return [];
}

export function productOrderOf(order: Order, href: Hrefs, catalog: Catalog): Record<string, unknown> {
  const last = (status: string) => [...order.statusHistory].reverse().find((h) => h.status === status)?.at;
  const cancelled = order.status === 'cancelled' ? order.statusHistory[order.statusHistory.length - 1] : undefined;
  return {
    '@type': 'ProductOrder',
    id: order.id,
    href: href('TMF622', 'productOrder', order.id),
    state: order.status,
    category: order.type,
    creationDate: order.createdAt,
    orderDate: order.createdAt,
    ...(order.completedAt ? { completionDate: order.completedAt } : {}),
    ...(last('failed') ? { completionDate: last('failed') } : {}),
    ...(cancelled ? { cancellationDate: cancelled.at, ...(cancelled.note ? { cancellationReason: cancelled.note } : {}) } : {}),
    ...(order.requestedDate ? { requestedCompletionDate: `${order.requestedDate}T00:00:00.000Z` } : {}),
    relatedParty: [customerParty(href, order.customerId)],
    productOrderItem: order.items.map((item, i) => {
      const offering = offeringOf(item);
      const characteristics = characteristicsOf(item);
      return {
        '@type': 'ProductOrderItem',
        id: String(i + 1),
        action: itemAction(item),
        quantity: 1,
        state: order.status,
        ...(offering ? { productOffering: offeringRef(href, offering, productName(catalog, offering)) } : {}),
        product: characteristics.length > 0
          ? { '@type': 'Product', id: item.serviceId, href: href('TMF637', 'product', item.serviceId), productCharacteristic: characteristics }
          : productRef(href, item.serviceId),
      };
    }),
    orderTotalPrice: [
      { '@type': 'OrderPrice', name: 'One-time charges', priceType: 'oneTime', price: { '@type': 'Price', taxIncludedAmount: tmfMoney(order.quote.oneTimeTotal) } },
      { '@type': 'OrderPrice', name: 'Monthly charges', priceType: 'recurring', recurringChargePeriod: 'month', price: { '@type': 'Price', taxIncludedAmount: tmfMoney(order.quote.monthlyTotal) } },
    ],
    note: [
      ...order.quote.lines.map((l, i) => ({ '@type': 'Note', id: `quote-${i + 1}`, text: `${l.label}: ${l.kind} ${(l.amount.amountMinor / 100).toFixed(2)} ${l.amount.currency}` })),
      ...order.quote.notes.map((text, i) => ({ '@type': 'Note', id: `terms-${i + 1}`, text })),
      ...order.statusHistory.filter((h) => h.note).map((h, i) => ({ '@type': 'Note', id: `state-${i + 1}`, date: h.at, text: `${h.status}: ${h.note}` })),
    ],
  };
}
