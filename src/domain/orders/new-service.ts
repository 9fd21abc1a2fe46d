/**
 * New service (tutorial, section 6): the customer chooses a product and its configuration, hears
 * the price, and the order goes to provisioning at once.
 */
import type { OrdersApi, ServiceChoice } from '../care';
import type { CareDeps } from '../deps';
import type { Actor } from '../shared/actor';
import type { Catalog, Product } from '../catalog/catalog-schema';
import type { Customer, PostalAddress } from '../customers/customer';
import type { Quote } from './order';
import { fail, isDomainError } from '../shared/errors';
import { money } from '../shared/money';
import { customerOf, requireLevel } from '../shared/guards';
import { activeProducts, allowedModifications, checkAddon, checkOffer, isModifiable, presentProducts, sellableOffers } from '../catalog/compatibility';
import { addMonths, fromMonthlyMinor, todayOf, validPromotions } from '../catalog/pricing';
import { quoteNewService } from '../catalog/quotes';
import { addressSchema, choiceSchema, parseInput } from './order-input';
import { placedBefore, placeOrder } from './order-submission';
import { sellingRefusal } from '../customers/account-standing';
import { refuse } from '../shared/refusal';
import { refuseUndeliverable } from './serviceability-check';

type NewServiceApi = Pick<OrdersApi, 'offers' | 'serviceability' | 'quoteNew' | 'submitNew' | 'sellingRefusal'>;

interface PreparedChoice {
  customer: Customer;
  product: Product;
  config: Record<string, string>;
  addons: Product[];
  serviceAddress?: PostalAddress;
}

/** The configuration with defaults filled in; every value must be one the product offers. */
export function resolveConfig(product: Product, chosen: Record<string, string>): Record<string, string> {
  const unknown = Object.keys(chosen).find((key) => !product.config.some((o) => o.key === key));
  if (unknown) fail('VALIDATION_FAILED', `${product.name} has no option ${unknown}`, { field: `config.${unknown}` });
  const config: Record<string, string> = {};
  for (const option of product.config) {
    const value = chosen[option.key] ?? option.default;
    if (value === undefined) {
      if (option.required) fail('VALIDATION_FAILED', `choose the ${option.label.toLowerCase()}`, { field: `config.${option.key}` });
      continue;
    }
    if (!option.values.some((v) => v.id === value)) {
      fail('VALIDATION_FAILED', `${value} is not a choice for ${option.label.toLowerCase()}`, { field: `config.${option.key}`, valid: option.values.map((v) => v.id) });
    }
    config[option.key] = value;
  }
  return config;
}

