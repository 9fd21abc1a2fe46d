/**
 * Verification: who is calling, proved by a secret. Every attempt spends the source's throttle
 * budget first; failures count on the account whatever the source, and enough of them lock it.
 * Secrets are compared only through the hasher (constant time) and never logged or returned.
 *
 * An identifier that names no account gets the same answers as a real one (no enumeration): the
 * same hash work, failures counted and locked by decoy counters (deps.limits), a code "sent" that
 * expires and runs out of tries like a real one, and the same send limits.
 */
import { z } from 'zod';
import type { Ctx, VerificationApi } from '../care';
import type { CareDeps } from '../deps';
import type { Actor } from '../shared/actor';
import type { Customer } from './customer';
import { fail } from '../shared/errors';
import { updateWithRetry } from '../shared/update-with-retry';
import { afterFailure, assertNotLocked, CLEAR_LOCKOUT, failedAttempt, lockEnd, lockedUntil, needsReset } from './account-lockout';
import { revokeAllSessions } from './sessions-api';
import { findCustomer, type CustomerKey } from './customer-lookup';
import { CODE_ATTEMPTS, CODE_PATTERN, codeDestination, codeExpired, newCode } from './one-time-code';
import { maskEmail, maskPhone, toE164 } from './phone';
import type { RateLimit } from '../shared/ports';

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
  const { stores, hasher, clock, policy, limits } = deps;

  async function spendThrottle(ctx: Ctx): Promise<void> {
    if (!(await deps.throttle.consume(`verify:${ctx.source ?? 'unknown'}`))) {
      fail('THROTTLED', 'too many attempts from here; try again in a little while');
    }
  }

  async function spendCodeSend(limit: RateLimit, key: string): Promise<void> {
    const state = await limit.hit(key);
    if (!state.allowed) {
      fail('THROTTLED', 'too many codes were asked for; try again later or use the PIN', { limit: 'code-sends', retryAfterSec: Math.max(1, Math.ceil(state.retryAfterMs / 1000)) });
    }
  }

  // A hash compared against for unknown accounts keeps their refusal as slow as a wrong secret's.
  let decoy: Promise<string> | undefined;
  const decoyHash = (): Promise<string> => (decoy ??= hasher.hash('decoy-secret'));

  /** The identifier a key gives, normalised: the decoy counters' key when it names nobody. */
  function keyId(key: CustomerKey): string {
    if (key.customerId) return `id:${key.customerId.trim()}`;
    if (key.accountNumber) return `acct:${key.accountNumber.trim()}`;
    if (key.phone) return `phone:${toE164(key.phone) ?? key.phone.trim()}`;
    return `email:${(key.email ?? '').trim().toLowerCase()}`;
  }

  /** The account a key names (refused while locked), or null, after the same lock check for a decoy. */
  async function lookUp(key: CustomerKey): Promise<Customer | null> {
    const customer = await findCustomer(stores, key);
    if (customer) {
      assertNotLocked(customer, clock.now());
      return customer;
    }
    const state = await limits.decoyFailures.peek(keyId(key));
    if (state && !state.allowed) fail('ACCOUNT_LOCKED', 'too many failed attempts; the account is locked for now', { lockedUntil: lockEnd(clock.now(), state.retryAfterMs) });
    return null;
  }

  /** A failure against an identifier that names nobody: refused exactly as a real account's would be. */
  async function decoyFailure(key: CustomerKey, codeLeft?: number): Promise<never> {
    const state = await limits.decoyFailures.hit(keyId(key));
    if (!state.allowed) fail('ACCOUNT_LOCKED', 'too many failed attempts; the account is locked for now', { lockedUntil: lockEnd(clock.now(), state.retryAfterMs) });
    const remaining = Math.max(0, policy.lockoutThreshold - state.consumed);
    fail('VERIFICATION_FAILED', 'the details given did not match our records', { remainingAttempts: Math.min(remaining, codeLeft ?? Number.POSITIVE_INFINITY) });
  }

  /** Where a code went, masked, only as far as the caller said it themselves (a phone or an email). */
  function echoDestination(key: CustomerKey): { sentTo?: string } {
    if (key.accountNumber || key.customerId) return {};
    const phone = key.phone ? toE164(key.phone) : null;
    if (phone) return { sentTo: maskPhone(phone) };
    return key.email ? { sentTo: maskEmail(key.email.trim().toLowerCase()) } : {};
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
      const lockout = afterFailure(c.lockout, clock.now(), policy);
      const lockingNow = !lockedUntil(c.lockout, clock.now()) && lockedUntil(lockout, clock.now()) !== null;
      // A lock ends every session issued before it: whoever is guessing may already hold one.
      const next: Customer = { ...(lockingNow ? revokeAllSessions(c) : c), lockout };
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
      const customer = await lookUp(key);
      // The hash is compared whatever the PIN looks like, so a malformed one is not answered faster.
      const hashMatched = await hasher.verify(pin, customer?.credentials.pinHash ?? (await decoyHash()));
      if (!customer) return decoyFailure(key);
      return settle(customer, hashMatched && PIN_PATTERN.test(pin), ctx);
    },

    async verifyPassword(input, ctx) {
      await spendThrottle(ctx);
      const { email, password } = parse(z.object({ email: keyPart, password: secret }), input);
      const customer = await lookUp({ email });
      const hash = customer?.credentials.passwordHash;
      const hashMatched = await hasher.verify(password, hash ?? (await decoyHash()));
      if (!customer) return decoyFailure({ email });
      return settle(customer, hashMatched && hash !== undefined && password.length > 0, ctx);
    },

    async sendOneTimeCode(input, ctx) {
      await spendThrottle(ctx);
      const key = parse(customerKey, input);
      await spendCodeSend(limits.codeSendsPerSource, `source:${ctx.source ?? 'unknown'}`);
      const customer = await lookUp(key);
      await spendCodeSend(limits.codeSendsPerCustomer, customer ? `customer:${customer.id}` : keyId(key));
      const code = newCode();
      const hash = await hasher.hash(code);
      if (!customer) {
        const id = keyId(key);
        await limits.decoyCodes.reset(id);
        await limits.decoyCodes.hit(id);
        return echoDestination(key);
      }
      const expiresAt = new Date(clock.now().getTime() + policy.oneTimeCodeMinutes * 60_000).toISOString();
      await updateWithRetry(stores.customers, customer.id, (c) => ({ ...c, oneTimeCode: { hash, expiresAt, attempts: 0 } }));
      await deps.backends.notifier.sendOneTimeCode(codeDestination(customer, key).to, code);
      return echoDestination(key);
    },

    async verifyOneTimeCode(input, ctx) {
      await spendThrottle(ctx);
      const { code, ...key } = parse(customerKey.and(z.object({ code: secret })), input);
      const customer = await lookUp(key);
      if (!customer) {
        const id = keyId(key);
        if (!(await limits.decoyCodes.peek(id))) fail('CODE_EXPIRED', 'that code has expired or was already used; ask for a new one');
        await hasher.verify(code, await decoyHash());
        const tries = await limits.decoyCodes.hit(id);
        const codeLeft = Math.max(0, CODE_ATTEMPTS - (tries.consumed - 1));
        if (codeLeft === 0) await limits.decoyCodes.reset(id);
        return decoyFailure(key, codeLeft);
      }
      if (codeExpired(customer.oneTimeCode, clock.now())) {
        if (customer.oneTimeCode) {
          await updateWithRetry(stores.customers, customer.id, ({ oneTimeCode: _spent, ...c }) => c);
        }
        fail('CODE_EXPIRED', 'that code has expired or was already used; ask for a new one');
      }
      const pending = customer.oneTimeCode as NonNullable<Customer['oneTimeCode']>;
      const hashMatched = await hasher.verify(code, pending.hash);
      return settle(customer, hashMatched && CODE_PATTERN.test(code), ctx, { codeUsed: true });
    },

    csrActor({ csrId, role, customerId }) {
      return { kind: 'csr', channel: 'csr', verification: 'verified', csrId, csrRole: role, customerId };
    },
  };
}
