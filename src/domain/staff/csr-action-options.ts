/**
 * What a CSR may do for the customer of the escalation they accepted, read through the same use
 * cases the actions call: the charges that may be credited (and this CSR's limit), the dates a
 * bill may move to, the products on offer, the changes each service allows, the services that
 * may end and how, the symptoms to diagnose; and the quotes of the orders before they are
 * placed. A use case that refuses (account standing, no bill to extend) says why in its place,
 * so the console shows the reason instead of a form that can only fail.
 */
import type { AdjustableItem, AllowedModification, Care, Modification, ServiceChoice } from '../care';
import type { Stores } from '../ports/store';
import type { Actor } from '../shared/actor';
import type { Money } from '../shared/money';
import type { Choice } from '../procedures/procedure';
import type { Product } from '../catalog/catalog-schema';
import type { Quote } from '../orders/order';
import type { EndDates } from '../orders/discontinuation-dates';
import type { StaffView } from './staff';
import { isDomainError } from '../shared/errors';
import { refusalOf } from '../shared/refusal';
import { money } from '../shared/money';
import { actingFor } from './csr-actions';

/** A form's choices, or why there is nothing to offer (the domain's reason in plain words). */
export type Offered<T> = ({ available: true } & T) | { available: false; why: string };

export interface ServiceLabel {
  id: string;
  productId: string;
  name: string;
}

export interface CsrActionOptions {
  adjustment: Offered<{ limit: Money; bills: { billId: string; period: string; dueDate: string; items: AdjustableItem[] }[] }>;
  extension: Offered<{ billId: string; period?: string; currentDueDate: string; dates: string[] }>;
  'order-new': Offered<{ products: { id: string; name: string; family: string; fromMonthly: Money }[] }>;
  modification: Offered<{ services: (ServiceLabel & { choices: AllowedModification[] })[] }>;
  discontinuation: Offered<{ services: ServiceLabel[]; reasons: Choice[] }>;
  repair: Offered<{ services: (ServiceLabel & { symptoms: Choice[] })[] }>;
}

export type CsrQuoteRequest =
  | { action: 'order-new'; choice: ServiceChoice }
  | { action: 'modification'; serviceId: string; modification: Modification }
  | { action: 'discontinuation'; serviceId: string };

/** A quote, with what the form needs next: a new service's options, a service's end dates. */
export interface CsrQuote {
  quote: Quote;
  product?: Product;
  /** A new service's add-ons with their names. */
  addons?: { id: string; name: string }[];
  endDates?: EndDates | null;
}

export interface CsrActionOptionsApi {
  options(staff: StaffView, escalationId: string): Promise<CsrActionOptions>;
  quote(staff: StaffView, escalationId: string, request: CsrQuoteRequest): Promise<CsrQuote>;
}

export interface CsrActionOptionsDeps {
  stores: Pick<Stores, 'escalations'>;
  care: Pick<Care, 'billing' | 'orders' | 'repair' | 'verification' | 'customers' | 'catalog'>;
}

/**
 * A domain refusal becomes the reason the form is not offered, and so does a back-end that does
 * not answer (the rest of the screen pop still shows); anything else is a real failure.
 */
async function offered<T>(work: () => Promise<Offered<T>>): Promise<Offered<T>> {
  try {
    return await work();
  } catch (e) {
    if (!isDomainError(e)) throw e;
    if (e.code === 'BACKEND_UNAVAILABLE') return { available: false, why: 'a back-end system did not answer; reload the page in a moment' };
    return { available: false, why: refusalOf(e)?.reason ?? e.message };
  }
}

const none = (why: string) => ({ available: false as const, why });

