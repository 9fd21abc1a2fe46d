/**
 * Verification: who is calling, proved by a secret. Every attempt spends the source's throttle
 * budget first; failures count on the account whatever the source, and enough of them lock it.
 * Secrets are compared only through the hasher (constant time) and never logged or returned.
 */
import { z } from 'zod';
import type { Ctx, VerificationApi } from '../care';
import type { CareDeps } from '../deps';
import type { Actor } from '../shared/actor';
import type { Customer } from './customer';
import { fail } from '../shared/errors';
import { updateWithRetry } from '../shared/update-with-retry';
import { afterFailure, assertNotLocked, CLEAR_LOCKOUT, failedAttempt, needsReset } from './account-lockout';
import { findCustomer, type CustomerKey } from './customer-lookup';
import { CODE_ATTEMPTS, CODE_PATTERN, codeDestination, codeExpired, newCode } from './one-time-code';
import { toE164 } from './phone';

const keyPart = z.string().trim().min(1).max(120);
const customerKey = z
  .object({ accountNumber: keyPart.optional(), phone: keyPart.optional(), customerId: keyPart.optional(), email: keyPart.optional() })
  .refine((k) => [k.accountNumber, k.phone, k.customerId, k.email].filter(Boolean).length === 1, 'give exactly one of account number, phone, email');
const secret = z.string().max(200);

function parse<T>(schema: z.ZodType<T>, input: unknown): T {
  const result = schema.safeParse(input);
  if (!result.success) {
    const issue = result.error.issues[0];
    fail('VALIDATION_FAILED', issue?.message ?? 'invalid input', { field: issue?.path.join('.') || undefined });
  }
  return result.data;
}

const PIN_PATTERN = /^\d{4,8}$/;

export function createVerificationApi(deps: CareDeps): VerificationApi {
  const { stores, hasher, clock, policy } = deps;

  async function spendThrottle(ctx: Ctx): Promise<void> {
    if (!(await deps.throttle.consume(`verify:${ctx.source ?? 'unknown'}`))) {
      fail('THROTTLED', 'too many attempts from here; try again in a little while');
    }
  }

  // Hashing a decoy for unknown accounts keeps their refusal as slow as a wrong secret's.
  let decoy: Promise<string> | undefined;

  /** The account a key names, or the same refusal as a wrong secret (which part was wrong stays unsaid). */
  async function accountFor(key: CustomerKey, attempt: string): Promise<Customer> {
    const customer = await findCustomer(stores, key);
    if (!customer) {
      decoy ??= hasher.hash('decoy-secret');
      await hasher.verify(attempt, await decoy);
      fail('VERIFICATION_FAILED', 'the details given did not match our records', { remainingAttempts: policy.lockoutThreshold - 1 });
    }
    assertNotLocked(customer, clock.now());
    return customer;
  }

  const verified = (customer: Customer, ctx: Ctx): Actor => ({
    kind: 'customer',
    channel: ctx.channel,
    source: ctx.source,
    verification: 'verified',
    customerId: customer.id,
  });

  /** Success resets the failure count (and spends a pending code); failure counts and refuses. */
  async function settle(customer: Customer, matched: boolean, ctx: Ctx, opts: { codeUsed?: boolean } = {}): Promise<Actor> {
    if (matched) {
      await updateWithRetry(stores.customers, customer.id, (c) => {
        assertNotLocked(c, clock.now()); // locked from elsewhere while this attempt ran
        const spendCode = opts.codeUsed === true && c.oneTimeCode !== undefined;
        if (!needsReset(c.lockout) && !spendCode) return null;
        const next: Customer = { ...c, lockout: CLEAR_LOCKOUT };
        if (spendCode) delete next.oneTimeCode;
        return next;
      });
      return verified(customer, ctx);
    }
    let codeLeft: number | undefined;
    const updated = await updateWithRetry(stores.customers, customer.id, (c) => {
      const next: Customer = { ...c, lockout: afterFailure(c.lockout, clock.now(), policy) };
      if (opts.codeUsed && c.oneTimeCode) {
        const attempts = c.oneTimeCode.attempts + 1;
        codeLeft = Math.max(0, CODE_ATTEMPTS - attempts);
        if (codeLeft > 0) next.oneTimeCode = { ...c.oneTimeCode, attempts };
        else delete next.oneTimeCode;
      }
      return next;
    });
    failedAttempt(updated.lockout, clock.now(), policy, codeLeft);
  }

  return {
    async identifyByPhone(phone, ctx) {
      const e164 = toE164(phone);
      const customer = e164 ? await stores.customers.findOne({ phones: e164 }) : null;
      if (!customer) return null;
      const actor: Actor = { kind: 'customer', channel: ctx.channel, source: ctx.source, verification: 'identified', customerId: customer.id };
      const locked = !!customer.lockout.lockedUntil && customer.lockout.lockedUntil > deps.clock.now().toISOString();
      return { actor, firstName: customer.firstName, locale: customer.locale, locked };
    },

    async verifyPin(input, ctx) {
      await spendThrottle(ctx);
      const { pin, ...key } = parse(customerKey.and(z.object({ pin: secret })), input);
      const customer = await accountFor(key, pin);
      const matched = PIN_PATTERN.test(pin) && (await hasher.verify(pin, customer.credentials.pinHash));
      return settle(customer, matched, ctx);
    },

    async verifyPassword(input, ctx) {
      await spendThrottle(ctx);
      const { email, password } = parse(z.object({ email: keyPart, password: secret }), input);
      const customer = await accountFor({ email }, password);
      const hash = customer.credentials.passwordHash;
      const matched = hash !== undefined && password.length > 0 && (await hasher.verify(password, hash));
      return settle(customer, matched, ctx);
    },

    async sendOneTimeCode(input, ctx) {
      await spendThrottle(ctx);
      const key = parse(customerKey, input);
      const customer = await accountFor(key, '');
      const code = newCode();
      const hash = await hasher.hash(code);
      const expiresAt = new Date(clock.now().getTime() + policy.oneTimeCodeMinutes * 60_000).toISOString();
      await updateWithRetry(stores.customers, customer.id, (c) => ({ ...c, oneTimeCode: { hash, expiresAt, attempts: 0 } }));
      const { to, sentTo } = codeDestination(customer, key);
      await deps.backends.notifier.sendOneTimeCode(to, code);
      return { sentTo };
    },

    async verifyOneTimeCode(input, ctx) {
      await spendThrottle(ctx);
      const { code, ...key } = parse(customerKey.and(z.object({ code: secret })), input);
      const customer = await accountFor(key, code);
      if (codeExpired(customer.oneTimeCode, clock.now())) {
        if (customer.oneTimeCode) {
          await updateWithRetry(stores.customers, customer.id, ({ oneTimeCode: _spent, ...c }) => c);
        }
        fail('CODE_EXPIRED', 'that code has expired or was already used; ask for a new one');
      }
      const pending = customer.oneTimeCode as NonNullable<Customer['oneTimeCode']>;
      const matched = CODE_PATTERN.test(code) && (await hasher.verify(code, pending.hash));
      return settle(customer, matched, ctx, { codeUsed: true });
    },

    csrActor({ csrId, role, customerId }) {
      return { kind: 'csr', channel: 'csr', verification: 'verified', csrId, csrRole: role, customerId };
    },
  };
}

