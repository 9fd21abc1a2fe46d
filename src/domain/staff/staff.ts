/**
 * Staff identity: the people who serve customers (CSRs) and oversee them (supervisors). One
 * identity for the console, the staff API, approvals and reports. Passwords are stored only as
 * scrypt hashes; failures lock the account exactly like a customer's.
 */
import type { Actor } from '../shared/actor';
import type { StoredRecord } from '../shared/record';
import type { Lockout } from '../customers/customer';
import type { Skill } from '../escalation/escalation';

export const STAFF_ROLES = ['csr', 'supervisor'] as const;
export type StaffRole = (typeof STAFF_ROLES)[number];

export interface StaffMember extends StoredRecord {
  /** Sign-in name, lower case, unique. */
  username: string;
  displayName: string;
  role: StaffRole;
  /** Queues this person serves; a supervisor sees every queue whatever is listed. */
  skills: Skill[];
  /** E.164 number a queued call is put through to (voice pickup). */
  phone?: string;
  passwordHash: string;
  lockout: Lockout;
  active: boolean;
  createdAt: string;
  /** When this person last signed in and, if since, signed out (the wallboard's "signed in"). */
  presence?: { signedInAt: string; signedOutAt?: string };
  /** Signed-out sessions (opaque references) until their tokens would have expired anyway. */
  revokedSessions: { ref: string; until: string }[];
}

/** What may leave the domain: no hash, no lockout counters, no session references. */
export interface StaffView {
  id: string;
  username: string;
  displayName: string;
  role: StaffRole;
  skills: Skill[];
  phone?: string;
}

export const staffView = (s: StaffMember): StaffView => ({
  id: s.id,
  username: s.username,
  displayName: s.displayName,
  role: s.role,
  skills: [...s.skills],
  ...(s.phone ? { phone: s.phone } : {}),
});

/** The actor a staff member acts as (no customer yet; `csrActor` adds one for a procedure). */
export const staffActor = (s: Pick<StaffView, 'id' | 'role'>): Actor => ({
  kind: 'csr',
  channel: 'csr',
  verification: 'none',
  csrId: s.id,
  csrRole: s.role === 'supervisor' ? 'supervisor' : 'agent',
});

/** Does this person serve the queue of `skill`? */
export const servesSkill = (s: Pick<StaffView, 'role' | 'skills'>, skill: Skill): boolean => s.role === 'supervisor' || s.skills.includes(skill);

export const normalizeUsername = (u: string): string => u.trim().toLowerCase();

/** A shift: a sign-in older than this counts as signed out (the staff tokens' lifetime). */
export const SHIFT_HOURS = 8;

/** Signed in within the shift and not signed out since. */
export const isSignedIn = (s: Pick<StaffMember, 'presence' | 'active'>, now: Date): boolean =>
  s.active && Boolean(s.presence) && !s.presence?.signedOutAt && Date.parse(s.presence?.signedInAt ?? '') > now.getTime() - SHIFT_HOURS * 3_600_000;
