/** Small builders of TMF request bodies, and a wait on the event port (no sleeps). */
import { eventually } from '../../support/eventually';
import type { EventPort, CareEvent } from '../../../src/domain/events/care-events';

export const PO = '/tmf-api/productOrderingManagement/v5';
export const TT = '/tmf-api/troubleTicket/v5';

export const customerParty = (customerId: string) => ({ '@type': 'RelatedPartyRefOrPartyRoleRef', role: 'customer', partyOrPartyRole: { '@type': 'PartyRoleRef', id: customerId } });

export function orderBody(customerId: string, item: { action: 'add' | 'modify' | 'delete'; offering?: string; productId?: string; characteristics?: Record<string, string> }, extra: Record<string, unknown> = {}) {
  const chars = Object.entries(item.characteristics ?? {}).map(([name, value]) => ({ '@type': 'StringCharacteristic', name, value }));
  const product = item.productId || chars.length > 0 ? { product: { '@type': 'Product', ...(item.productId ? { id: item.productId } : {}), ...(chars.length ? { productCharacteristic: chars } : {}) } } : {};
  return {
    '@type': 'ProductOrder',
    relatedParty: [customerParty(customerId)],
    productOrderItem: [{ '@type': 'ProductOrderItem', id: '1', action: item.action, ...(item.offering ? { productOffering: { '@type': 'ProductOfferingRef', id: item.offering } } : {}), ...product }],
    ...extra,
  };
}

export function ticketBody(customerId: string, serviceId: string, symptom: string, extra: Record<string, unknown> = {}) {
  return {
    '@type': 'TroubleTicket',
    description: 'Reported by the partner',
    severity: 'minor',
    ticketType: symptom,
    relatedParty: [customerParty(customerId)],
    relatedEntity: [{ '@type': 'RelatedEntity', role: 'affectedProduct', entity: { '@type': 'EntityRef', id: serviceId } }],
    ...extra,
  };
}

/** Resolves with the first event the predicate accepts (subscribed before `act` runs). */
export async function whenEvent<T extends CareEvent>(events: EventPort, accept: (e: CareEvent) => e is T, act: () => Promise<unknown>, timeoutMs = 5000): Promise<T> {
  let stop: () => void = () => undefined;
  let timer: NodeJS.Timeout | undefined;
  const seen = new Promise<T>((resolve, reject) => {
    stop = events.subscribe((e) => {
      if (accept(e)) resolve(e);
    });
    timer = setTimeout(() => reject(new Error('the event did not come')), timeoutMs);
  });
  try {
    await act();
    return await seen;
  } finally {
    stop();
    clearTimeout(timer);
  }
}

/** Waits until the condition holds (see test/support/eventually.ts), failing after timeoutMs. */
export async function until(condition: () => Promise<boolean>, what: string, timeoutMs = 5000): Promise<void> {
  await eventually(condition, what, timeoutMs);
}
