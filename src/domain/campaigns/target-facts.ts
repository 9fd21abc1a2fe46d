/**
 * The facts a campaign's target rule reads, from the customer, their services, bills,
 * interactions and marketing answers. TARGET_FACTS lists every name, so a rule naming another
 * is refused when the campaign is created.
 */
import type { Catalog } from '../catalog/catalog-schema';
import type { Customer } from '../customers/customer';
import type { Bill } from '../billing/billing';
import type { Interaction } from '../interactions/interaction';
import { offerFacts } from '../offers/offer-facts';
import { isOverdue } from '../billing/bill-math';

export const TARGET_FACTS = [
  'accountStatus', 'locale', 'tenureMonths',
  'productIds', 'families', 'hasBroadband', 'hasTv', 'hasMobile', 'hasPhone', 'serviceCount', 'hasSuspendedService',
  'lastBillTotalMinor', 'balanceMinor', 'overdue',
  'contactsLast90Days', 'repairContactsLast90Days',
  'marketingAnswers', 'declinedNextBestOffer',
] as const;

const DAY_MS = 86_400_000;

export function targetFacts(input: { catalog: Catalog; customer: Customer; bills: readonly Bill[]; interactions: readonly Interaction[]; now: Date }): Record<string, unknown> {
  const { customer, bills, interactions, now } = input;
  const today = now.toISOString().slice(0, 10);
  const newest = [...bills].sort((a, b) => b.issuedAt.localeCompare(a.issuedAt))[0];
  const since = new Date(now.getTime() - 90 * DAY_MS).toISOString();
  const recent = interactions.filter((i) => i.startedAt >= since);
  const facts: Record<string, unknown> = {
    accountStatus: customer.accountStatus,
    locale: customer.locale,
    tenureMonths: Math.max(0, Math.floor((now.getTime() - new Date(customer.createdAt).getTime()) / (30.44 * DAY_MS))),
    ...offerFacts(input.catalog, customer),
    serviceCount: customer.services.filter((s) => s.status !== 'disconnected').length,
    hasSuspendedService: customer.services.some((s) => s.status === 'suspended'),
    lastBillTotalMinor: newest?.total.amountMinor ?? 0,
    balanceMinor: bills.reduce((sum, b) => sum + b.balance.amountMinor, 0),
    overdue: bills.some((b) => isOverdue(b, today)),
    contactsLast90Days: recent.length,
    repairContactsLast90Days: recent.filter((i) => i.intents.includes('repair')).length,
    /** "<questionId>:<answerId>", e.g. "next-best-offer:declined", "campaign:fiber-fall:not-interested". */
    marketingAnswers: customer.marketing.map((m) => `${m.questionId}:${m.answerId}`),
    declinedNextBestOffer: customer.marketing.some((m) => m.questionId === 'next-best-offer' && m.answerId === 'declined'),
  };
  return facts;
}
