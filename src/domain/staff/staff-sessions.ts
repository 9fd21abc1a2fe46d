/**
 * Staff sign-in, per-request authentication and sign-out. A wrong password counts on the
 * account whatever the source and locks it like a customer's; an unknown username costs the
 * same hashing time and gets the same refusal. Every sign-in attempt is audited.
 */
import { z } from 'zod';
import type { CareDeps } from '../deps';
import type { Ctx } from '../care';
import type { AuditLog } from './audit';
import { afterFailure, assertNotLocked, CLEAR_LOCKOUT, failedAttempt, needsReset } from '../customers/account-lockout';
import { fail } from '../shared/errors';
import { updateWithRetry } from '../shared/update-with-retry';
import { normalizeUsername, staffView, type StaffMember, type StaffView } from './staff';

export const staffSignInSchema = z.strictObject({
  username: z.string().trim().min(1).max(100),
  password: z.string().min(1).max(200),
});

export interface StaffSessions {
  signIn(input: { username: string; password: string }, ctx: Ctx): Promise<StaffView>;
  /** The staff member behind a valid token, or UNAUTHENTICATED-worthy NOT_FOUND when gone, inactive or signed out. */
  authenticate(staffId: string, sessionRef: string): Promise<StaffView>;
  /** Revokes one session until `until` (its token's expiry). */
  signOut(staffId: string, sessionRef: string, until: string): Promise<void>;
}

export type StaffDeps = Pick<CareDeps, 'stores' | 'clock' | 'hasher' | 'throttle' | 'policy'>;

export function createStaffSessions(deps: StaffDeps, audit: AuditLog): StaffSessions {
  const { stores, clock, hasher, policy } = deps;
  let decoy: Promise<string> | undefined;

  async function check(staff: StaffMember | null, password: string): Promise<StaffMember> {
    if (!staff || !staff.active) {
      decoy ??= hasher.hash('decoy-secret');
      await hasher.verify(password, await decoy);
      fail('VERIFICATION_FAILED', 'the username or password is not right', { remainingAttempts: policy.lockoutThreshold - 1 });
    }
    assertNotLocked(staff, clock.now());
    if (await hasher.verify(password, staff.passwordHash)) {
      // Signed in now (what the wallboard counts), and any failure count cleared.
      const at = clock.now().toISOString();
      return updateWithRetry(stores.staff, staff.id, (s) => ({ ...s, ...(needsReset(s.lockout) ? { lockout: CLEAR_LOCKOUT } : {}), presence: { signedInAt: at } }));
    }
    const after = await updateWithRetry(stores.staff, staff.id, (s) => ({ ...s, lockout: afterFailure(s.lockout, clock.now(), policy) }));
    return failedAttempt(after.lockout, clock.now(), policy);
  }

  return {
    async signIn(input, ctx) {
      const parsed = staffSignInSchema.safeParse(input);
      if (!parsed.success) fail('VALIDATION_FAILED', 'give a username and a password', { field: parsed.error.issues[0]?.path.join('.') });
      const { username, password } = parsed.data;
      const name = normalizeUsername(username);
      const staff = await stores.staff.findOne({ username: name });
      const entry = { username: name, action: 'sign-in' as const, ...(staff ? { staffId: staff.id } : {}), detail: { channel: ctx.channel } };
      return audit.audited(entry, async () => {
        if (!(await deps.throttle.consume(`staff:${ctx.source ?? 'unknown'}`))) fail('THROTTLED', 'too many attempts from here; try again in a little while');
        return staffView(await check(staff, password));
      });
    },

    async authenticate(staffId, sessionRef) {
      const staff = await stores.staff.get(staffId);
      if (!staff || !staff.active || staff.revokedSessions.some((r) => r.ref === sessionRef)) fail('NOT_FOUND', 'no such staff session', {});
      return staffView(staff);
    },

    async signOut(staffId, sessionRef, until) {
      const nowIso = clock.now().toISOString();
      const staff = await updateWithRetry(stores.staff, staffId, (s) => {
        if (s.revokedSessions.some((r) => r.ref === sessionRef)) return null;
        // Expired entries go: their tokens are refused by their expiry anyway.
        return { ...s, revokedSessions: [...s.revokedSessions.filter((r) => r.until > nowIso), { ref: sessionRef, until }], ...(s.presence ? { presence: { ...s.presence, signedOutAt: nowIso } } : {}) };
      });
      await audit.record({ staffId, username: staff.username, action: 'sign-out', result: 'ok' });
    },
  };
}
