import type { CareDeps } from '../deps';
import type { RepairApi } from '../care';
import type { RepairTicket } from './ticket';
import { customerOf } from '../shared/guards';
import { fail } from '../shared/errors';
import { updateWithRetry } from '../submissions/insert-once';
import { freeSlotsFor, serviceOf, ticketOf } from './repair-context';
import { refuse } from '../shared/refusal';
import { publishTicket } from './ticket-lifecycle';
import { serviceLabel } from '../procedures/definitions/labels';

export function createRepairQueries(deps: CareDeps): Omit<RepairApi, 'troubleshoot' | 'withdrawTicket'> {
  return {
    async servicesOfFamily(actor, family) {
      const customer = await customerOf(deps.stores, actor, 'identified');
      const catalog = deps.catalog();
      const familyOf = (productId: string) => catalog.products.find((p) => p.id === productId)?.family;
      const held = customer.services.filter((s) => s.status !== 'disconnected');
      const found = held.filter((s) => familyOf(s.productId) === family);
      if (found.length > 0) return found;
      const services = held.map((s) => serviceLabel(catalog, s));
      refuse('SERVICE_NOT_ON_ACCOUNT', {
        reasonCode: 'service-not-on-account',
        reason: `there is no ${family} service on this account${services.length ? `; it has ${services.join(', ')}` : ''}`,
        nextSteps: services.length ? ['choose-other'] : ['agent'],
        facts: { family, services },
      });
    },

    async symptoms(actor, serviceId) {
      const { product } = await serviceOf(deps, actor, serviceId);
      return deps.catalog().repair.symptoms.filter((s) => s.families.includes(product.family)).map((s) => ({ id: s.code, label: s.label }));
    },

    /**
     * Books one of the free slots offered for the ticket. The workforce system is called at once
     * (the customer hears a confirmed slot); its booking is idempotent per ticket.
     */
    async bookAppointment(actor, ticketId, slotId) {
      const ticket = await ticketOf(deps, actor, ticketId);
      if (ticket.status === 'scheduled' && ticket.appointment?.slotId === slotId) return ticket;
      if (ticket.status !== 'open') fail('CONFLICT', `the ticket is already ${ticket.status}`, { status: ticket.status });

      const ctx = await serviceOf(deps, actor, ticket.serviceId);
      const slots = await freeSlotsFor(deps, ctx);
      if (!slots.some((s) => s.slotId === slotId)) fail('VALIDATION_FAILED', 'that slot is not one of the free slots', { slotId });

      let appointment;
      try {
        appointment = await deps.backends.workforce.book(ticket, slotId);
      } catch {
        fail('BACKEND_UNAVAILABLE', 'the appointment system is not answering; please try again');
      }
      let scheduled = false;
      const saved = await updateWithRetry<RepairTicket>(deps.stores.tickets, ticket.id, (t) => {
        scheduled = t.status === 'open';
        return scheduled ? { ...t, status: 'scheduled', appointment } : null;
      });
      if (scheduled && saved) await publishTicket(deps, saved);
      return saved ?? ticket;
    },

    async tickets(actor) {
      const customer = await customerOf(deps.stores, actor, 'identified');
      return deps.stores.tickets.find({ customerId: customer.id }, { sort: { createdAt: -1 } });
    },

    ticket: (actor, ticketId) => ticketOf(deps, actor, ticketId),
  };
}
