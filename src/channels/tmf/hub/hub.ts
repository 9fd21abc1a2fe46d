/**
 * TMF event notifications: the hub routes' registry, and the subscriber that turns the domain's
 * events (order state, ticket status; a completed order's products; a bill changed) into TMF events for every listener whose partner may see
 * the customer, rendered as that partner may see them, owed through the outbox; and a reloaded catalog's changed offerings (TMF620),
 * which are no customer's, for every listener whose partner may read the catalog.
 */
import type { EventPort, CareEvent } from '../../../domain/events/care-events';
import type { ListenerRegistry } from '../../../domain/partners/listener-registry';
import type { PartnersApi } from '../../../domain/partners/partners-api';
import type { PartnerQueries } from '../../../domain/partners/partner-queries';
import type { Catalog } from '../../../domain/catalog/catalog-schema';
import type { Clock } from '../../../domain/shared/ports';
import type { ListenedApi, PartnerListener } from '../../../domain/partners/listeners';
import { wants } from '../../../domain/partners/listeners';
import { productOrderOf } from '../mappers/product-order';
import { troubleTicketOf } from '../mappers/trouble-ticket';
import { customerBillOf, inventoryProductOf } from '../mappers/customer';
import type { Hrefs } from '../mappers/refs';
import { visible } from '../tmf-kit-visible';
import { catalogEvents } from './catalog-events';

const PRODUCT_EVENTS = ['ProductCreateEvent', 'ProductAttributeValueChangeEvent', 'ProductStateChangeEvent'];

export interface Hub {
  registry: ListenerRegistry;
  /** Turns one domain event into owed notifications (the subscriber calls it; tests may too). */
  handle(event: CareEvent): Promise<void>;
  /** Subscribes to the event port; returns the unsubscribe. */
  start(events: EventPort, onError: (err: unknown) => void): () => void;
}

export interface HubDeps {
  registry: ListenerRegistry;
  partners: PartnersApi;
  queries: PartnerQueries;
  catalog: () => Catalog;
  /** The catalog of a revision this process holds (a change to a revision it never held is not its to tell). */
  catalogAt: (revision: string) => Catalog | undefined;
  clock: Clock;
  href: Hrefs;
}