export function createCsrActionOptions(deps: CsrActionOptionsDeps): CsrActionOptionsApi {
  const { care } = deps;

  const actor = async (staff: StaffView, escalationId: string): Promise<Actor> =>
    actingFor(care, staff, escalationId, await deps.stores.escalations.get(escalationId)).actor;
  const nameOf = (productId: string): string => care.catalog.product(productId)?.name ?? productId;
  const label = (s: { id: string; productId: string }): ServiceLabel => ({ id: s.id, productId: s.productId, name: nameOf(s.productId) });

  async function adjustment(a: Actor): Promise<CsrActionOptions['adjustment']> {
    const bills = (await care.billing.bills(a)).slice(0, 3);
    const withItems = await Promise.all(bills.map(async (b) => ({ billId: b.id, period: b.period, dueDate: b.dueDate, items: await care.billing.adjustableItems(a, b.id) })));
    const open = withItems.filter((b) => b.items.length > 0);
    if (open.length === 0) return none('no charge on the recent bills may be credited (taxes and discounts never are, and fully credited charges have no room left)');
    const role = a.csrRole ?? 'agent';
    const currency = open[0]?.items[0]?.amount.currency ?? 'USD';
    return { available: true, limit: money(care.catalog.catalog().adjustments.csrLimitMinor[role], currency), bills: open };
  }

  async function extension(a: Actor): Promise<CsrActionOptions['extension']> {
    const o = await care.billing.extensionOptions(a);
    if (!o || o.dates.length === 0) return none('no bill of this customer can be moved now: none is unpaid, or the oldest unpaid one is too far past due');
    const bill = (await care.billing.bills(a)).find((b) => b.id === o.billId);
    return { available: true, billId: o.billId, ...(bill ? { period: bill.period } : {}), currentDueDate: o.currentDueDate, dates: o.dates };
  }

  async function orderNew(a: Actor): Promise<CsrActionOptions['order-new']> {
    const refusal = await care.orders.sellingRefusal(a, 'new-service');
    if (refusal) return none(refusal.reason);
    const products = (await care.orders.offers(a)).filter((p) => p.kind === 'service');
    if (products.length === 0) return none('nothing in the catalog can be added to this customer\'s services');
    return { available: true, products: products.map((p) => ({ id: p.id, name: p.name, family: p.family, fromMonthly: p.fromMonthly })) };
  }

  async function modification(a: Actor): Promise<CsrActionOptions['modification']> {
    const services = await care.orders.modifiableServices(a);
    const withChoices = await Promise.all(services.map(async (s) => ({ ...label(s), choices: await care.orders.allowedModifications(a, s.id).catch((e: unknown) => (isDomainError(e) && e.code !== 'BACKEND_UNAVAILABLE' ? [] : Promise.reject(e))) })));
    const changeable = withChoices.filter((s) => s.choices.length > 0);
    if (changeable.length === 0) return none('none of this customer\'s services can be changed now');
    return { available: true, services: changeable };
  }

  async function discontinuation(a: Actor): Promise<CsrActionOptions['discontinuation']> {
    const services = await care.orders.cancellableServices(a);
    if (services.length === 0) return none('this customer has no service that can be discontinued');
    return { available: true, services: services.map(label), reasons: care.orders.discontinuationReasons() };
  }

  async function repair(a: Actor): Promise<CsrActionOptions['repair']> {
    const services = (await care.customers.services(a)).filter((s) => s.status !== 'disconnected' && s.product.kind === 'service');
    const withSymptoms = await Promise.all(services.map(async (s) => ({ ...label(s), symptoms: await care.repair.symptoms(a, s.id) })));
    const repairable = withSymptoms.filter((s) => s.symptoms.length > 0);
    if (repairable.length === 0) return none('this customer has no service to diagnose');
    return { available: true, services: repairable };
  }

  return {
    async options(staff, escalationId) {
      const a = await actor(staff, escalationId);
      const [adj, ext, order, mod, disc, rep] = await Promise.all([
        offered(() => adjustment(a)),
        offered(() => extension(a)),
        offered(() => orderNew(a)),
        offered(() => modification(a)),
        offered(() => discontinuation(a)),
        offered(() => repair(a)),
      ]);
      return { adjustment: adj, extension: ext, 'order-new': order, modification: mod, discontinuation: disc, repair: rep };
    },

    async quote(staff, escalationId, request) {
      const a = await actor(staff, escalationId);
      switch (request.action) {
        case 'order-new': {
          const product = care.catalog.product(request.choice.productId);
          return { quote: await care.orders.quoteNew(a, request.choice), ...(product ? { product, addons: product.addons.map((id) => ({ id, name: nameOf(id) })) } : {}) };
        }
        case 'modification':
          return { quote: await care.orders.quoteModification(a, request.serviceId, request.modification) };
        case 'discontinuation': {
          const [quote, endDates] = await Promise.all([care.orders.quoteDiscontinuation(a, request.serviceId), care.orders.discontinuationDates(a, request.serviceId)]);
          return { quote, endDates };
        }
      }
    },
  };
}
