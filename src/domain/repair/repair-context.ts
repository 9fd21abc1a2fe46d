import type { CareDeps } from '../deps';
import type { Actor } from '../shared/actor';
import type { Customer, ServiceInstance } from '../customers/customer';
import type { Product } from '../catalog/catalog-schema';
import type { Appointment, RepairTicket } from './ticket';
import { customerOf } from '../shared/guards';
import { fail } from '../shared/errors';
import { addressOf } from './diagnostics';

export interface ServiceContext {
  customer: Customer;
  service: ServiceInstance;
  product: Product;
}

/** The actor's own service and its product; NOT_FOUND for a service that is not theirs. Identified is enough for repair. */
export async function serviceOf(deps: Pick<CareDeps, 'stores' | 'catalog'>, actor: Actor, serviceId: string): Promise<ServiceContext> {
  const customer = await customerOf(deps.stores, actor, 'identified');
  const service = customer.services.find((s) => s.id === serviceId);
  if (!service) fail('NOT_FOUND', 'no such service on this account', { serviceId });
  const product = deps.catalog().products.find((p) => p.id === service.productId);
  if (!product) fail('NOT_FOUND', 'the service refers to a product no longer in the catalog', { productId: service.productId });
  return { customer, service, product };
}

/** The actor's own ticket; NOT_FOUND otherwise. */
export async function ticketOf(deps: Pick<CareDeps, 'stores'>, actor: Actor, ticketId: string): Promise<RepairTicket> {
  const customer = await customerOf(deps.stores, actor, 'identified');
  const ticket = await deps.stores.tickets.get(ticketId);
  if (!ticket || ticket.customerId !== customer.id) fail('NOT_FOUND', 'no such ticket', { ticketId });
  return ticket;
}

/** Free technician slots near the service. A workforce system that is down offers none rather than failing the repair. */
export async function freeSlotsFor(deps: Pick<CareDeps, 'backends' | 'clock' | 'catalog'>, ctx: Pick<ServiceContext, 'customer' | 'service'>): Promise<Appointment[]> {
  try {
    const postalCode = addressOf(ctx.customer, ctx.service).postalCode;
    return await deps.backends.workforce.freeSlots(postalCode, deps.clock.now().toISOString(), deps.catalog().repair.appointmentHorizonDays);
  } catch {
    return [];
  }
}
