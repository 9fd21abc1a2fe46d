/**
 * The reporting port on the embedded store: nedb has no aggregation, so each report reads the
 * documents of the range (an indexed range on the date field) and folds them with the same
 * definitions the MongoDB pipelines use (mongo/mongo-reports.ts); the contract suite holds both
 * to the same numbers.
 */
import type { Collection } from '../../../domain/ports/store';
import type { Interaction } from '../../../domain/interactions/interaction';
import type { Escalation } from '../../../domain/escalation/escalation';
import { dayIn } from '../../../domain/reports/report-range';
import {
  FUNNEL_ANSWER_PREFIX,
  FUNNEL_DONE,
  FUNNEL_STARTED,
  type BusyRow,
  type ContainmentRow,
  type EscalationReasonRow,
  type FunnelRow,
  type MarketingRow,
  type QueueRow,
  type ReportRange,
  type ReportStore,
  type WaitingRow,
} from '../../../domain/reports/report-store';

/** Counts rows by key, creating each from `make` the first time. */
function tally<R>(rows: Map<string, R>, key: string, make: () => R): R {
  let row = rows.get(key);
  if (!row) rows.set(key, (row = make()));
  return row;
}

const isEscalated = (i: Interaction): boolean => i.status === 'escalated' || Boolean(i.links?.escalationId);
const msBetween = (from: string, to: string): number => Date.parse(to) - Date.parse(from);

export function createEmbeddedReports(interactions: Collection<Interaction>, escalations: Collection<Escalation>): ReportStore {
  const startedIn = (r: ReportRange) => interactions.find({ startedAt: { $gte: r.from } }).then((all) => all.filter((i) => i.startedAt < r.to));
  const createdIn = (r: ReportRange) => escalations.find({ createdAt: { $gte: r.from } }).then((all) => all.filter((e) => e.createdAt < r.to));

  return {
    async containment(range) {
      const rows = new Map<string, ContainmentRow>();
      for (const i of await startedIn(range)) {
        const day = range.timeZone ? dayIn(i.startedAt, range.timeZone) : i.startedAt.slice(0, 10);
        const procedure = i.intents?.[i.intents.length - 1] ?? 'none';
        const row = tally(rows, `${day}|${i.channel}|${procedure}`, () => ({ day, channel: i.channel, procedure, contacts: 0, contained: 0, escalated: 0, abandoned: 0 }));
        const escalated = isEscalated(i);
        row.contacts += 1;
        if (escalated) row.escalated += 1;
        else if (i.status === 'completed') row.contained += 1;
        else if (i.status === 'abandoned') row.abandoned += 1;
      }
      return [...rows.values()];
    },

    async escalationReasons(range) {
      const rows = new Map<string, EscalationReasonRow>();
      for (const e of await createdIn(range)) {
        const rule = e.context?.refusal?.reasonCode ?? 'none';
        tally(rows, JSON.stringify([e.reason, rule]), () => ({ reason: e.reason, rule, count: 0 })).count += 1;
      }
      return [...rows.values()];
    },

    async queue(range) {
      const rows = new Map<string, QueueRow>();
      for (const e of await createdIn(range)) {
        const row = tally(rows, `${e.skill}|${e.channel}`, () => ({ skill: e.skill, channel: e.channel, queued: 0, answered: 0, abandoned: 0, answerMs: 0, handled: 0, handleMs: 0 }));
        row.queued += 1;
        if (e.status === 'abandoned') row.abandoned += 1;
        if (e.assignedAt) {
          row.answered += 1;
          row.answerMs += msBetween(e.createdAt, e.assignedAt);
          if (e.status === 'resolved' && e.closedAt) {
            row.handled += 1;
            row.handleMs += msBetween(e.assignedAt, e.closedAt);
          }
        }
      }
      return [...rows.values()];
    },

    async funnel(range) {
      const rows = new Map<string, FunnelRow>();
      for (const i of await startedIn(range)) {
        const seen = new Set<string>();
        for (const s of i.steps ?? []) {
          if (!s.procedure) continue;
          if (s.name !== FUNNEL_STARTED && s.name !== FUNNEL_DONE && !s.name.startsWith(FUNNEL_ANSWER_PREFIX)) continue;
          const key = `${s.procedure}|${s.name}`;
          if (seen.has(key)) continue;
          seen.add(key);
          tally(rows, key, () => ({ procedure: s.procedure as string, step: s.name, interactions: 0 })).interactions += 1;
        }
      }
      return [...rows.values()];
    },

    async marketing(range) {
      const rows = new Map<string, MarketingRow>();
      for (const i of await startedIn(range)) {
        for (const m of i.marketing ?? []) tally(rows, `${m.questionId}|${m.answerId}`, () => ({ questionId: m.questionId, answerId: m.answerId, count: 0 })).count += 1;
      }
      return [...rows.values()];
    },

    async waiting() {
      const rows = new Map<string, WaitingRow>();
      for (const e of await escalations.find({ status: 'queued' })) {
        const row = tally(rows, e.skill, () => ({ skill: e.skill, waiting: 0, oldestAt: e.createdAt, callbacks: 0 }));
        row.waiting += 1;
        if (e.createdAt < row.oldestAt) row.oldestAt = e.createdAt;
        if (e.callback) row.callbacks += 1;
      }
      return [...rows.values()];
    },

    async busy() {
      const rows = new Map<string, BusyRow>();
      for (const e of await escalations.find({ status: 'assigned' })) {
        if (!e.assignedTo) continue;
        tally(rows, `${e.skill}|${e.assignedTo}`, () => ({ skill: e.skill, staffId: e.assignedTo as string, count: 0 })).count += 1;
      }
      return [...rows.values()];
    },
  };
}
