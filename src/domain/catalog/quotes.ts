/**
 * Quotes for the three order procedures: what the customer will pay, now and monthly, and what
 * the change means (contract restarts, early-termination fees, bundle discounts won or lost).
 */
import type { Modification } from '../care';
import type { Product } from './catalog-schema';
import type { ServiceInstance } from '../customers/customer';
import type { Quote } from '../orders/order';
import { fail } from '../shared/errors';
import { applyModification } from './modifications';
import {
  configDeltas,
  earlyTerminationFeeMinor,
  findProduct,
  monthDays,
  oneTimeMinor,
  productMonthlyMinor,
  proRatedMinor,
  recurringMinor,
  serviceMonthlyMinor,
  todayOf,
  underContract,
} from './pricing';
import { dependantsOf } from './compatibility';
import {
  bundleLines,
  chargeLines,
  contractStartNote,
  finish,
  line,
  monthlyDeltaMinor,
  newDraft,
  promotionLines,
  proRatedLine,
  text,
  type QuoteContext,
  type QuoteDraft,
} from './quote-lines';

export type { QuoteContext } from './quote-lines';

const live = (services: readonly ServiceInstance[]): ServiceInstance[] => services.filter((s) => s.status !== 'disconnected');

const productOf = (ctx: QuoteContext, productId: string): Product =>
  findProduct(ctx.catalog, productId) ?? fail('NOT_FOUND', 'no such product', { productId });

/** A new service of `product` with its configuration and add-ons, for an account holding `services`. */
export function quoteNewService(
  ctx: QuoteContext,
  input: { product: Product; config: Record<string, string>; addons: readonly Product[]; services: readonly ServiceInstance[]; newCustomer: boolean },
): Quote {
  const { product, config, addons, newCustomer } = input;
  const draft = newDraft();
  chargeLines(ctx, draft, product);
  for (const d of configDeltas(product, config)) if (d.minor !== 0) line(ctx, draft, d.label, 'monthly', d.minor);
  promotionLines(ctx, draft, product, { monthlyMinor: productMonthlyMinor(product, config), oneTimeMinor: oneTimeMinor(product) }, newCustomer);
  for (const addon of addons) {
    chargeLines(ctx, draft, addon);
    promotionLines(ctx, draft, addon, { monthlyMinor: recurringMinor(addon), oneTimeMinor: oneTimeMinor(addon) }, newCustomer);
  }
  const before = live(input.services);
  const added = { productId: product.id, config, features: [], addons: addons.map((a) => a.id) };
  bundleLines(ctx, draft, before, [...before, added]);
  const delta = monthlyDeltaMinor(draft);
  contractStartNote(ctx, draft, product, false);
  proRatedLine(ctx, draft, delta);
  draft.notes.push(
    product.instantActivation ? `${product.name} works as soon as the order completes.` : `We will let you know when ${product.name} is ready.`,
  );
  return finish(ctx, draft, delta);
}

/** A change to one of the customer's services; `category` is the allowed modification's (upgrade, downgrade...). */
export function quoteModification(
  ctx: QuoteContext,
  input: { service: ServiceInstance; modification: Modification; category: string; services: readonly ServiceInstance[] },
): Quote {
  const { service, modification: m } = input;
  const from = productOf(ctx, service.productId);
  const after = applyModification(ctx.catalog, service, m);
  const draft = newDraft();
  let savings = 0;
  if (m.kind === 'change-product') savings = changeProductLines(ctx, draft, { service, after, from, category: input.category });
  else if (m.kind === 'add-addon') {
    const addon = productOf(ctx, m.addonId);
    chargeLines(ctx, draft, addon);
    savings = promotionLines(ctx, draft, addon, { monthlyMinor: recurringMinor(addon), oneTimeMinor: oneTimeMinor(addon) }, false);
  } else if (m.kind === 'remove-addon') {
    const addon = productOf(ctx, m.addonId);
    line(ctx, draft, `${addon.name} removed`, 'monthly', -recurringMinor(addon));
  } else if (m.kind === 'feature-on' || m.kind === 'feature-off') {
    const feature = from.features.find((f) => f.id === m.featureId);
    const minor = feature?.monthlyMinor ?? 0;
    if (m.kind === 'feature-on') line(ctx, draft, feature?.label ?? m.featureId, 'monthly', minor);
    else line(ctx, draft, `${feature?.label ?? m.featureId} off`, 'monthly', -minor);
  } else if (m.kind === 'change-config') {
    const minor = productMonthlyMinor(from, after.config) - productMonthlyMinor(from, service.config);
    const option = from.config.find((o) => o.key === m.key);
    const value = option?.values.find((v) => v.id === m.value);
    line(ctx, draft, `${option?.label ?? m.key}: ${value?.label ?? m.value}`, 'monthly', minor);
  }
  const before = live(input.services);
  bundleLines(ctx, draft, before, before.map((s) => (s.id === service.id ? after : s)));
  const delta = monthlyDeltaMinor(draft);
  proRatedLine(ctx, draft, delta);
  if (delta === 0) draft.notes.push('Your monthly price does not change.');
  return finish(ctx, draft, serviceMonthlyMinor(ctx.catalog, after) - savings);
}

