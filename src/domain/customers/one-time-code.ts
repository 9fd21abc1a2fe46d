/**
 * One-time codes: six digits, stored only as a hash on the customer, valid for a few minutes
 * and for a few tries. The code itself is never stored or logged.
 */
import { randomInt } from 'node:crypto';
import type { Customer } from './customer';
import { maskEmail, maskPhone, toE164 } from './phone';

export const CODE_ATTEMPTS = 3;
export const CODE_PATTERN = /^\d{6}$/;

export const newCode = (): string => String(randomInt(0, 1_000_000)).padStart(6, '0');

/** Where the code goes: the email on file when asked by email, else the number asked by (or the contact number). */
export function codeDestination(customer: Customer, asked: { phone?: string; email?: string }): { to: { phone?: string; email?: string }; sentTo: string } {
  const askedPhone = asked.phone ? toE164(asked.phone) : null;
  const phone = askedPhone && customer.phones.includes(askedPhone) ? askedPhone : customer.phones[0];
  if (asked.email || !phone) return { to: { email: customer.email }, sentTo: maskEmail(customer.email) };
  return { to: { phone }, sentTo: maskPhone(phone) };
}

export const codeExpired = (code: Customer['oneTimeCode'], now: Date): boolean => !code || code.expiresAt <= now.toISOString();
