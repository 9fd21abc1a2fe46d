/**
 * The supervisor's reports: whether self-service finishes the job (containment), why it does not
 * (escalation reasons with the refusal rule), how the queues do (abandonment, time to answer,
 * handle time), where customers give up (procedure funnel) and what they answer (marketing).
 * The store aggregates (ReportStore); this file turns counts into shares and averages, orders
 * and labels them. Supervisor role only; every report viewed is audited.
 */
import type { Catalog } from '../catalog/catalog-schema';
import type { Clock } from '../shared/ports';
import type { AuditLog } from '../staff/audit';
import type { StaffView } from '../staff/staff';
import { fail } from '../shared/errors';
import { dayRange, type DayRange } from './report-range';
import { FUNNEL_ANSWER_PREFIX, FUNNEL_DONE, FUNNEL_STARTED, type ContainmentRow, type ReportStore } from './report-store';

export const REPORT_NAMES = ['containment', 'escalation-reasons', 'queue', 'funnel', 'marketing'] as const;
export type ReportName = (typeof REPORT_NAMES)[number];

export interface RangeView { from: string; to: string; days: number }

/** Share of `part` in `whole`, 0..1 with 3 decimals; 0 when there is nothing. */
export const share = (part: number, whole: number): number => (whole > 0 ? Math.round((part / whole) * 1000) / 1000 : 0);
const avgSec = (totalMs: number, n: number): number | null => (n > 0 ? Math.round(totalMs / n / 1000) : null);

export interface ContainmentCounts { contacts: number; contained: number; escalated: number; abandoned: number; containment: number }
export interface ContainmentReport {
  report: 'containment';
  range: RangeView;
  total: ContainmentCounts;
  byChannel: (ContainmentCounts & { channel: string })[];
  byProcedure: (ContainmentCounts & { procedure: string })[];
  byDay: (ContainmentCounts & { day: string })[];
}
export interface EscalationReasonsReport {
  report: 'escalation-reasons';
  range: RangeView;
  total: number;
  /** The top ten, most frequent first. */
  items: { reason: string; rule: string; count: number; share: number }[];
}
export interface QueueFigures { queued: number; answered: number; abandoned: number; abandonment: number; avgAnswerSec: number | null; handled: number; avgHandleSec: number | null }
export interface QueueReport {
  report: 'queue';
  range: RangeView;
  /** Queued calls and chats apart. */
  byChannel: (QueueFigures & { channel: string })[];
  /** Average handle time (accept to wrap-up) per skill. */
  bySkill: (QueueFigures & { skill: string })[];
}
export interface FunnelReport {
  report: 'funnel';
  range: RangeView;
  procedures: { procedure: string; started: number; finished: number; completion: number; steps: { step: string; label: string; interactions: number; share: number }[] }[];
}
export interface MarketingReport {
  report: 'marketing';
  range: RangeView;
  questions: { questionId: string; text: string; total: number; answers: { answerId: string; label: string; count: number; share: number }[] }[];
}
export type AnyReport = ContainmentReport | EscalationReasonsReport | QueueReport | FunnelReport | MarketingReport;

export interface Reports {
  /** `timeZone`: whose days the range and the days of the report are (the console's operator zone); UTC's when absent. */
  report(staff: StaffView, name: ReportName, input: { from?: string; to?: string; timeZone?: string }): Promise<AnyReport>;
}

export interface ReportsDeps {
  reports: ReportStore;
  clock: Clock;
  catalog: () => Catalog;
  audit: AuditLog;
}

export function supervisorOnly(staff: Pick<StaffView, 'role'>, what: string): void {
  if (staff.role !== 'supervisor') fail('NOT_PERMITTED', `${what} are for a supervisor`, { role: staff.role });
}

function counts(rows: readonly ContainmentRow[]): ContainmentCounts {
  const sum = (k: 'contacts' | 'contained' | 'escalated' | 'abandoned') => rows.reduce((n, r) => n + r[k], 0);
  const contacts = sum('contacts');
  const contained = sum('contained');
  return { contacts, contained, escalated: sum('escalated'), abandoned: sum('abandoned'), containment: share(contained, contacts) };
}

function groupBy<K extends 'channel' | 'procedure' | 'day'>(rows: readonly ContainmentRow[], key: K): (ContainmentCounts & Record<K, string>)[] {
  const groups = new Map<string, ContainmentRow[]>();
  for (const r of rows) groups.set(r[key], [...(groups.get(r[key]) ?? []), r]);
  return [...groups.entries()].map(([k, rs]) => ({ [key]: k, ...counts(rs) }) as ContainmentCounts & Record<K, string>);
}

/** Containment by channel, procedure and day, from the store's rows. Also used by the wallboard. */
export function containmentOf(rows: readonly ContainmentRow[], range: RangeView): ContainmentReport {
  return {
    report: 'containment',
    range,
    total: counts(rows),
    byChannel: groupBy(rows, 'channel').sort((a, b) => b.contacts - a.contacts || a.channel.localeCompare(b.channel)),
    byProcedure: groupBy(rows, 'procedure').sort((a, b) => b.contacts - a.contacts || a.procedure.localeCompare(b.procedure)),
    byDay: groupBy(rows, 'day').sort((a, b) => a.day.localeCompare(b.day)),
  };
}

