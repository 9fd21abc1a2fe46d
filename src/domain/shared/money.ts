/** Money in integer minor units (cents) with an ISO 4217 currency. */
export interface Money {
  readonly amountMinor: number;
  readonly currency: string;
}

export const money = (amountMinor: number, currency: string): Money => {
  if (!Number.isSafeInteger(amountMinor)) throw new RangeError(`amountMinor must be an integer, got ${amountMinor}`);
  return { amountMinor, currency };
};

export const zero = (currency: string): Money => ({ amountMinor: 0, currency });

function sameCurrency(a: Money, b: Money): void {
  if (a.currency !== b.currency) throw new RangeError(`currency mismatch: ${a.currency} vs ${b.currency}`);
}

export const add = (a: Money, b: Money): Money => (sameCurrency(a, b), money(a.amountMinor + b.amountMinor, a.currency));
export const subtract = (a: Money, b: Money): Money => (sameCurrency(a, b), money(a.amountMinor - b.amountMinor, a.currency));
export const sum = (items: readonly Money[], currency: string): Money => items.reduce(add, zero(currency));
/** Multiplies by a ratio and rounds half away from zero to whole minor units. */
export const scale = (a: Money, ratio: number): Money => money(Math.sign(a.amountMinor * ratio) * Math.round(Math.abs(a.amountMinor * ratio)), a.currency);
export const negate = (a: Money): Money => money(-a.amountMinor, a.currency);
export const isPositive = (a: Money): boolean => a.amountMinor > 0;
