/**
 * Building blocks of quotes: the lines and plain-English notes for charges, promotions, bundles,
 * usage and contracts, and the totals that sum them.
 */
import type { Catalog, Product } from './catalog-schema';
import type { Quote, QuoteLine } from '../orders/order';
import { money, type Money } from '../shared/money';
import { moneyText } from './money-text';
import { addMonths, bundleDiscounts, monthDays, promotionMonthlyMinor, proRatedMinor, validPromotions, type PricedService } from './pricing';

export interface QuoteContext {
  catalog: Catalog;
  now: Date;
  validityMinutes: number;
}

/** Lines and notes gathered while pricing; `finish` totals them into a Quote. */
export interface QuoteDraft {
  lines: QuoteLine[];
  notes: string[];
}

export const newDraft = (): QuoteDraft => ({ lines: [], notes: [] });

export function line(ctx: QuoteContext, draft: QuoteDraft, label: string, kind: QuoteLine['kind'], minor: number, months?: number): void {
  const amount = money(minor, ctx.catalog.operator.currency);
  draft.lines.push(months === undefined ? { label, kind, amount } : { label, kind, amount, months });
}

export const text = (ctx: QuoteContext, minor: number): string => moneyText(money(minor, ctx.catalog.operator.currency));

/** A monthly promotion line has months; a waiver line does not and counts once. */
const isMonthly = (l: QuoteLine): boolean => l.kind === 'monthly' || (l.kind === 'promotion' && l.months !== undefined);
const isOneTime = (l: QuoteLine): boolean =>
  ['one-time', 'pro-rated', 'early-termination', 'final-charge'].includes(l.kind) || (l.kind === 'promotion' && l.months === undefined);

/** Change in the monthly bill the lines describe so far (first month, promotions included). */
export const monthlyDeltaMinor = (draft: QuoteDraft): number =>
  draft.lines.filter(isMonthly).reduce((total, l) => total + l.amount.amountMinor, 0);

export function finish(ctx: QuoteContext, draft: QuoteDraft, monthlyTotalMinor: number): Quote {
  const currency = ctx.catalog.operator.currency;
  const total = (pick: (l: QuoteLine) => boolean): Money =>
    money(draft.lines.filter(pick).reduce((t, l) => t + l.amount.amountMinor, 0), currency);
  return {
    lines: draft.lines,
    oneTimeTotal: total(isOneTime),
    monthlyTotal: money(monthlyTotalMinor, currency),
    monthlyDelta: total(isMonthly),
    notes: draft.notes,
    validUntil: new Date(ctx.now.getTime() + ctx.validityMinutes * 60_000).toISOString(),
  };
}

/** Charges and usage rates of a product being added (recurring, one-time, usage-tiered). */
export function chargeLines(ctx: QuoteContext, draft: QuoteDraft, product: Product): void {
  for (const c of product.pricing) {
    if (c.type === 'recurring') line(ctx, draft, c.label, 'monthly', c.amountMinor);
    else if (c.type === 'one-time') line(ctx, draft, c.label, 'one-time', c.amountMinor);
    else {
      line(ctx, draft, `${c.label} (per ${c.unit})`, 'usage', c.tiers[0]!.unitPriceMinor);
      const tiers = c.tiers.map((t, i) =>
        t.upTo === null ? `${i === 0 ? '' : 'then '}${text(ctx, t.unitPriceMinor)}` : `${i === 0 ? 'the first' : 'up to'} ${t.upTo} at ${text(ctx, t.unitPriceMinor)}`,
      );
      // The label may be singular ("Data overage") or plural ("International minutes"): no verb to agree with it.
      draft.notes.push(`${c.label} per ${c.unit}: ${tiers.join(', ')}.`);
    }
  }
}