function queueFigures(rows: readonly { queued: number; answered: number; abandoned: number; answerMs: number; handled: number; handleMs: number }[]): QueueFigures {
  const sum = (k: 'queued' | 'answered' | 'abandoned' | 'answerMs' | 'handled' | 'handleMs') => rows.reduce((n, r) => n + r[k], 0);
  return {
    queued: sum('queued'),
    answered: sum('answered'),
    abandoned: sum('abandoned'),
    abandonment: share(sum('abandoned'), sum('queued')),
    avgAnswerSec: avgSec(sum('answerMs'), sum('answered')),
    handled: sum('handled'),
    avgHandleSec: avgSec(sum('handleMs'), sum('handled')),
  };
}

/** "answer.reason" → "reason", and the funnel's first and last steps in words. */
export function stepLabel(step: string): string {
  if (step === FUNNEL_STARTED) return 'started';
  if (step === FUNNEL_DONE) return 'finished';
  return step.startsWith(FUNNEL_ANSWER_PREFIX) ? step.slice(FUNNEL_ANSWER_PREFIX.length) : step;
}

export function createReports(deps: ReportsDeps): Reports {
  const { reports } = deps;

  const build: Record<ReportName, (range: DayRange, view: RangeView) => Promise<AnyReport>> = {
    containment: async (range, view) => containmentOf(await reports.containment(range), view),

    'escalation-reasons': async (range, view) => {
      const rows = await reports.escalationReasons(range);
      const total = rows.reduce((n, r) => n + r.count, 0);
      const items = rows
        .sort((a, b) => b.count - a.count || a.reason.localeCompare(b.reason) || a.rule.localeCompare(b.rule))
        .slice(0, 10)
        .map((r) => ({ ...r, share: share(r.count, total) }));
      return { report: 'escalation-reasons', range: view, total, items };
    },

    queue: async (range, view) => {
      const rows = await reports.queue(range);
      const keys = (k: 'skill' | 'channel') => [...new Set(rows.map((r) => r[k]))].sort();
      return {
        report: 'queue',
        range: view,
        byChannel: keys('channel').map((channel) => ({ channel, ...queueFigures(rows.filter((r) => r.channel === channel)) })),
        bySkill: keys('skill').map((skill) => ({ skill, ...queueFigures(rows.filter((r) => r.skill === skill)) })),
      };
    },

    funnel: async (range, view) => {
      const rows = await reports.funnel(range);
      const procedures = [...new Set(rows.map((r) => r.procedure))].sort();
      return {
        report: 'funnel',
        range: view,
        procedures: procedures
          .map((procedure) => {
            const mine = rows.filter((r) => r.procedure === procedure);
            const at = (step: string) => mine.find((r) => r.step === step)?.interactions ?? 0;
            const started = at(FUNNEL_STARTED);
            const finished = at(FUNNEL_DONE);
            // Steps in the order customers reach them: fewer reach each later step (ties by name).
            const answers = mine.filter((r) => r.step.startsWith(FUNNEL_ANSWER_PREFIX)).sort((a, b) => b.interactions - a.interactions || a.step.localeCompare(b.step));
            const ordered = [{ step: FUNNEL_STARTED, interactions: started }, ...answers, { step: FUNNEL_DONE, interactions: finished }];
            return {
              procedure,
              started,
              finished,
              completion: share(finished, started),
              steps: ordered.map((s) => ({ step: s.step, label: stepLabel(s.step), interactions: s.interactions, share: share(s.interactions, started) })),
            };
          })
          .sort((a, b) => b.started - a.started || a.procedure.localeCompare(b.procedure)),
      };
    },

    marketing: async (range, view) => {
      const rows = await reports.marketing(range);
      const known = deps.catalog().discontinuation.marketingQuestions;
      const questionIds = [...new Set(rows.map((r) => r.questionId))].sort();
      return {
        report: 'marketing',
        range: view,
        questions: questionIds.map((questionId) => {
          const q = known.find((k) => k.id === questionId);
          const mine = rows.filter((r) => r.questionId === questionId);
          const total = mine.reduce((n, r) => n + r.count, 0);
          return {
            questionId,
            text: q?.text ?? (questionId === 'next-best-offer' ? 'Next-best offer made at the end of the contact' : questionId),
            total,
            answers: mine
              .sort((a, b) => b.count - a.count || a.answerId.localeCompare(b.answerId))
              .map((r) => ({ answerId: r.answerId, label: q?.options.find((o) => o.id === r.answerId)?.label ?? r.answerId, count: r.count, share: share(r.count, total) })),
          };
        }),
      };
    },
  };

  return {
    async report(staff, name, input) {
      return deps.audit.audited(
        { staffId: staff.id, username: staff.username, action: 'report.view', detail: { report: name } },
        async () => {
          supervisorOnly(staff, 'reports');
          const range = dayRange(input, deps.clock.now(), input.timeZone);
          return build[name](range, { from: range.fromDay, to: range.toDay, days: range.days });
        },
        (r) => ({ detail: { from: r.range.from, to: r.range.to } }),
      );
    },
  };
}
