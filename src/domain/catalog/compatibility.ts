/**
 * What a customer may buy or change, decided from the catalog and the services they hold.
 * Pure functions: the order procedures ask these, so every channel offers exactly the same.
 */
import type { AllowedModification, Modification } from '../care';
import type { Catalog, Product } from './catalog-schema';
import type { ServiceInstance } from '../customers/customer';
import { fail } from '../shared/errors';
import { money } from '../shared/money';
import { findProduct, serviceMonthlyMinor } from './pricing';
import { applyModification, modificationId } from './modifications';
import { moneyText } from './money-text';
import { refuse } from '../shared/refusal';

export type OfferCheck =
  | { ok: true; product: Product }
  | { ok: false; code: 'PRODUCT_NOT_SELLABLE' | 'PRODUCT_INCOMPATIBLE' | 'ALREADY_HAVE_PRODUCT'; reason: string };

const productsOf = (catalog: Catalog, services: readonly ServiceInstance[], statuses: readonly ServiceInstance['status'][]): Product[] =>
  services
    .filter((s) => statuses.includes(s.status))
    .flatMap((s) => [s.productId, ...s.addons])
    .map((id) => findProduct(catalog, id))
    .filter((p): p is Product => p !== undefined);

/** Products present on the account (anything not disconnected): what exclusions are checked against. */
export const presentProducts = (catalog: Catalog, services: readonly ServiceInstance[]): Product[] =>
  productsOf(catalog, services, ['active', 'pending', 'suspended']);

/** Products of active services: what requirements are met by. */
export const activeProducts = (catalog: Catalog, services: readonly ServiceInstance[]): Product[] =>
  productsOf(catalog, services, ['active']);

const names = (p: Product): string[] => [p.id, p.family];

/** The first held product that cannot coexist with `product` (exclusions count both ways). */
export function excludedBy(product: Product, held: readonly Product[]): Product | undefined {
  return held.find((h) => product.excludes.some((x) => names(h).includes(x)) || h.excludes.some((x) => names(product).includes(x)));
}

/** Requirements not met by the products present (each is a family or a product id). */
export function unmetRequirements(product: Product, have: readonly Product[]): string[] {
  const present = new Set(have.flatMap(names));
  return product.requires.filter((r) => !present.has(r));
}

/** May this customer order this product as a new service? */
export function checkOffer(catalog: Catalog, productId: string, services: readonly ServiceInstance[]): OfferCheck {
  const product = findProduct(catalog, productId);
  if (!product || product.kind !== 'service' || !product.sellable) {
    return { ok: false, code: 'PRODUCT_NOT_SELLABLE', reason: `${productId} is not offered` };
  }
  const clash = excludedBy(product, presentProducts(catalog, services));
  if (clash?.id === product.id) return { ok: false, code: 'ALREADY_HAVE_PRODUCT', reason: `you already have ${product.name}` };
  if (clash) return { ok: false, code: 'PRODUCT_INCOMPATIBLE', reason: `${product.name} cannot be combined with ${clash.name}` };
  const unmet = unmetRequirements(product, activeProducts(catalog, services));
  if (unmet.length) return { ok: false, code: 'PRODUCT_INCOMPATIBLE', reason: `${product.name} needs ${unmet.join(', ')}` };
  return { ok: true, product };
}

/** Service products this customer may order now. */
export function sellableOffers(catalog: Catalog, services: readonly ServiceInstance[]): Product[] {
  return catalog.products.filter((p) => p.kind === 'service' && checkOffer(catalog, p.id, services).ok);
}

/**
 * May this add-on go on a service of product `host`? `account` holds the account's other products:
 * active ones meet requirements, present ones can exclude. The host itself, even when it is being
 * ordered now, meets requirements.
 */
export function checkAddon(
  catalog: Catalog,
  addonId: string,
  host: Product,
  account: { active: readonly Product[]; present: readonly Product[] },
): OfferCheck {
  const addon = findProduct(catalog, addonId);
  if (!addon || addon.kind !== 'addon' || !host.addons.includes(addonId)) {
    return { ok: false, code: 'PRODUCT_INCOMPATIBLE', reason: `${addonId} is not an add-on of ${host.name}` };
  }
  if (!addon.sellable) return { ok: false, code: 'PRODUCT_NOT_SELLABLE', reason: `${addon.name} is not offered` };
  const unmet = unmetRequirements(addon, [host, ...account.active]);
  if (unmet.length) return { ok: false, code: 'PRODUCT_INCOMPATIBLE', reason: `${addon.name} needs ${unmet.join(', ')}` };
  const clash = excludedBy(addon, account.present);
  if (clash) return { ok: false, code: 'PRODUCT_INCOMPATIBLE', reason: `${addon.name} cannot be combined with ${clash.name}` };
  return { ok: true, product: addon };
}

