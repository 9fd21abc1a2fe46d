import type { ProcedureApis, ProcedureDefinition } from '../procedure-definition';
import { done } from '../procedure-definition';

/**
 * The account at a glance, with no questions: balance, due date and last payment (what most
 * billing calls want), and what is still under way: orders in progress and open repairs, by the
 * service they are for, whichever channel (or partner) placed them.
 */
export const billInquiry = (apis: Pick<ProcedureApis, 'billing' | 'orders' | 'repair' | 'customers' | 'catalog'>): ProcedureDefinition => ({
  name: 'bill-inquiry',
  requires: 'verified',
  steps: async () => [],
  async finish(actor) {
    const [s, orders, tickets, services] = await Promise.all([apis.billing.summary(actor), apis.orders.orders(actor), apis.repair.tickets(actor), apis.customers.services(actor)]);
    const nameOf = new Map(services.map((x) => [x.id, x.product.name]));
    const openOrders = orders.filter((o) => o.status === 'acknowledged' || o.status === 'inProgress').sort((a, b) => a.createdAt.localeCompare(b.createdAt));
    const openTickets = tickets.filter((t) => t.status === 'open' || t.status === 'scheduled').sort((a, b) => a.createdAt.localeCompare(b.createdAt));
    const visits = openTickets.flatMap((t) => (t.status === 'scheduled' && t.appointment ? [t.appointment.start] : [])).sort();
    const unique = (names: string[]) => [...new Set(names)];
    return done('bill-inquiry', 'informed', {
      balance: s.balance,
      dueDate: s.dueDate,
      overdue: s.overdue,
      lastPaymentAmount: s.lastPayment?.amount ?? null,
      lastPaymentDate: s.lastPayment?.receivedAt ?? null,
      openOrders: unique(openOrders.flatMap((o) => o.items.map((i) => nameOf.get(i.serviceId) ?? ('productId' in i ? (apis.catalog.product(i.productId)?.name ?? i.productId) : i.serviceId)))),
      openRepairs: unique(openTickets.map((t) => nameOf.get(t.serviceId) ?? t.serviceId)),
      nextVisit: visits[0] ?? null,
    });
  },
});