export function createNewService(deps: CareDeps): NewServiceApi {
  const { stores } = deps;

  async function technologiesAt(address: PostalAddress): Promise<{ serviceable: boolean; technologies: string[] }> {
    try {
      const { serviceable, technologies } = await deps.backends.provisioning.serviceability(address);
      return { serviceable, technologies };
    } catch (e) {
      if (isDomainError(e)) throw e;
      fail('BACKEND_UNAVAILABLE', 'we cannot check that address right now; please try again shortly');
    }
  }

  const deliverableAt = (product: Product, at: { serviceable: boolean; technologies: string[] }): boolean =>
    !product.requiresServiceability || (at.serviceable && (!product.technology || at.technologies.includes(product.technology)));

  /** Everything checked in the procedure's order: who, what, how configured, with what, where. */
  async function prepare(actor: Actor, input: ServiceChoice): Promise<PreparedChoice> {
    const customer = await customerOf(stores, actor, 'verified');
    const standing = await sellingRefusal(deps, actor, customer, 'new-service');
    if (standing) refuse('ACCOUNT_NOT_IN_GOOD_STANDING', standing);
    const choice = parseInput(choiceSchema, input);
    const catalog = deps.catalog();
    const offer = checkOffer(catalog, choice.productId, customer.services);
    if (!offer.ok && offer.code === 'ALREADY_HAVE_PRODUCT') alreadyHave(catalog, customer, choice.productId);
    if (!offer.ok) refuse(offer.code, { reasonCode: offer.code === 'PRODUCT_NOT_SELLABLE' ? 'product-not-sold' : 'product-incompatible', reason: offer.reason, nextSteps: ['choose-other'], facts: { productId: choice.productId } }, { productId: choice.productId });
    const product = offer.product;
    const config = resolveConfig(product, choice.config ?? {});
    const addons = chooseAddons(catalog, product, customer, choice.addons ?? []);
    const serviceAddress = choice.serviceAddress ?? (product.requiresServiceability ? customer.billingAddress : undefined);
    if (product.requiresServiceability) refuseUndeliverable(product, serviceAddress as PostalAddress, await technologiesAt(serviceAddress as PostalAddress));
    return { customer, product, config, addons, serviceAddress };
  }

  function quoteFor(prepared: PreparedChoice): Quote {
    const ctx = { catalog: deps.catalog(), now: deps.clock.now(), validityMinutes: deps.policy.quoteValidityMinutes };
    return quoteNewService(ctx, { ...prepared, services: prepared.customer.services, newCustomer: prepared.customer.services.length === 0 });
  }

  return {
    async sellingRefusal(actor, action) {
      const customer = await customerOf(stores, actor, 'verified');
      return sellingRefusal(deps, actor, customer, action);
    },

    async offers(actor, input) {
      const customer = await customerOf(stores, actor, 'identified');
      const catalog = deps.catalog();
      let offers = sellableOffers(catalog, customer.services);
      if (input?.serviceAddress) {
        const at = await technologiesAt(parseInput(addressSchema, input.serviceAddress, 'serviceAddress'));
        offers = offers.filter((p) => deliverableAt(p, at));
      }
      return offers.map((p) => ({ ...p, fromMonthly: money(fromMonthlyMinor(p), catalog.operator.currency) }));
    },

    async serviceability(actor, address) {
      requireLevel(actor, 'none');
      return technologiesAt(parseInput(addressSchema, address, 'address'));
    },

    async quoteNew(actor, choice) {
      return quoteFor(await prepare(actor, choice));
    },

    async submitNew(actor, choice, opts) {
      requireLevel(actor, 'verified');
      const repeat = await placedBefore(deps, actor, opts);
      if (repeat) return repeat;
      const prepared = await prepare(actor, choice);
      const { customer, product, config, addons, serviceAddress } = prepared;
      const today = todayOf(deps.clock.now());
      const newCustomer = customer.services.length === 0;
      const promotions = [product, ...addons].flatMap((p) =>
        validPromotions(deps.catalog(), p.id, today, { newCustomer }).flatMap((promo) =>
          promo.discount.type === 'waive-one-time' ? [] : [{ id: promo.id, until: addMonths(today, promo.discount.months) }],
        ),
      );
      const item = {
        action: 'add' as const,
        productId: product.id,
        config,
        addons: addons.map((a) => a.id),
        ...(serviceAddress ? { serviceAddress } : {}),
        serviceId: deps.ids.next('svc'),
        promotions,
      };
      return placeOrder(deps, actor, customer, { type: 'new', items: [item], quote: quoteFor(prepared) }, opts);
    },
  };
}

/** The add-ons asked for, each one this product offers and this account may have. */
function chooseAddons(catalog: Catalog, product: Product, customer: Customer, addonIds: readonly string[]): Product[] {
  const account = { active: activeProducts(catalog, customer.services), present: presentProducts(catalog, customer.services) };
  return [...new Set(addonIds)].map((addonId) => {
    const check = checkAddon(catalog, addonId, product, account);
    if (!check.ok) fail(check.code, check.reason, { addonId, field: 'addons' });
    return check.product;
  });
}

/** "You already have it": which service holds it, and what the customer can do with that service instead. */
function alreadyHave(catalog: Catalog, customer: Customer, productId: string): never {
  const product = catalog.products.find((p) => p.id === productId);
  const service = customer.services.find((s) => s.productId === productId && s.status !== 'disconnected');
  const options = service && isModifiable(service) ? allowedModifications(catalog, service, customer.services).filter((m) => m.category !== 'config').map((m) => m.label) : [];
  refuse(
    'ALREADY_HAVE_PRODUCT',
    {
      reasonCode: 'already-have-product',
      reason: `you already have ${product?.name ?? productId}${options.length ? '; you can change that service instead' : ''}`,
      nextSteps: options.length ? ['change-service', 'choose-other'] : ['choose-other'],
      facts: { product: product?.name ?? productId, productId, serviceId: service?.id ?? null, serviceStatus: service?.status ?? null, options },
    },
    { productId },
  );
}

