/**
 * Customer sessions: what makes a signed token a live session. Each customer record carries a
 * session version; every token carries the version it was issued under, and a token under an
 * older version is dead. The version moves on a lock, a PIN change and "sign out everywhere".
 * Signing out one session records its token id on the record until the token would have expired
 * anyway, so checking a token is one read of one document.
 */
import { z } from 'zod';
import type { Ctx, SessionsApi, VerificationApi } from '../care';
import type { CareDeps } from '../deps';
import type { Customer } from './customer';
import { lockedUntil } from './account-lockout';
import { fail } from '../shared/errors';
import { customerOf, requireLevel } from '../shared/guards';
import { updateWithRetry } from '../shared/update-with-retry';

/** Past this many single sign-outs within a token's lifetime, the next one signs out everywhere. */
export const MAX_REVOKED_SESSIONS = 20;

export const sessionVersionOf = (c: Pick<Customer, 'sessionVersion'>): number => c.sessionVersion ?? 0;

/** The record with every session issued so far revoked. */
export function revokeAllSessions(c: Customer): Customer {
  const { revokedSessions: _dropped, ...rest } = c;
  return { ...rest, sessionVersion: sessionVersionOf(c) + 1 };
}

const changePinSchema = z.object({
  currentPin: z.string().max(200),
  newPin: z.string().regex(/^\d{4,8}$/, 'the new PIN is 4 to 8 digits'),
});

export function createSessionsApi(deps: CareDeps, verification: Pick<VerificationApi, 'verifyPin'>): SessionsApi {
  const { stores, clock, hasher } = deps;

  return {
    async version(customerId) {
      const customer = await stores.customers.get(customerId);
      if (!customer) fail('UNKNOWN_CUSTOMER', 'no such customer');
      return sessionVersionOf(customer);
    },

    async isActive({ customerId, jti, sessionVersion }) {
      const customer = await stores.customers.get(customerId);
      if (!customer || customer.accountStatus === 'closed') return false;
      const now = clock.now();
      if (lockedUntil(customer.lockout, now)) return false;
      if (sessionVersionOf(customer) !== sessionVersion) return false;
      return !(customer.revokedSessions ?? []).some((r) => r.jti === jti);
    },

    async signOut(actor, session) {
      requireLevel(actor, 'identified');
      const now = clock.now().toISOString();
      await updateWithRetry(stores.customers, actor.customerId as string, (c) => {
        const live = (c.revokedSessions ?? []).filter((r) => r.until > now);
        if (live.some((r) => r.jti === session.jti) || session.expiresAt <= now) return null;
        if (live.length >= MAX_REVOKED_SESSIONS) return revokeAllSessions(c);
        return { ...c, revokedSessions: [...live, { jti: session.jti, until: session.expiresAt }] };
      });
    },

    async signOutEverywhere(actor) {
      requireLevel(actor, 'identified');
      await updateWithRetry(stores.customers, actor.customerId as string, (c) => revokeAllSessions(c));
    },

    async changePin(actor, input, ctx: Ctx) {
      const customer = await customerOf(stores, actor, 'identified');
      const parsed = changePinSchema.safeParse(input);
      if (!parsed.success) {
        const issue = parsed.error.issues[0];
        fail('VALIDATION_FAILED', issue?.message ?? 'invalid input', { field: issue?.path.join('.') || undefined });
      }
      // The current PIN proves it is the customer; a wrong one counts towards the lock like any other attempt.
      await verification.verifyPin({ customerId: customer.id, pin: parsed.data.currentPin }, ctx);
      const pinHash = await hasher.hash(parsed.data.newPin);
      await updateWithRetry(stores.customers, customer.id, (c) => revokeAllSessions({ ...c, credentials: { ...c.credentials, pinHash } }));
    },
  };
}
