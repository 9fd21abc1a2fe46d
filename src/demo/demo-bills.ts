import type { Bill, BillItem, Payment } from '../domain/billing/billing';
import type { Catalog, Product } from '../domain/catalog/catalog-schema';
import type { Customer, ServiceInstance } from '../domain/customers/customer';
import type { NewRecord } from '../domain/ports/store';
import type { IdGenerator } from '../domain/shared/ports';
import type { BillItemType } from '../domain/catalog/catalog-schema';
import { billDates, isoDay, plusDays } from './demo-time';

/** A usage charge to put on one of the customer's bills (k = 0 is the latest). */
export interface UsageCharge {
  k: number;
  serviceIndex: number;
  description: string;
  amountMinor: number;
}

export interface BillingProfile {
  /** How many of the most recent bills are unpaid (0 = all paid, 1 = latest still open, 3 = none paid). */
  unpaid: number;
  usage: UsageCharge[];
  method: Payment['method'];
}

export const BILLS_PER_CUSTOMER = 3;
const LATE_FEE_MINOR = 1500;
const TAX_RATE = 0.065;

/**
 * Three monthly bills for a customer, computed from the catalog: recurring charges, configuration
 * and feature charges, add-ons, one-time charges of services added that month, usage, bundle and
 * promotion discounts, taxes and late fees. total = sum(items); balance = total − payments.
 */
export function buildBills(customer: NewRecord<Customer>, profile: BillingProfile, catalog: Catalog, now: Date, ids: IdGenerator): NewRecord<Bill>[] {
  const currency = catalog.operator.currency;
  const today = isoDay(now);
  const bills: NewRecord<Bill>[] = [];
  for (let k = BILLS_PER_CUSTOMER - 1; k >= 0; k--) {
    const { issuedAt, period, dueDate } = billDates(now, k);
    const previousIssue = billDates(now, k + 1).issuedAt;
    // Opaque: bill ids end up in URL paths (access logs), so they never carry the account number.
    const id = ids.next('bill');
    const lines: Line[] = [];
    const add = (type: BillItemType, description: string, amountMinor: number, serviceId?: string): void => {
      if (amountMinor !== 0) lines.push({ type, description, amountMinor, ...(serviceId ? { serviceId } : {}) });
    };

    const billed = customer.services.filter((s) => s.status !== 'disconnected' && s.activatedAt !== undefined && s.activatedAt <= issuedAt.toISOString());
    for (const service of billed) {
      const product = productOf(catalog, service.productId);
      const newThisPeriod = (service.activatedAt ?? '') > previousIssue.toISOString();
      chargeProduct(product, service, newThisPeriod, catalog, add);
      for (const addonId of service.addons) chargeProduct(productOf(catalog, addonId), service, newThisPeriod, catalog, add);
      for (const option of product.config) {
        const value = option.values.find((v) => v.id === service.config[option.key]);
        if (value && value.monthlyDeltaMinor !== 0) add('recurring', `${option.label}: ${value.label}`, value.monthlyDeltaMinor, service.id);
      }
      for (const feature of product.features) {
        if (service.features.includes(feature.id) && feature.monthlyMinor !== 0) add('recurring', feature.label, feature.monthlyMinor, service.id);
      }
      for (const promo of service.promotions) {
        const def = catalog.promotions.find((p) => p.id === promo.id);
        if (!def || promo.until < isoDay(issuedAt)) continue;
        if (def.discount.type === 'percent') add('discount', def.name, -Math.round((baseMonthly(product) * def.discount.percent) / 100), service.id);
        if (def.discount.type === 'fixed') add('discount', def.name, -Math.min(def.discount.monthlyMinor, baseMonthly(product)), service.id);
      }
    }
    for (const { bundle, services } of bundlesHeld(catalog, billed)) {
      const base = services.reduce((s, x) => s + baseMonthly(productOf(catalog, x.productId)), 0);
      const off = bundle.discount.type === 'percent' ? Math.round((base * bundle.discount.percent) / 100) : bundle.discount.monthlyMinor;
      add('discount', `${bundle.name} bundle discount`, -off);
    }
    for (const usage of profile.usage.filter((u) => u.k === k)) add('usage', usage.description, usage.amountMinor, customer.services[usage.serviceIndex]?.id);
    const taxable = lines.reduce((s, l) => s + l.amountMinor, 0);
    if (taxable > 0) add('tax', 'Taxes and regulatory fees', Math.round(taxable * TAX_RATE));
    if (k + 1 < profile.unpaid) add('late-fee', `Late payment fee (${billDates(now, k + 1).period} bill)`, LATE_FEE_MINOR);

    const items: BillItem[] = lines.map((l, i) => ({
      id: `${id}-${String(i + 1).padStart(2, '0')}`,
      type: l.type,
      description: l.description,
      amount: { amountMinor: l.amountMinor, currency },
      ...(l.serviceId ? { serviceId: l.serviceId } : {}),
      adjusted: { amountMinor: 0, currency },
    }));
    const total = items.reduce((s, i) => s + i.amount.amountMinor, 0);
    const paid = k >= profile.unpaid && total > 0;
    const payments: Payment[] = paid
      ? [{ id: ids.next('pay'), amount: { amountMinor: total, currency }, receivedAt: paymentTime(issuedAt, dueDate, k), method: profile.method }]
      : [];
    const balance = total - payments.reduce((s, p) => s + p.amount.amountMinor, 0);
    bills.push({
      id,
      customerId: customer.id,
      accountNumber: customer.accountNumber,
      period,
      issuedAt: issuedAt.toISOString(),
      dueDate,
      originalDueDate: dueDate,
      items,
      total: { amountMinor: total, currency },
      payments,
      appliedAdjustmentIds: [],
      balance: { amountMinor: balance, currency },
      status: balance <= 0 ? 'paid' : dueDate < today ? 'overdue' : 'open',
    });
  }
  return bills.reverse();
}

