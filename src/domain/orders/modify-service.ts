/**
 * Modification of service (tutorial, section 6): only the changes the catalog allows for this
 * service, priced before the customer agrees, then ordered.
 */
import type { AllowedModification, Modification, OrdersApi } from '../care';
import type { CareDeps } from '../deps';
import type { Actor } from '../shared/actor';
import type { Customer, ServiceInstance } from '../customers/customer';
import type { OrderItem, Quote } from './order';
import { fail } from '../shared/errors';
import { customerOf, requireLevel } from '../shared/guards';
import { allowedModifications, isModifiable, requireAllowed } from '../catalog/compatibility';
import { findProduct } from '../catalog/pricing';
import { quoteModification } from '../catalog/quotes';
import { modificationSchema, parseInput } from './order-input';
import { orderInFlight, placedBefore, placeOrder, servicesInFlight } from './order-submission';

type ModifyServiceApi = Pick<OrdersApi, 'modifiableServices' | 'allowedModifications' | 'quoteModification' | 'submitModification'>;

/** The customer's own service, or NOT_FOUND (another customer's service is not found either). */
export function serviceOf(customer: Customer, serviceId: string): ServiceInstance {
  const service = customer.services.find((s) => s.id === serviceId);
  if (!service) fail('NOT_FOUND', 'no such service on this account', { serviceId });
  return service;
}

/** The order item that carries out a modification. */
export function itemFor(service: ServiceInstance, m: Modification): OrderItem {
  const serviceId = service.id;
  switch (m.kind) {
    case 'change-product':
      return { action: 'change-product', serviceId, fromProductId: service.productId, toProductId: m.toProductId };
    case 'add-addon':
    case 'remove-addon':
      return { action: m.kind, serviceId, addonId: m.addonId };
    case 'feature-on':
    case 'feature-off':
      return { action: m.kind, serviceId, featureId: m.featureId };
    case 'change-config':
      return { action: 'change-config', serviceId, key: m.key, value: m.value };
  }
}

export function createModifyService(deps: CareDeps): ModifyServiceApi {
  const { stores } = deps;

  async function modifiable(actor: Actor, serviceId: string): Promise<{ customer: Customer; service: ServiceInstance; allowed: AllowedModification[] }> {
    const customer = await customerOf(stores, actor, 'verified');
    const service = serviceOf(customer, serviceId);
    const allowed = allowedModifications(deps.catalog(), service, customer.services);
    if (await orderInFlight(deps, customer.id, service.id)) {
      fail('SERVICE_NOT_MODIFIABLE', 'an order for this service is still in progress', { serviceId });
    }
    return { customer, service, allowed };
  }

  async function prepare(actor: Actor, serviceId: string, input: Modification) {
    const modification = parseInput(modificationSchema, input, 'modification');
    const { customer, service, allowed } = await modifiable(actor, serviceId);
    const chosen = requireAllowed(allowed, modification);
    const ctx = { catalog: deps.catalog(), now: deps.clock.now(), validityMinutes: deps.policy.quoteValidityMinutes };
    const quote: Quote = quoteModification(ctx, { service, modification, category: chosen.category, services: customer.services });
    return { customer, service, modification, quote };
  }

  return {
    async modifiableServices(actor) {
      const customer = await customerOf(stores, actor, 'verified');
      const catalog = deps.catalog();
      const busy = await servicesInFlight(deps, customer.id);
      return customer.services.filter((s) => isModifiable(s) && !busy.has(s.id) && findProduct(catalog, s.productId) !== undefined);
    },

    async allowedModifications(actor, serviceId) {
      return (await modifiable(actor, serviceId)).allowed;
    },

    async quoteModification(actor, serviceId, modification) {
      return (await prepare(actor, serviceId, modification)).quote;
    },

    async submitModification(actor, serviceId, modification, opts) {
      requireLevel(actor, 'verified');
      const repeat = await placedBefore(deps, actor, opts);
      if (repeat) return repeat;
      const prepared = await prepare(actor, serviceId, modification);
      const items = [itemFor(prepared.service, prepared.modification)];
      return placeOrder(deps, actor, prepared.customer, { type: 'modify', items, quote: prepared.quote }, opts);
    },
  };
}
