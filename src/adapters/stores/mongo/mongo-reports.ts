/**
 * The reporting port on MongoDB: one aggregation pipeline per report, run by the database. The
 * definitions are those of the embedded store's folds (embedded/embedded-reports.ts); the
 * contract suite holds both to the same numbers. Dates are stored as ISO strings: ranges compare
 * them as strings, durations convert them with $toDate.
 */
import type { Model, PipelineStage } from 'mongoose';
import type { RawDocument } from '../shared/documents';
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

const has = (field: string) => ({ $gt: [{ $ifNull: [field, null] }, null] });
const count = (condition: unknown) => ({ $sum: { $cond: [condition, 1, 0] } });
const msBetween = (from: string, to: string) => ({ $subtract: [{ $toDate: to }, { $toDate: from }] });

export function createMongoReports(interactions: Model<RawDocument>, escalations: Model<RawDocument>): ReportStore {
  const run = async <R>(model: Model<RawDocument>, pipeline: PipelineStage[]): Promise<R[]> => model.aggregate<R>(pipeline).exec();
  const startedIn = (r: ReportRange): PipelineStage => ({ $match: { startedAt: { $gte: r.from, $lt: r.to } } });
  const createdIn = (r: ReportRange): PipelineStage => ({ $match: { createdAt: { $gte: r.from, $lt: r.to } } });
  const escalated = { $or: [{ $eq: ['$status', 'escalated'] }, has('$links.escalationId')] };

  return {
    containment: (range) =>
      run<ContainmentRow>(interactions, [
        startedIn(range),
        { $set: { _escalated: escalated } },
        {
          $group: {
            _id: { day: range.timeZone ? { $dateToString: { format: '%Y-%m-%d', date: { $toDate: '$startedAt' }, timezone: range.timeZone } } : { $substrBytes: ['$startedAt', 0, 10] }, channel: '$channel', procedure: { $ifNull: [{ $arrayElemAt: ['$intents', -1] }, 'none'] } },
            contacts: { $sum: 1 },
            escalated: count('$_escalated'),
            contained: count({ $and: [{ $not: ['$_escalated'] }, { $eq: ['$status', 'completed'] }] }),
            abandoned: count({ $and: [{ $not: ['$_escalated'] }, { $eq: ['$status', 'abandoned'] }] }),
          },
        },
        { $project: { _id: 0, day: '$_id.day', channel: '$_id.channel', procedure: '$_id.procedure', contacts: 1, contained: 1, escalated: 1, abandoned: 1 } },
      ]),

    escalationReasons: (range) =>
      run<EscalationReasonRow>(escalations, [
        createdIn(range),
        { $group: { _id: { reason: '$reason', rule: { $ifNull: ['$context.refusal.reasonCode', 'none'] } }, count: { $sum: 1 } } },
        { $project: { _id: 0, reason: '$_id.reason', rule: '$_id.rule', count: 1 } },
      ]),

    queue: (range) =>
      run<QueueRow>(escalations, [
        createdIn(range),
        { $set: { _answered: has('$assignedAt'), _handled: { $and: [has('$assignedAt'), has('$closedAt'), { $eq: ['$status', 'resolved'] }] } } },
        {
          $group: {
            _id: { skill: '$skill', channel: '$channel' },
            queued: { $sum: 1 },
            answered: count('$_answered'),
            abandoned: count({ $eq: ['$status', 'abandoned'] }),
            answerMs: { $sum: { $cond: ['$_answered', msBetween('$createdAt', '$assignedAt'), 0] } },
            handled: count('$_handled'),
            handleMs: { $sum: { $cond: ['$_handled', msBetween('$assignedAt', '$closedAt'), 0] } },
          },
        },
        { $project: { _id: 0, skill: '$_id.skill', channel: '$_id.channel', queued: 1, answered: 1, abandoned: 1, answerMs: 1, handled: 1, handleMs: 1 } },
      ]),

    funnel: (range) =>
      run<FunnelRow>(interactions, [
        startedIn(range),
        { $unwind: '$steps' },
        {
          $match: {
            'steps.procedure': { $exists: true, $ne: null },
            $or: [{ 'steps.name': FUNNEL_STARTED }, { 'steps.name': FUNNEL_DONE }, { 'steps.name': { $regex: `^${FUNNEL_ANSWER_PREFIX.replace('.', '\\.')}` } }],
          },
        },
        // Once per interaction and step, then counted.
        { $group: { _id: { interaction: '$_id', procedure: '$steps.procedure', step: '$steps.name' } } },
        { $group: { _id: { procedure: '$_id.procedure', step: '$_id.step' }, interactions: { $sum: 1 } } },
        { $project: { _id: 0, procedure: '$_id.procedure', step: '$_id.step', interactions: 1 } },
      ]),

    marketing: (range) =>
      run<MarketingRow>(interactions, [
        startedIn(range),
        { $unwind: '$marketing' },
        { $group: { _id: { questionId: '$marketing.questionId', answerId: '$marketing.answerId' }, count: { $sum: 1 } } },
        { $project: { _id: 0, questionId: '$_id.questionId', answerId: '$_id.answerId', count: 1 } },
      ]),

    waiting: () =>
      run<WaitingRow>(escalations, [
        { $match: { status: 'queued' } },
        { $group: { _id: '$skill', waiting: { $sum: 1 }, oldestAt: { $min: '$createdAt' }, callbacks: count(has('$callback')) } },
        { $project: { _id: 0, skill: '$_id', waiting: 1, oldestAt: 1, callbacks: 1 } },
      ]),

    busy: () =>
      run<BusyRow>(escalations, [
        { $match: { status: 'assigned', assignedTo: { $exists: true, $ne: null } } },
        { $group: { _id: { skill: '$skill', staffId: '$assignedTo' }, count: { $sum: 1 } } },
        { $project: { _id: 0, skill: '$_id.skill', staffId: '$_id.staffId', count: 1 } },
      ]),
  };
}
