/** Our repair tickets as TMF621 TroubleTickets. */
import type { RepairTicket } from '../../../domain/repair/ticket';
import type { Catalog } from '../../../domain/catalog/catalog-schema';
import { customerParty, type Hrefs } from './refs';

/** Ticket status → TMF TroubleTicketStatusType. */
export const TICKET_STATUS: Record<RepairTicket['status'], string> = { open: 'acknowledged', scheduled: 'inProgress', resolved: 'resolved', cancelled: 'cancelled' };

/** Severity by what the diagnosis decided: a dispatch is major, anything else minor. */
const severityOf = (t: RepairTicket): string => (t.diagnosis.action === 'dispatch' ? 'major' : 'minor');

export function troubleTicketOf(ticket: RepairTicket, href: Hrefs, catalog: Catalog): Record<string, unknown> {
  const symptom = catalog.repair.symptoms.find((s) => s.code === ticket.symptom);
  return {
    '@type': 'TroubleTicket',
    id: ticket.id,
    href: href('TMF621', 'troubleTicket', ticket.id),
    name: symptom?.label ?? ticket.symptom,
    description: ticket.diagnosis.explanation,
    severity: severityOf(ticket),
    ticketType: ticket.symptom,
    status: TICKET_STATUS[ticket.status],
    creationDate: ticket.createdAt,
    lastUpdate: ticket.resolvedAt ?? ticket.createdAt,
    ...(ticket.resolvedAt ? { resolutionDate: ticket.resolvedAt } : {}),
    ...(ticket.statusNote ? { statusChangeReason: ticket.statusNote } : {}),
    ...(ticket.appointment ? { expectedResolutionDate: ticket.appointment.end } : {}),
    relatedParty: [customerParty(href, ticket.customerId)],
    relatedEntity: [{ '@type': 'RelatedEntity', role: 'affectedProduct', entity: { '@type': 'EntityRef', id: ticket.serviceId, href: href('TMF637', 'product', ticket.serviceId), '@referredType': 'Product' } }],
    troubleTicketCharacteristic: [
      { '@type': 'StringCharacteristic', name: 'diagnosis', valueType: 'string', value: ticket.diagnosis.cause },
      ...(ticket.appointment ? [{ '@type': 'StringCharacteristic', name: 'appointment', valueType: 'string', value: `${ticket.appointment.start}/${ticket.appointment.end}` }] : []),
    ],
  };
}