export function createHub(deps: HubDeps): Hub {
  /** `customerId` null: the event is no customer's (the catalog); every partner with the read scope may hear it. */
  async function notify(api: ListenedApi, customerId: string | null, eventType: string, key: string, render: (listener: PartnerListener) => Promise<Record<string, unknown> | null>): Promise<void> {
    const listeners = (await deps.registry.listenersOf(api)).filter((l) => wants(l, eventType));
    for (const listener of listeners) {
      const partner = await deps.partners.get(listener.partnerId);
      // Deactivated, its read scope withdrawn since it registered, or not its customer: nothing is owed.
      if (!partner || !partner.scopes.includes(`${api}:read`)) continue;
      if (customerId !== null && !(await deps.partners.customerIds(partner)).includes(customerId)) continue;
      const payload = await render(listener);
      if (!payload) continue;
      const body = JSON.stringify({
        '@type': eventType,
        id: `${listener.id}-${key}`,
        eventId: `${listener.id}-${key}`,
        eventType,
        eventTime: deps.clock.now().toISOString(),
        timeOccurred: deps.clock.now().toISOString(),
        domain: api,
        event: payload,
      });
      await deps.registry.owe(listener, { key, eventType, body });
    }
  }

  async function handle(event: CareEvent): Promise<void> {
    if (event.type === 'order.state') {
      await notify('productOrder', event.customerId, 'ProductOrderStateChangeEvent', `${event.orderId}-${event.status}`, async (listener) => {
        const partner = await deps.partners.get(listener.partnerId);
        if (!partner) return null;
        const order = await deps.queries.order(partner, event.orderId);
        // The state the event is about (a later one may already be stored: each event tells its own).
        const resource = { ...productOrderOf(order, deps.href, deps.catalog()), state: event.status };
        return { productOrder: visible(partner, 'productOrder', resource) };
      });
    }
    if (event.type === 'order.state' && event.status === 'completed') await productEvents(event.orderId, event.customerId);
    if (event.type === 'bill.changed') {
      // TMF678: the bill as GET customerBill/{id} shows it to that partner (its allowed fields only).
      await notify('customerBill', event.customerId, 'CustomerBillStateChangeEvent', `${event.billId}-${event.cause}-${event.causeId}`, async (listener) => {
        const partner = await deps.partners.get(listener.partnerId);
        if (!partner) return null;
        const bill = await deps.queries.bill(partner, event.billId);
        return { customerBill: visible(partner, 'customerBill', customerBillOf(bill, deps.href)) };
      });
    }
    const changedCatalog = event.type === 'catalog.changed' ? deps.catalogAt(event.revision) : undefined;
    if (event.type === 'catalog.changed' && changedCatalog) {
      // The catalog is seen whole by every partner that may read it (no visible fields to cut).
      for (const e of catalogEvents(event, changedCatalog, deps.href)) await notify('productCatalog', null, e.eventType, e.key, async () => e.payload);
    }
    if (event.type === 'ticket.status') {
      const eventType = event.status === 'open' ? 'TroubleTicketCreateEvent' : event.status === 'resolved' ? 'TroubleTicketResolvedEvent' : 'TroubleTicketStatusChangeEvent';
      await notify('troubleTicket', event.customerId, eventType, `${event.ticketId}-${event.status}`, async (listener) => {
        const partner = await deps.partners.get(listener.partnerId);
        if (!partner) return null;
        const ticket = await deps.queries.ticket(partner, event.ticketId);
        return { troubleTicket: visible(partner, 'troubleTicket', troubleTicketOf(ticket, deps.href, deps.catalog())) };
      });
    }
  }

  /**
   * TMF637: a completed order changed the customer's inventory. A new order created its products,
   * a modify order changed their attributes, a disconnect order changed their state (terminated).
   * The product is rendered as stored now, which is the state the completion left it in.
   */
  async function productEvents(orderId: string, customerId: string): Promise<void> {
    const listeners = (await deps.registry.listenersOf('product')).filter((l) => l.eventTypes.length === 0 || PRODUCT_EVENTS.some((t) => wants(l, t)));
    // The order is read as a listening partner that acts for the customer may read it; none, nothing is owed.
    let order: Awaited<ReturnType<PartnerQueries['order']>> | undefined;
    for (const listener of listeners) {
      const partner = await deps.partners.get(listener.partnerId);
      if (!partner || !partner.scopes.includes('product:read') || !(await deps.partners.customerIds(partner)).includes(customerId)) continue;
      order = await deps.queries.order(partner, orderId);
      break;
    }
    if (!order) return;
    const eventType = order.type === 'new' ? 'ProductCreateEvent' : order.type === 'modify' ? 'ProductAttributeValueChangeEvent' : 'ProductStateChangeEvent';
    for (const serviceId of [...new Set(order.items.map((i) => i.serviceId))]) {
      await notify('product', customerId, eventType, `${orderId}-${serviceId}-completed`, async (listener) => {
        const partner = await deps.partners.get(listener.partnerId);
        if (!partner) return null;
        const { customer, service } = await deps.queries.service(partner, serviceId);
        return { product: visible(partner, 'product', inventoryProductOf(customer, service, deps.href, deps.catalog())) };
      });
    }
  }

  return {
    registry: deps.registry,
    handle,
    start(events, onError) {
      return events.subscribe((event) => {
        if (event.type !== 'order.state' && event.type !== 'ticket.status' && event.type !== 'bill.changed' && event.type !== 'catalog.changed') return;
        handle(event).catch(onError);
      });
    },
  };
}