function changeProductLines(
  ctx: QuoteContext,
  draft: QuoteDraft,
  input: { service: ServiceInstance; after: ServiceInstance; from: Product; category: string },
): number {
  const { service, after, from, category } = input;
  const to = productOf(ctx, after.productId);
  const today = todayOf(ctx.now);
  line(ctx, draft, to.name, 'monthly', serviceMonthlyMinor(ctx.catalog, after));
  line(ctx, draft, `${from.name} (replaced)`, 'monthly', -serviceMonthlyMinor(ctx.catalog, service));
  const savings = promotionLines(ctx, draft, to, { monthlyMinor: productMonthlyMinor(to, after.config, after.features), oneTimeMinor: 0 }, false);
  const dropped = service.addons.filter((a) => !after.addons.includes(a)).map((a) => findProduct(ctx.catalog, a)?.name ?? a);
  if (dropped.length) draft.notes.push(`${dropped.join(' and ')} cannot stay on ${to.name} and will be removed.`);
  const etf = category === 'downgrade' ? earlyTerminationFeeMinor(from, service.contractEnd, today) : 0;
  if (etf > 0) {
    line(ctx, draft, `Early termination fee (${from.name} contract)`, 'early-termination', etf);
    draft.notes.push(
      `Your ${from.name} contract runs until ${service.contractEnd}; downgrading before then costs an early termination fee of ${text(ctx, etf)}.`,
    );
  }
  if (to.contract) contractStartNote(ctx, draft, to, underContract(service, today));
  else if (underContract(service, today) && etf === 0) draft.notes.push(`Your current contract ends on ${service.contractEnd} as planned.`);
  return savings;
}

/** Ending a service: the final charge for this month's days used, the ETF under contract, what else changes. */
export function quoteDiscontinuation(ctx: QuoteContext, input: { service: ServiceInstance; services: readonly ServiceInstance[] }): Quote {
  const { service } = input;
  const product = productOf(ctx, service.productId);
  const today = todayOf(ctx.now);
  const draft = newDraft();
  const monthly = serviceMonthlyMinor(ctx.catalog, service);
  line(ctx, draft, `${product.name} (ends)`, 'monthly', -monthly);
  const before = live(input.services);
  bundleLines(ctx, draft, before, before.filter((s) => s.id !== service.id));
  const days = monthDays(ctx.now);
  const finalCharge = proRatedMinor(monthly, ctx.now, 'used');
  if (finalCharge > 0) {
    line(ctx, draft, `${product.name}, ${days.used} of ${days.inMonth} days this month`, 'final-charge', finalCharge);
    draft.notes.push(`Your final bill includes ${text(ctx, finalCharge)} for the days of this month you had the service.`);
  }
  const etf = earlyTerminationFeeMinor(product, service.contractEnd, today);
  if (etf > 0) {
    line(ctx, draft, `Early termination fee (${product.name} contract)`, 'early-termination', etf);
    draft.notes.push(`Your contract runs until ${service.contractEnd}; ending it now costs an early termination fee of ${text(ctx, etf)}.`);
  }
  const addons = service.addons.map((a) => findProduct(ctx.catalog, a)?.name ?? a);
  if (addons.length) draft.notes.push(`${addons.join(' and ')} end${addons.length === 1 ? 's' : ''} with it.`);
  for (const dependant of dependantsOf(ctx.catalog, service, before)) {
    draft.notes.push(`${dependant.name} needs ${product.name} and may stop working without it.`);
  }
  return finish(ctx, draft, 0);
}
