import { PRODUCT_FAMILIES, type Catalog, type PriceComponent, type Product } from './catalog-schema';

/**
 * What the schema cannot say: cross-references and consistency inside a catalog that already
 * has the right shape. Pure; returns every problem (empty = sound), each with a JSON path.
 */
export interface IntegrityProblem {
  path: string;
  reason: string;
}

type Report = (path: string, reason: string) => void;

export function checkCatalogIntegrity(c: Catalog): IntegrityProblem[] {
  const problems: IntegrityProblem[] = [];
  const report: Report = (path, reason) => problems.push({ path, reason });
  const products = new Map<string, Product>();
  c.products.forEach((p, i) => {
    if (products.has(p.id)) report(`products[${i}].id`, `duplicate product id "${p.id}"`);
    else products.set(p.id, p);
  });

  checkOperator(c, report);
  c.products.forEach((p, i) => checkProduct(p, `products[${i}]`, products, report));
  checkBundles(c, products, report);
  checkPromotions(c, products, report);
  checkAdjustments(c, report);
  checkDiscontinuation(c, report);
  checkRepair(c, report);
  return problems;
}

function checkOperator(c: Catalog, report: Report): void {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: c.operator.timezone });
  } catch {
    report('operator.timezone', `unknown time zone "${c.operator.timezone}"`);
  }
}

const isFamily = (s: string): boolean => (PRODUCT_FAMILIES as readonly string[]).includes(s);

function checkProduct(p: Product, at: string, products: Map<string, Product>, report: Report): void {
  p.pricing.forEach((component, i) => checkPrice(component, `${at}.pricing[${i}]`, report));
  if (p.contract) {
    if (p.contract.earlyTerminationFee.amountMinor < 0) report(`${at}.contract.earlyTerminationFee.amountMinor`, 'an early-termination fee cannot be negative');
  }

  uniqueBy(p.features, (f) => f.id, `${at}.features`, 'id', 'feature id', report);
  uniqueBy(p.config, (o) => o.key, `${at}.config`, 'key', 'config key', report);
  p.features.forEach((f, i) => {
    if (f.monthlyMinor < 0) report(`${at}.features[${i}].monthlyMinor`, 'a feature price cannot be negative');
  });
  p.config.forEach((option, i) => {
    const oat = `${at}.config[${i}]`;
    uniqueBy(option.values, (v) => v.id, `${oat}.values`, 'id', 'config value', report);
    if (option.default !== undefined && !option.values.some((v) => v.id === option.default)) {
      report(`${oat}.default`, `default "${option.default}" is not one of the values (${option.values.map((v) => v.id).join(', ')})`);
    }
  });

  if (p.kind === 'addon' && p.addons.length > 0) report(`${at}.addons`, 'an add-on cannot have add-ons of its own');
  if (p.kind === 'addon' && p.transitions.length > 0) report(`${at}.transitions`, 'an add-on cannot have transitions');
  const seenAddons = new Set<string>();
  p.addons.forEach((addonId, i) => {
    const target = products.get(addonId);
    if (seenAddons.has(addonId)) report(`${at}.addons[${i}]`, `add-on "${addonId}" is listed twice`);
    seenAddons.add(addonId);
    if (!target) report(`${at}.addons[${i}]`, `unknown product "${addonId}"`);
    else if (target.kind !== 'addon') report(`${at}.addons[${i}]`, `"${addonId}" is a ${target.kind}, not an add-on`);
  });

  const seenTargets = new Set<string>();
  p.transitions.forEach((t, i) => {
    const target = products.get(t.to);
    const tat = `${at}.transitions[${i}].to`;
    if (seenTargets.has(t.to)) report(tat, `transition to "${t.to}" is listed twice`);
    seenTargets.add(t.to);
    if (t.to === p.id) report(tat, 'a product cannot transition to itself');
    else if (!target) report(tat, `unknown product "${t.to}"`);
    else if (target.kind !== 'service') report(tat, `"${t.to}" is an add-on; transitions go between services`);
    else if (target.family !== p.family) report(tat, `"${t.to}" is ${target.family}, not ${p.family}`);
  });

  for (const field of ['requires', 'excludes'] as const) {
    p[field].forEach((ref, i) => {
      if (!isFamily(ref) && !products.has(ref)) report(`${at}.${field}[${i}]`, `"${ref}" is neither a product family (${PRODUCT_FAMILIES.join(', ')}) nor a product id`);
    });
  }
  if (p.requires.includes(p.id)) report(`${at}.requires`, 'a product cannot require itself');
}

function checkPrice(component: PriceComponent, at: string, report: Report): void {
  if (component.type !== 'usage-tiered') {
    if (component.amountMinor < 0) report(`${at}.amountMinor`, 'prices cannot be negative (use a bundle or a promotion for discounts)');
    return;
  }
  let previous = 0;
  component.tiers.forEach((tier, i) => {
    const tat = `${at}.tiers[${i}]`;
    const last = i === component.tiers.length - 1;
    if (tier.unitPriceMinor < 0) report(`${tat}.unitPriceMinor`, 'prices cannot be negative');
    if (tier.upTo === null && !last) report(`${tat}.upTo`, 'only the last tier may be unbounded (upTo null)');
    if (tier.upTo !== null && last) report(`${tat}.upTo`, 'the last tier must be unbounded (upTo null)');
    if (tier.upTo !== null) {
      if (tier.upTo <= previous) report(`${tat}.upTo`, `tiers must ascend: ${tier.upTo} is not above ${previous}`);
      previous = tier.upTo;
    }
  });
}

