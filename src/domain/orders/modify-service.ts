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
import type { Catalog } from '../catalog/catalog-schema';
import { modificationId } from '../catalog/modifications';
import { sellingRefusal } from '../customers/account-standing';
import { refuse, type Refusal } from '../shared/refusal';
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

interface Modifiable {
  customer: Customer;
  service: ServiceInstance;
  allowed: AllowedModification[];
  /** Changes held back by account standing (upgrades, add-ons). */
  held: AllowedModification[];
  standing: Refusal | null;
}

/** A change that raises the monthly price or adds a product: what account standing may hold back. */
export const raisesOrAdds = (m: AllowedModification): boolean => m.modification.kind === 'add-addon' || (m.amount?.amountMinor ?? 0) > 0;

/** "You already have it", with the changes the customer can make instead. */
function alreadyHas(catalog: Catalog, service: ServiceInstance, addonId: string, allowed: readonly AllowedModification[]): never {
  const name = findProduct(catalog, addonId)?.name ?? addonId;
  const options = allowed.filter((m) => m.category !== 'config').map((m) => m.label);
  refuse(
    'ALREADY_HAVE_PRODUCT',
    { reasonCode: 'already-have-product', reason: `you already have ${name} on this service`, nextSteps: ['choose-other'], facts: { product: name, productId: addonId, serviceId: service.id, options } },
    { addonId },
  );
}

export function createModifyService(deps: CareDeps): ModifyServiceApi {
  const { stores } = deps;

  async function modifiable(actor: Actor, serviceId: string): Promise<Modifiable> {
    const customer = await customerOf(stores, actor, 'verified');
    const service = serviceOf(customer, serviceId);
    const all = allowedModifications(deps.catalog(), service, customer.services);
    if (await orderInFlight(deps, customer.id, service.id)) {
      refuse('SERVICE_NOT_MODIFIABLE', { reasonCode: 'order-in-progress', reason: 'an order for this service is still in progress; it can be changed once that order is done', nextSteps: ['try-later'], facts: { serviceId } }, { serviceId });
    }
    // Account standing gates upgrades: what raises the price or adds a product is held back, with the reason.
    const standing = all.some(raisesOrAdds) ? await sellingRefusal(deps, actor, customer, 'upgrade') : null;
    const allowed = standing ? all.filter((m) => !raisesOrAdds(m)) : all;
    return { customer, service, allowed, held: standing ? all.filter(raisesOrAdds) : [], standing };
  }

  async function prepare(actor: Actor, serviceId: string, input: Modification) {
    const modification = parseInput(modificationSchema, input, 'modification');
    const { customer, service, allowed, held, standing } = await modifiable(actor, serviceId);
    const id = modificationId(modification);
    if (standing && held.some((m) => m.id === id)) refuse('ACCOUNT_NOT_IN_GOOD_STANDING', standing, { modification: id });
    if (modification.kind === 'add-addon' && service.addons.includes(modification.addonId)) alreadyHas(deps.catalog(), service, modification.addonId, allowed);
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
