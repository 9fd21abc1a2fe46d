/** What the signed-in customer can look at: profile, services, bills, orders, tickets, interactions. */
import { defineRoute, type AnyRoute } from '../route-kit';
import { idParams } from '../schemas';

const read = { method: 'get', auth: 'customer', idempotency: 'none', status: 200 } as const;

export const accountRoutes: AnyRoute[] = [
  defineRoute({ ...read, path: '/me', operationId: 'getProfile', summary: 'The customer profile', tag: 'account', handle: ({ actor }, { care }) => care.customers.profile(actor) }),
  defineRoute({ ...read, path: '/me/services', operationId: 'listServices', summary: 'Subscribed services with their products', tag: 'account', handle: ({ actor }, { care }) => care.customers.services(actor) }),
  defineRoute({ ...read, path: '/catalog/offers', operationId: 'listOffers', summary: 'Products this customer may buy now', tag: 'orders', handle: ({ actor }, { care }) => care.orders.offers(actor) }),
  defineRoute({ ...read, path: '/bills', operationId: 'listBills', summary: 'Bills, newest first', tag: 'billing', handle: ({ actor }, { care }) => care.billing.bills(actor) }),
  defineRoute({ ...read, path: '/bills/summary', operationId: 'billSummary', summary: 'Balance, due date and last payment', tag: 'billing', handle: ({ actor }, { care }) => care.billing.summary(actor) }),
  defineRoute({ ...read, path: '/bills/:id', operationId: 'getBill', summary: 'One bill', tag: 'billing', params: idParams, problems: [404], handle: ({ actor, params }, { care }) => care.billing.bill(actor, params.id) }),
  defineRoute({
    ...read,
    path: '/bills/:id/adjustable-items',
    operationId: 'listAdjustableItems',
    summary: 'Items of a bill that may be adjusted, with reasons and the most that may be credited',
    tag: 'billing',
    params: idParams,
    problems: [404],
    handle: ({ actor, params }, { care }) => care.billing.adjustableItems(actor, params.id),
  }),
  defineRoute({ ...read, path: '/orders', operationId: 'listOrders', summary: 'Orders', tag: 'orders', handle: ({ actor }, { care }) => care.orders.orders(actor) }),
  defineRoute({ ...read, path: '/orders/:id', operationId: 'getOrder', summary: 'One order with its status history', tag: 'orders', params: idParams, problems: [404], handle: ({ actor, params }, { care }) => care.orders.order(actor, params.id) }),
  defineRoute({ ...read, path: '/tickets', operationId: 'listTickets', summary: 'Repair tickets', tag: 'repair', handle: ({ actor }, { care }) => care.repair.tickets(actor) }),
  defineRoute({ ...read, path: '/tickets/:id', operationId: 'getTicket', summary: 'One repair ticket', tag: 'repair', params: idParams, problems: [404], handle: ({ actor, params }, { care }) => care.repair.ticket(actor, params.id) }),
  defineRoute({ ...read, path: '/interactions', operationId: 'listInteractions', summary: 'Past and open contacts on every channel', tag: 'interactions', handle: ({ actor }, { care }) => care.interactions.list(actor) }),
  defineRoute({ ...read, path: '/adjustments', operationId: 'listAdjustments', summary: 'Bill adjustments requested', tag: 'billing', handle: ({ actor }, { care }) => care.billing.adjustments(actor) }),
];