/** Promotions valid today on this product: monthly savings (capped at the price) and one-time waivers. */
export function promotionLines(
  ctx: QuoteContext,
  draft: QuoteDraft,
  product: Product,
  prices: { monthlyMinor: number; oneTimeMinor: number },
  newCustomer: boolean,
): number {
  let remaining = prices.monthlyMinor;
  let waived = false;
  for (const promo of validPromotions(ctx.catalog, product.id, ctx.now.toISOString().slice(0, 10), { newCustomer })) {
    const d = promo.discount;
    if (d.type === 'waive-one-time') {
      if (waived || prices.oneTimeMinor <= 0) continue;
      waived = true;
      line(ctx, draft, promo.name, 'promotion', -prices.oneTimeMinor);
      draft.notes.push(`${promo.name}: the one-time charges of ${text(ctx, prices.oneTimeMinor)} are waived.`);
      continue;
    }
    const saving = Math.min(promotionMonthlyMinor(promo, prices.monthlyMinor), remaining);
    if (saving <= 0) continue;
    remaining -= saving;
    line(ctx, draft, promo.name, 'promotion', -saving, d.months);
    draft.notes.push(
      `${promo.name}: ${text(ctx, saving)} off a month for ${d.months} months, then ${text(ctx, prices.monthlyMinor)} a month for ${product.name}.`,
    );
  }
  return prices.monthlyMinor - remaining;
}

/** Bundle discounts the change starts, ends or alters. */
export function bundleLines(ctx: QuoteContext, draft: QuoteDraft, before: readonly PricedService[], after: readonly PricedService[]): void {
  const was = bundleDiscounts(ctx.catalog, before, ctx.catalog.bundles.map((b) => b.id));
  const will = bundleDiscounts(ctx.catalog, after, was.map((b) => b.bundle.id));
  for (const b of will) {
    const old = was.find((w) => w.bundle.id === b.bundle.id);
    if (!old) {
      line(ctx, draft, `${b.bundle.name} bundle discount`, 'monthly', -b.minor);
      draft.notes.push(`Your ${b.bundle.name} bundle saves ${text(ctx, b.minor)} a month.`);
    } else if (old.minor !== b.minor) {
      line(ctx, draft, `${b.bundle.name} bundle discount changes`, 'monthly', old.minor - b.minor);
    }
  }
  for (const old of was.filter((w) => !will.some((b) => b.bundle.id === w.bundle.id))) {
    line(ctx, draft, `${old.bundle.name} bundle discount ends`, 'monthly', old.minor);
    draft.notes.push(`Your ${old.bundle.name} bundle discount of ${text(ctx, old.minor)} a month ends.`);
  }
}

/** The rest of this month at the new monthly difference (a credit when negative). */
export function proRatedLine(ctx: QuoteContext, draft: QuoteDraft, monthlyMinor: number): void {
  const amount = proRatedMinor(monthlyMinor, ctx.now, 'remaining');
  if (amount === 0) return;
  const days = monthDays(ctx.now);
  line(ctx, draft, `Rest of this month (${days.remaining} of ${days.inMonth} days)`, 'pro-rated', amount);
  draft.notes.push(
    amount > 0
      ? `Your next bill includes ${text(ctx, amount)} for the rest of this month.`
      : `Your next bill has a credit of ${text(ctx, -amount)} for the rest of this month.`,
  );
}

export function etfText(ctx: QuoteContext, product: Product): string {
  const fee = product.contract?.earlyTerminationFee;
  if (!fee) return 'nothing';
  return fee.type === 'fixed' ? text(ctx, fee.amountMinor) : `${text(ctx, fee.amountMinor)} for each remaining month`;
}

/** "Fiber 500 comes with a 12-month contract ..." for a product that starts one. */
export function contractStartNote(ctx: QuoteContext, draft: QuoteDraft, product: Product, restarts: boolean): void {
  if (!product.contract) return;
  const until = addMonths(ctx.now.toISOString().slice(0, 10), product.contract.termMonths);
  draft.notes.push(
    `${restarts ? 'Your contract restarts: ' : ''}${product.name} comes with a ${product.contract.termMonths}-month contract (until about ${until}); ending it early costs ${etfText(ctx, product)}.`,
  );
}
