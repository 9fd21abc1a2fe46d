/**
 * Repairs through a contractor's TMF621 Trouble Ticket API: a ticket that needs a technician is
 * POSTed as a troubleTicket (Idempotency-Key header and externalIdentifier: a retry never opens
 * two), their id becomes our externalRef, and their status changes come to our listener routes
 * (registered with POST /hub before the first ticket, until that works once). Technician slots and
 * bookings are not in TMF621 and stay with the built-in workforce.
 */
import type { Workforce } from '../../domain/ports/backends';
import type { RepairTicket } from '../../domain/repair/ticket';
import type { TmfClient } from './tmf-client';

export function troubleTicketRequest(ticket: RepairTicket, idempotencyKey: string): Record<string, unknown> {
  return {
    '@type': 'TroubleTicket',
    name: ticket.symptom,
    description: `${ticket.diagnosis.explanation} (diagnosis: ${ticket.diagnosis.cause})`,
    severity: ticket.diagnosis.action === 'dispatch' ? 'major' : 'minor',
    ticketType: ticket.symptom,
    externalIdentifier: [{ '@type': 'ExternalIdentifier', id: idempotencyKey, owner: 'telecare', externalIdentifierType: 'idempotencyKey' }],
    relatedParty: [{ '@type': 'RelatedPartyRefOrPartyRoleRef', role: 'customer', partyOrPartyRole: { '@type': 'PartyRoleRef', id: ticket.customerId } }],
    relatedEntity: [{ '@type': 'RelatedEntity', role: 'affectedProduct', entity: { '@type': 'EntityRef', id: ticket.serviceId, '@referredType': 'Product' } }],
    ...(ticket.appointment ? { requestedResolutionDate: ticket.appointment.end } : {}),
  };
}

export function createTmf621Workforce(opts: { client: TmfClient; fallback: Workforce; callbackBase: string; callbackKey: string }): Workforce & { hubRegistered(): boolean } {
  let registered = false;
  async function ensureHub(): Promise<void> {
    if (registered) return;
    try {
      for (const event of ['troubleTicketStatusChangeEvent', 'troubleTicketResolvedEvent']) {
        const type = event.charAt(0).toUpperCase() + event.slice(1);
        await opts.client.call('POST', '/hub', { '@type': 'Hub', callback: `${opts.callbackBase}/${event}?key=${encodeURIComponent(opts.callbackKey)}`, query: `eventType=${type}` });
      }
      registered = true;
    } catch {
      // Next ticket tries again; meanwhile the contractor's work is still reported when it does register.
    }
  }
  return {
    hubRegistered: () => registered,
    freeSlots: (postalCode, fromIso, horizonDays) => opts.fallback.freeSlots(postalCode, fromIso, horizonDays),
    book: (ticket, slotId) => opts.fallback.book(ticket, slotId),
    async dispatch(ticket, idempotencyKey) {
      await ensureHub();
      const answer = await opts.client.call<{ id?: string }>('POST', '/troubleTicket', troubleTicketRequest(ticket, idempotencyKey), { 'Idempotency-Key': idempotencyKey });
      if (!answer?.id) throw new Error('the contractor accepted the ticket without an id');
      return { externalRef: answer.id };
    },
  };
}