/** Other services' products that need this service (their requirements hold now, not without it). */
export function dependantsOf(catalog: Catalog, service: ServiceInstance, services: readonly ServiceInstance[]): Product[] {
  const others = services.filter((s) => s.id !== service.id && s.status === 'active');
  const withIt = activeProducts(catalog, services);
  const without = activeProducts(catalog, others);
  return others
    .flatMap((s) => [s.productId, ...s.addons])
    .map((id) => findProduct(catalog, id))
    .filter((p): p is Product => p !== undefined && unmetRequirements(p, withIt).length === 0 && unmetRequirements(p, without).length > 0);
}

export const isModifiable = (service: ServiceInstance): boolean => service.status === 'active';

export const CATEGORY_VERB: Record<string, string> = { upgrade: 'Upgrade to', downgrade: 'Change to', lateral: 'Switch to' };

/**
 * The changes a customer may make to one of their services. Only active services can be modified
 * (pending, suspended and disconnected ones refuse with SERVICE_NOT_MODIFIABLE).
 */
export function allowedModifications(catalog: Catalog, service: ServiceInstance, services: readonly ServiceInstance[]): AllowedModification[] {
  if (!isModifiable(service)) {
    refuse(
      'SERVICE_NOT_MODIFIABLE',
      { reasonCode: `service-${service.status}`, reason: `a ${service.status} service cannot be changed`, nextSteps: service.status === 'suspended' && service.suspendedReason === 'non-payment' ? ['pay-balance', 'agent'] : ['agent'], facts: { status: service.status } },
      { status: service.status },
    );
  }
  const product = findProduct(catalog, service.productId);
  if (!product) fail('SERVICE_NOT_MODIFIABLE', 'this service is no longer in the catalog');
  const others = services.filter((s) => s.id !== service.id);
  const otherPresent = presentProducts(catalog, others);
  const otherActive = activeProducts(catalog, others);
  const currency = catalog.operator.currency;
  const before = serviceMonthlyMinor(catalog, service);

  const choice = (modification: Modification, label: string, category: string): AllowedModification => {
    const delta = serviceMonthlyMinor(catalog, applyModification(catalog, service, modification)) - before;
    const amount = money(delta, currency);
    const detail = delta === 0 ? 'no change to your monthly price' : `${delta > 0 ? '+' : ''}${moneyText(amount)} a month`;
    return { id: modificationId(modification), label, detail, amount, modification, category };
  };

  const transitions = product.transitions.flatMap((t) => {
    const to = findProduct(catalog, t.to);
    if (!to || !to.sellable || to.kind !== 'service') return [];
    if (excludedBy(to, otherPresent) || unmetRequirements(to, otherActive).length) return [];
    return [choice({ kind: 'change-product', toProductId: to.id }, `${CATEGORY_VERB[t.kind]} ${to.name}`, t.kind)];
  });
  const ownAddons = service.addons.flatMap((a) => findProduct(catalog, a) ?? []);
  const account = { active: [...otherActive, ...ownAddons], present: [...otherPresent, ...ownAddons] };
  const addAddons = product.addons
    .filter((id) => !service.addons.includes(id))
    .flatMap((id) => {
      const check = checkAddon(catalog, id, product, account);
      return check.ok ? [choice({ kind: 'add-addon', addonId: id }, `Add ${check.product.name}`, 'addon')] : [];
    });
  const removeAddons = service.addons.map((id) =>
    choice({ kind: 'remove-addon', addonId: id }, `Remove ${findProduct(catalog, id)?.name ?? id}`, 'addon'),
  );
  const features = product.features.map((f) =>
    service.features.includes(f.id)
      ? choice({ kind: 'feature-off', featureId: f.id }, `Turn off ${f.label}`, 'feature')
      : choice({ kind: 'feature-on', featureId: f.id }, `Turn on ${f.label}`, 'feature'),
  );
  const config = product.config.flatMap((option) =>
    option.values
      .filter((v) => v.id !== service.config[option.key])
      .map((v) => choice({ kind: 'change-config', key: option.key, value: v.id }, `${option.label}: ${v.label}`, 'config')),
  );
  return [...transitions, ...addAddons, ...removeAddons, ...features, ...config];
}

/** The allowed modification matching the one asked for, or MODIFICATION_NOT_ALLOWED. */
export function requireAllowed(allowed: readonly AllowedModification[], m: Modification): AllowedModification {
  const found = allowed.find((a) => a.id === modificationId(m));
  if (!found) {
    const options = allowed.filter((a) => a.category !== 'config').map((a) => a.label);
    refuse(
      'MODIFICATION_NOT_ALLOWED',
      { reasonCode: 'modification-not-allowed', reason: 'that change is not available for this service', nextSteps: ['choose-other'], facts: { options } },
      { modification: modificationId(m) },
    );
  }
  return found;
}
