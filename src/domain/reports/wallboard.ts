/**
 * The live wallboard: per skill, who waits now (and the longest wait), CSRs signed in and busy,
 * callbacks due; today so far, per channel, contacts, finished in self-service, escalated and
 * abandoned. Read from the store at each change the event port reports (the console streams it);
 * supervisor role only, its opening audited by the page.
 */
import type { Stores } from '../ports/store';
import type { Clock } from '../shared/ports';
import { SKILLS, type Skill } from '../escalation/escalation';
import { isSignedIn, type StaffView } from '../staff/staff';
import { containmentOf, supervisorOnly } from './reports-api';
import { today } from './report-range';

export interface WallboardSkill {
  skill: Skill;
  waiting: number;
  /** Seconds the longest-waiting customer has waited; 0 when nobody waits. */
  longestWaitSec: number;
  /** CSRs serving this skill who are signed in, and those of them with a customer now. */
  signedIn: number;
  busy: number;
  callbacksDue: number;
}

export interface WallboardChannel {
  channel: string;
  contacts: number;
  selfService: number;
  escalated: number;
  /** Left unfinished in self-service, or left the queue before a CSR took them. */
  abandoned: number;
}

export interface Wallboard {
  at: string;
  skills: WallboardSkill[];
  today: { channels: WallboardChannel[]; total: Omit<WallboardChannel, 'channel'> };
}

/** The channels customers use, always shown (a zero is information on a wall screen). */
export const CUSTOMER_CHANNELS = ['voice', 'chat', 'portal', 'api'] as const;

export interface WallboardDeps {
  stores: Pick<Stores, 'reports' | 'staff'>;
  clock: Clock;
  /** Whose day "today so far" is (the console gives the operator's zone); UTC's when absent. */
  timeZone?: () => string;
}

export function createWallboard(deps: WallboardDeps): { board(staff: StaffView): Promise<Wallboard> } {
  return {
    async board(staff) {
      supervisorOnly(staff, 'the wallboard and reports');
      const now = deps.clock.now();
      const range = today(now, deps.timeZone?.());
      const [waiting, busy, people, contacts, queue] = await Promise.all([
        deps.stores.reports.waiting(),
        deps.stores.reports.busy(),
        deps.stores.staff.find({ role: 'csr' }),
        deps.stores.reports.containment(range),
        deps.stores.reports.queue(range),
      ]);
      const present = people.filter((p) => isSignedIn(p, now));
      const skills = SKILLS.map((skill): WallboardSkill => {
        const w = waiting.find((r) => r.skill === skill);
        const serving = present.filter((p) => p.skills.includes(skill));
        const busyIds = new Set(busy.filter((b) => b.skill === skill).map((b) => b.staffId));
        return {
          skill,
          waiting: w?.waiting ?? 0,
          longestWaitSec: w ? Math.max(0, Math.round((now.getTime() - Date.parse(w.oldestAt)) / 1000)) : 0,
          signedIn: serving.length,
          busy: serving.filter((p) => busyIds.has(p.id)).length,
          callbacksDue: w?.callbacks ?? 0,
        };
      });
      const byChannel = containmentOf(contacts, { from: range.from, to: range.to, days: 1 }).byChannel;
      const names = [...CUSTOMER_CHANNELS, ...byChannel.map((c) => c.channel).filter((c) => !(CUSTOMER_CHANNELS as readonly string[]).includes(c))];
      const channels = names.map((channel): WallboardChannel => {
        const c = byChannel.find((r) => r.channel === channel);
        const leftQueue = queue.filter((q) => q.channel === channel).reduce((n, q) => n + q.abandoned, 0);
        return { channel, contacts: c?.contacts ?? 0, selfService: c?.contained ?? 0, escalated: c?.escalated ?? 0, abandoned: (c?.abandoned ?? 0) + leftQueue };
      });
      const sum = (k: 'contacts' | 'selfService' | 'escalated' | 'abandoned') => channels.reduce((n, c) => n + c[k], 0);
      return { at: now.toISOString(), skills, today: { channels, total: { contacts: sum('contacts'), selfService: sum('selfService'), escalated: sum('escalated'), abandoned: sum('abandoned') } } };
    },
  };
}
