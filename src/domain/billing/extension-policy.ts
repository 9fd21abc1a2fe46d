import type { Catalog } from '../catalog/catalog-schema';
import type { Bill, PaymentExtension } from './billing';
import { addDays, daysPastDue, isUnpaid, newestFirst } from './bill-math';
import type { NextStep, Refusal } from '../shared/refusal';

/** Offsets (days after the current due date) offered to the customer, besides the latest allowed date. */
export const OFFERED_OFFSETS = [3, 7, 10, 14, 21, 30] as const;

export type ExtensionRefusal = 'nothing-due' | 'yearly-limit' | 'too-far-past-due' | 'already-extended' | 'no-dates';

export type ExtensionVerdict =
  | { allowed: true; bill: Bill; currentDueDate: string; latestDate: string; dates: string[] }
  | { allowed: false; reason: ExtensionRefusal; bill?: Bill };

/**
 * The payment-extension policy of catalog.extensions, decided on the customer's bills and
 * their extensions: the latest unpaid bill, moved at most maxDays past its due date, at most
 * maxPerYear times in 365 days, never for an account more than maxDaysPastDue behind.
 */
export function extensionVerdict(input: {
  bills: readonly Bill[];
  extensions: readonly PaymentExtension[];
  catalog: Catalog;
  now: Date;
}): ExtensionVerdict {
  const { maxDays, maxPerYear, maxDaysPastDue } = input.catalog.extensions;
  const today = input.now.toISOString().slice(0, 10);
  const bill = newestFirst(input.bills).find(isUnpaid);
  if (!bill) return { allowed: false, reason: 'nothing-due' };

  const yearAgo = new Date(input.now.getTime() - 365 * 86_400_000).toISOString();
  const live = input.extensions.filter((e) => e.status !== 'failed' && e.status !== 'rejected');
  if (live.some((e) => e.billId === bill.id) || bill.dueDate !== bill.originalDueDate) return { allowed: false, reason: 'already-extended', bill };
  if (live.filter((e) => e.createdAt >= yearAgo).length >= maxPerYear) return { allowed: false, reason: 'yearly-limit', bill };
  if (daysPastDue(input.bills, today) > maxDaysPastDue) return { allowed: false, reason: 'too-far-past-due', bill };

  const latestDate = addDays(bill.dueDate, maxDays);
  const offsets = [...OFFERED_OFFSETS.filter((d) => d < maxDays), maxDays];
  const dates = offsets.map((d) => addDays(bill.dueDate, d)).filter((d) => d > today);
  if (dates.length === 0) return { allowed: false, reason: 'no-dates', bill };
  return { allowed: true, bill, currentDueDate: bill.dueDate, latestDate, dates };
}

/** A refused extension in plain words, with the way forward (see shared/refusal). */
export function extensionRefusal(reason: ExtensionRefusal | 'not-eligible', input: { bills: readonly Bill[]; catalog: Catalog; now: Date; bill?: Bill }): Refusal {
  const { maxDays, maxPerYear, maxDaysPastDue } = input.catalog.extensions;
  const today = input.now.toISOString().slice(0, 10);
  const pastDue = daysPastDue(input.bills, today);
  const facts = { reason, maxDays, maxPerYear, maxDaysPastDue, daysPastDue: pastDue, dueDate: input.bill?.dueDate ?? null, billId: input.bill?.id ?? null };
  const words: Record<ExtensionRefusal | 'not-eligible', { reason: string; nextSteps: NextStep[] }> = {
    'nothing-due': { reason: 'there is no unpaid bill to move', nextSteps: ['agent'] },
    'yearly-limit': { reason: `a payment extension can be given ${maxPerYear} time(s) in 12 months, and this account has had that many already`, nextSteps: ['agent'] },
    'too-far-past-due': { reason: `the account is ${pastDue} days past due, and an extension is only possible up to ${maxDaysPastDue} days past due; paying the overdue balance brings the account back`, nextSteps: ['pay-balance', 'agent'] },
    'already-extended': { reason: 'this bill has already been given more time once', nextSteps: ['agent'] },
    'no-dates': { reason: `the latest date allowed (${maxDays} days after the due date) has passed`, nextSteps: ['pay-balance', 'agent'] },
    'not-eligible': { reason: 'this bill cannot be extended', nextSteps: ['agent'] },
  };
  const w = words[reason];
  return { reasonCode: `extension-${reason}`, reason: w.reason, nextSteps: w.nextSteps, facts };
}
