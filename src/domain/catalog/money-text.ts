import type { Money } from '../shared/money';

const SYMBOLS: Record<string, string> = { USD: '$', CAD: '$', AUD: '$', EUR: '€', GBP: '£' };

/** Money as a customer reads it in a note ("$12.50", "-$3.00"); minor units assumed to be cents. */
export function moneyText(m: Money): string {
  const sign = m.amountMinor < 0 ? '-' : '';
  const abs = Math.abs(m.amountMinor);
  const amount = `${Math.floor(abs / 100)}.${String(abs % 100).padStart(2, '0')}`;
  const symbol = SYMBOLS[m.currency];
  return symbol ? `${sign}${symbol}${amount}` : `${sign}${amount} ${m.currency}`;
}