function checkBundles(c: Catalog, products: Map<string, Product>, report: Report): void {
  uniqueBy(c.bundles, (b) => b.id, 'bundles', 'id', 'bundle id', report);
  c.bundles.forEach((b, i) => {
    const at = `bundles[${i}]`;
    if (products.has(b.id)) report(`${at}.id`, `"${b.id}" is already a product id`);
    const seen = new Set<string>();
    b.products.forEach((pid, j) => {
      const target = products.get(pid);
      if (seen.has(pid)) report(`${at}.products[${j}]`, `"${pid}" is listed twice`);
      seen.add(pid);
      if (!target) report(`${at}.products[${j}]`, `unknown product "${pid}"`);
      else if (target.kind !== 'service') report(`${at}.products[${j}]`, `"${pid}" is an add-on; bundles combine services`);
      else if (b.sellable && !target.sellable) report(`${at}.products[${j}]`, `"${pid}" is not sellable, so a sellable bundle cannot include it`);
    });
    if (b.discount.type === 'fixed' && b.discount.monthlyMinor <= 0) report(`${at}.discount.monthlyMinor`, 'a fixed discount must be above zero');
  });
}

function checkPromotions(c: Catalog, products: Map<string, Product>, report: Report): void {
  uniqueBy(c.promotions, (p) => p.id, 'promotions', 'id', 'promotion id', report);
  c.promotions.forEach((promo, i) => {
    const at = `promotions[${i}]`;
    promo.appliesTo.forEach((pid, j) => {
      if (!products.has(pid)) report(`${at}.appliesTo[${j}]`, `unknown product "${pid}"`);
    });
    const fromOk = isCalendarDate(promo.validFrom);
    const toOk = isCalendarDate(promo.validTo);
    if (!fromOk) report(`${at}.validFrom`, `"${promo.validFrom}" is not a calendar date`);
    if (!toOk) report(`${at}.validTo`, `"${promo.validTo}" is not a calendar date`);
    if (fromOk && toOk && promo.validFrom > promo.validTo) report(`${at}.validTo`, `validTo ${promo.validTo} is before validFrom ${promo.validFrom}`);
    if (promo.discount.type === 'fixed' && promo.discount.monthlyMinor <= 0) report(`${at}.discount.monthlyMinor`, 'a fixed discount must be above zero');
    if (promo.discount.type === 'waive-one-time') {
      promo.appliesTo.forEach((pid, j) => {
        const target = products.get(pid);
        if (target && !target.pricing.some((x) => x.type === 'one-time')) report(`${at}.appliesTo[${j}]`, `"${pid}" has no one-time charge to waive`);
      });
    }
  });
}

function checkAdjustments(c: Catalog, report: Report): void {
  const a = c.adjustments;
  const adjustable = new Set<string>(a.adjustableItemTypes);
  uniqueBy(a.reasons, (r) => r.code, 'adjustments.reasons', 'code', 'reason code', report);
  a.reasons.forEach((r, i) => {
    r.appliesTo.forEach((type, j) => {
      if (!adjustable.has(type)) report(`adjustments.reasons[${i}].appliesTo[${j}]`, `"${type}" is not in adjustableItemTypes (${a.adjustableItemTypes.join(', ')})`);
    });
  });
  a.adjustableItemTypes.forEach((type, i) => {
    if (!a.reasons.some((r) => r.appliesTo.includes(type))) report(`adjustments.adjustableItemTypes[${i}]`, `no reason applies to "${type}", so it can never be adjusted`);
  });
  for (const [channel, limit] of Object.entries(a.selfServiceLimitMinor)) {
    if (limit < 0) report(`adjustments.selfServiceLimitMinor.${channel}`, 'a limit cannot be negative');
  }
  const { agent, senior, supervisor } = a.csrLimitMinor;
  if (agent < 0) report('adjustments.csrLimitMinor.agent', 'a limit cannot be negative');
  if (senior < agent) report('adjustments.csrLimitMinor.senior', `a senior's limit (${senior}) is below an agent's (${agent})`);
  if (supervisor < senior) report('adjustments.csrLimitMinor.supervisor', `a supervisor's limit (${supervisor}) is below a senior's (${senior})`);
}

function checkDiscontinuation(c: Catalog, report: Report): void {
  const d = c.discontinuation;
  uniqueBy(d.reasons, (r) => r.code, 'discontinuation.reasons', 'code', 'reason code', report);
  uniqueBy(d.marketingQuestions, (q) => q.id, 'discontinuation.marketingQuestions', 'id', 'question id', report);
  d.marketingQuestions.forEach((q, i) => uniqueBy(q.options, (o) => o.id, `discontinuation.marketingQuestions[${i}].options`, 'id', 'option id', report));
  if (c.extensions.maxDays < 1) report('extensions.maxDays', 'must be at least 1');
}

function checkRepair(c: Catalog, report: Report): void {
  uniqueBy(c.repair.symptoms, (s) => s.code, 'repair.symptoms', 'code', 'symptom code', report);
  const families = new Set(c.products.filter((p) => p.kind === 'service').map((p) => p.family));
  for (const family of families) {
    if (!c.repair.symptoms.some((s) => s.families.includes(family))) report('repair.symptoms', `no symptom covers the "${family}" family, so its services cannot be repaired`);
  }
}

function uniqueBy<T>(items: readonly T[], key: (x: T) => string, at: string, field: string, what: string, report: Report): void {
  const seen = new Set<string>();
  items.forEach((item, i) => {
    const k = key(item);
    if (seen.has(k)) report(`${at}[${i}].${field}`, `duplicate ${what} "${k}"`);
    seen.add(k);
  });
}

function isCalendarDate(s: string): boolean {
  const d = new Date(`${s}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === s;
}
