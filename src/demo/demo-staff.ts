/**
 * The demo operator's staff: two CSRs and a supervisor. Fictional people; the passwords are
 * public on purpose (README), like the demo customers'. Seeded only with the demo data.
 */
import type { Skill } from '../domain/escalation/escalation';
import type { StaffMember, StaffRole } from '../domain/staff/staff';
import type { Stores } from '../domain/ports/store';
import type { Clock, SecretHasher } from '../domain/shared/ports';

export interface DemoStaff {
  id: string;
  username: string;
  password: string;
  displayName: string;
  role: StaffRole;
  skills: Skill[];
  phone: string;
}

export const DEMO_STAFF: readonly DemoStaff[] = [
  { id: 'stf-alex', username: 'alex.morgan', password: 'Morgan-staff-2026', displayName: 'Alex Morgan', role: 'csr', skills: ['billing', 'general', 'verification'], phone: '+12175550190' },
  { id: 'stf-sam', username: 'sam.okafor', password: 'Okafor-staff-2026', displayName: 'Sam Okafor', role: 'csr', skills: ['repair', 'general'], phone: '+12175550191' },
  { id: 'stf-jordan', username: 'jordan.reyes', password: 'Reyes-super-2026', displayName: 'Jordan Reyes', role: 'supervisor', skills: ['billing', 'sales', 'retention', 'repair', 'general', 'verification'], phone: '+12175550192' },
];

/** Inserts the demo staff into a store that has none; returns how many staff exist afterwards. */
export async function seedDemoStaff(deps: { stores: Stores; hasher: SecretHasher; clock: Clock }): Promise<number> {
  const existing = await deps.stores.staff.count({});
  if (existing > 0) return existing;
  const createdAt = deps.clock.now().toISOString();
  for (const s of DEMO_STAFF) {
    const member: Omit<StaffMember, 'version'> = {
      id: s.id,
      username: s.username,
      displayName: s.displayName,
      role: s.role,
      skills: [...s.skills],
      phone: s.phone,
      passwordHash: await deps.hasher.hash(s.password),
      lockout: { consecutiveFailures: 0 },
      active: true,
      createdAt,
      revokedSessions: [],
    };
    await deps.stores.staff.insert(member);
  }
  return DEMO_STAFF.length;
}
