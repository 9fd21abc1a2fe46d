import type { Bill, BillAdjustment, BillItem, PaymentExtension } from './billing';
import { money, sum, type Money } from '../shared/money';

/**
 * Pure functions over a Bill: the only place a balance, a credit or a due date is computed.
 * They return new objects and never mutate their input.
 */

const DAY_MS = 86_400_000;

/** YYYY-MM-DD of a UTC instant. */
export const isoDay = (at: Date): string => at.toISOString().slice(0, 10);

/** YYYY-MM-DD plus (or minus) whole days. */
export function addDays(day: string, days: number): string {
  return isoDay(new Date(Date.parse(`${day}T00:00:00Z`) + days * DAY_MS));
}

/** Whole days from `from` to `to` (both YYYY-MM-DD); negative when `to` is earlier. */
export const daysBetween = (from: string, to: string): number =>
  Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / DAY_MS);

const currencyOf = (bill: Pick<Bill, 'total'>): string => bill.total.currency;

export const paymentsTotal = (bill: Pick<Bill, 'payments' | 'total'>): Money =>
  sum(bill.payments.map((p) => p.amount), currencyOf(bill));

/** Sum of applied adjustments on the bill (negative = credit). */
export const adjustmentsTotal = (bill: Pick<Bill, 'items' | 'total'>): Money =>
  sum(bill.items.map((i) => i.adjusted), currencyOf(bill));

/** total − payments + adjustments. */
export const computeBalance = (bill: Pick<Bill, 'items' | 'payments' | 'total'>): Money =>
  money(bill.total.amountMinor - paymentsTotal(bill).amountMinor + adjustmentsTotal(bill).amountMinor, currencyOf(bill));

/** Nothing left to pay, unpaid and before the due date, or unpaid after it. */
export function statusOn(bill: Pick<Bill, 'balance' | 'dueDate'>, today: string): Bill['status'] {
  if (bill.balance.amountMinor <= 0) return 'paid';
  return bill.dueDate < today ? 'overdue' : 'open';
}

/** The bill with balance and status recomputed (status as of `today`, YYYY-MM-DD). */
export function recompute(bill: Bill, today: string): Bill {
  const balance = computeBalance(bill);
  return { ...bill, balance, status: statusOn({ balance, dueDate: bill.dueDate }, today) };
}

export const isUnpaid = (bill: Pick<Bill, 'balance'>): boolean => bill.balance.amountMinor > 0;

export const isOverdue = (bill: Pick<Bill, 'balance' | 'dueDate'>, today: string): boolean =>
  isUnpaid(bill) && bill.dueDate < today;

/** How much of an item may still be credited: its amount less what was already credited (never below zero). */
export function remainingAdjustable(item: Pick<BillItem, 'amount' | 'adjusted'>): Money {
  const left = item.amount.amountMinor + Math.min(0, item.adjusted.amountMinor);
  return money(Math.max(0, left), item.amount.currency);
}

export const hasApplied = (bill: Pick<Bill, 'appliedAdjustmentIds'>, adjustmentId: string): boolean =>
  bill.appliedAdjustmentIds.includes(adjustmentId);

/**
 * Credits an adjustment to its item. Idempotent: an adjustment already in appliedAdjustmentIds
 * returns the bill unchanged (the billing system may acknowledge twice).
 */
export function applyAdjustment(bill: Bill, adjustment: Pick<BillAdjustment, 'id' | 'itemId' | 'amount'>, today: string): Bill {
  if (hasApplied(bill, adjustment.id)) return bill;
  const item = bill.items.find((i) => i.id === adjustment.itemId);
  if (!item) throw new RangeError(`bill ${bill.id} has no item ${adjustment.itemId}`);
  if (item.amount.currency !== adjustment.amount.currency) throw new RangeError('adjustment currency differs from the bill');
  const items = bill.items.map((i) =>
    i.id === item.id ? { ...i, adjusted: money(i.adjusted.amountMinor - Math.abs(adjustment.amount.amountMinor), i.adjusted.currency) } : i,
  );
  return recompute({ ...bill, items, appliedAdjustmentIds: [...bill.appliedAdjustmentIds, adjustment.id] }, today);
}

/**
 * Moves the due date to the extension's date. Never moves it back, so a late or repeated
 * acknowledgement of an older extension cannot undo a newer one.
 */
export function applyExtension(bill: Bill, extension: Pick<PaymentExtension, 'toDate'>, today: string): Bill {
  if (extension.toDate <= bill.dueDate) return bill;
  return recompute({ ...bill, dueDate: extension.toDate }, today);
}

/** The latest payment across bills, if any. */
export function lastPayment(bills: readonly Pick<Bill, 'payments'>[]): { amount: Money; receivedAt: string } | null {
  const all = bills.flatMap((b) => b.payments);
  if (all.length === 0) return null;
  const latest = all.reduce((a, b) => (b.receivedAt > a.receivedAt ? b : a));
  return { amount: latest.amount, receivedAt: latest.receivedAt };
}

/** Newest first by issue date. */
export const newestFirst = <B extends Pick<Bill, 'issuedAt'>>(bills: readonly B[]): B[] =>
  [...bills].sort((a, b) => (a.issuedAt < b.issuedAt ? 1 : a.issuedAt > b.issuedAt ? -1 : 0));

/** Balance of the latest bill plus every older bill that is overdue. */
export function amountDue(billsNewestFirst: readonly Bill[], today: string): Money | null {
  const [latest, ...older] = billsNewestFirst;
  if (!latest) return null;
  const overdueOlder = older.filter((b) => isOverdue(b, today)).map((b) => b.balance);
  return sum([latest.balance, ...overdueOlder], currencyOf(latest));
}

/** Days the oldest unpaid bill is past its due date (0 when nothing is past due). */
export function daysPastDue(bills: readonly Bill[], today: string): number {
  const pastDue = bills.filter((b) => isOverdue(b, today)).map((b) => daysBetween(b.dueDate, today));
  return pastDue.length ? Math.max(...pastDue) : 0;
}