interface Line {
  type: BillItemType;
  description: string;
  amountMinor: number;
  serviceId?: string;
}

type Add = (type: BillItemType, description: string, amountMinor: number, serviceId?: string) => void;

function chargeProduct(product: Product, service: ServiceInstance, newThisPeriod: boolean, catalog: Catalog, add: Add): void {
  for (const component of product.pricing) {
    if (component.type === 'recurring') add('recurring', component.label, component.amountMinor, service.id);
    if (component.type === 'one-time' && newThisPeriod && !waived(catalog, service)) add('one-time', component.label, component.amountMinor, service.id);
  }
}

const waived = (catalog: Catalog, service: ServiceInstance): boolean =>
  service.promotions.some((p) => catalog.promotions.find((x) => x.id === p.id)?.discount.type === 'waive-one-time');

/** The product's own recurring price (what bundle and promotion percentages apply to). */
const baseMonthly = (product: Product): number =>
  product.pricing.reduce((s, c) => s + (c.type === 'recurring' ? c.amountMinor : 0), 0);

function productOf(catalog: Catalog, productId: string): Product {
  const product = catalog.products.find((p) => p.id === productId);
  if (!product) throw new Error(`demo data names product "${productId}", which the catalog does not have`);
  return product;
}

/** Bundles the customer holds (all products present), best discount first, each service in one bundle only. */
function bundlesHeld(catalog: Catalog, services: ServiceInstance[]) {
  const value = (b: Catalog['bundles'][number]): number =>
    b.discount.type === 'fixed' ? b.discount.monthlyMinor : (b.discount.percent / 100) * b.products.reduce((s, id) => s + baseMonthly(productOf(catalog, id)), 0);
  const free = [...services];
  const held: { bundle: Catalog['bundles'][number]; services: ServiceInstance[] }[] = [];
  for (const bundle of [...catalog.bundles].sort((a, b) => value(b) - value(a))) {
    const chosen = bundle.products.map((pid) => free.find((s) => s.productId === pid));
    if (chosen.some((s) => s === undefined)) continue;
    const members = chosen as ServiceInstance[];
    members.forEach((m) => free.splice(free.indexOf(m), 1));
    held.push({ bundle, services: members });
  }
  return held;
}

function paymentTime(issuedAt: Date, dueDate: string, k: number): string {
  // The latest bill is only paid by autopay, two days after issue; older ones a few days before due.
  const at = k === 0 ? plusDays(issuedAt, 2) : plusDays(new Date(`${dueDate}T15:00:00Z`), -3);
  return at.toISOString();
}
