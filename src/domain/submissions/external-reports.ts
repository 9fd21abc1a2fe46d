/**
 * A partner back-end tells us how its work on our order or ticket goes, naming it by its own
 * reference (the externalRef it gave when it accepted the submission). The report goes through
 * the same domain path as every other progress: never backwards, idempotent on repeats.
 */
import type { Stores } from '../ports/store';
import type { Order } from '../orders/order';
import type { RepairTicket } from '../repair/ticket';
import type { OrderProgress, ProgressStatus } from '../orders/order-progress';
import type { TicketProgress } from '../repair/ticket-lifecycle';
import { fail } from '../shared/errors';

export interface ExternalReports {
  order(externalRef: string, status: ProgressStatus, note?: string): Promise<Order>;
  ticket(externalRef: string, status: 'scheduled' | 'resolved', note?: string): Promise<RepairTicket>;
}

export function createExternalReports(deps: { stores: Pick<Stores, 'orders' | 'tickets'>; orderProgress: OrderProgress; ticketProgress: TicketProgress }): ExternalReports {
  return {
    async order(externalRef, status, note) {
      const order = await deps.stores.orders.findOne({ 'submission.externalRef': externalRef });
      if (!order) fail('NOT_FOUND', 'no order of ours has that reference', { externalRef });
      return deps.orderProgress(order.id, status, note);
    },
    async ticket(externalRef, status, note) {
      const ticket = await deps.stores.tickets.findOne({ 'submission.externalRef': externalRef });
      if (!ticket) fail('NOT_FOUND', 'no ticket of ours has that reference', { externalRef });
      return deps.ticketProgress(ticket.id, status, note);
    },
  };
}
