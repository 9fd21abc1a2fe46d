/**
 * Known contact records for the reports: a handful of interactions and escalations around two
 * days, some just outside the range, with the numbers every report must give for them. Used by
 * the store contract (raw rows, both adapters) and by the staff API tests (shares and averages).
 */
import type { Stores } from '../../src/domain/ports/store';
import type { Interaction, InteractionStep } from '../../src/domain/interactions/interaction';
import type { Escalation } from '../../src/domain/escalation/escalation';
import type { NewRecord } from '../../src/domain/ports/store';

/** The range covers DAY1 and DAY2 (whole UTC days). */
export const DAY1 = '2025-03-10';
export const DAY2 = '2025-03-11';
export const RANGE = { from: `${DAY1}T00:00:00.000Z`, to: '2025-03-12T00:00:00.000Z' };
/** The moment the live figures (waiting, busy) are read. */
export const REPORT_NOW = '2025-03-11T12:10:00.000Z';

const at = (day: string, time: string) => `${day}T${time}.000Z`;
const step = (time: string, name: string, procedure?: string, day = DAY1): InteractionStep => ({ at: at(day, time), name, ...(procedure ? { procedure: procedure as InteractionStep['procedure'] } : {}) });

function interaction(id: string, p: Partial<Interaction> & Pick<Interaction, 'channel' | 'status' | 'startedAt'>): NewRecord<Interaction> {
  return { id, verification: 'none', intents: [], steps: [], links: { orderIds: [], ticketIds: [], adjustmentIds: [], extensionIds: [] }, marketing: [], channelRef: `report-fixture-${id}`, ...p };
}

function escalation(id: string, p: Partial<Escalation> & Pick<Escalation, 'channel' | 'skill' | 'status' | 'createdAt' | 'reason'>): NewRecord<Escalation> {
  return { id, interactionId: `i-${id}`, priority: 5, idempotencyKey: `report-fixture-${id}`, context: { verification: 'none', stepsDone: [], dataCollected: {}, transcript: [], recommendedAction: 'help', skill: p.skill }, ...p };
}

const ADJ = 'bill-adjustment';
const DISC = 'discontinue-service';

export const FIXTURE_INTERACTIONS: NewRecord<Interaction>[] = [
  interaction('rf-i1', { channel: 'voice', status: 'completed', startedAt: at(DAY1, '09:00:00'), intents: [ADJ], steps: [step('09:00:01', 'procedure.started', ADJ), step('09:00:10', 'answer.bill', ADJ), step('09:00:20', 'answer.item', ADJ), step('09:01:00', 'procedure.done', ADJ)] }),
  interaction('rf-i2', { channel: 'voice', status: 'escalated', startedAt: at(DAY1, '09:55:00'), intents: [ADJ], links: { orderIds: [], ticketIds: [], adjustmentIds: [], extensionIds: [], escalationId: 'rf-e1' }, steps: [step('09:55:01', 'procedure.started', ADJ), step('09:55:10', 'answer.bill', ADJ), step('09:55:30', 'refused', ADJ)] }),
  interaction('rf-i3', { channel: 'chat', status: 'completed', startedAt: at(DAY1, '10:30:00'), intents: [DISC], steps: [step('10:30:01', 'procedure.started', DISC), step('10:30:10', 'answer.service', DISC), step('10:30:20', 'answer.reason', DISC), step('10:31:00', 'procedure.done', DISC)], marketing: [{ questionId: 'moving-to-provider', answerId: 'other-fiber' }] }),
  interaction('rf-i4', { channel: 'chat', status: 'abandoned', startedAt: at(DAY1, '11:00:00') }),
  interaction('rf-i5', { channel: 'portal', status: 'open', startedAt: at(DAY1, '23:59:59'), intents: ['payment-extension'], steps: [step('23:59:59', 'procedure.started', 'payment-extension')] }),
  interaction('rf-i6', { channel: 'chat', status: 'escalated', startedAt: at(DAY2, '08:59:00'), intents: [ADJ, DISC], steps: [step('08:59:01', 'procedure.started', DISC, DAY2), step('08:59:10', 'answer.service', DISC, DAY2), step('08:59:20', 'answer.service', DISC, DAY2)], marketing: [{ questionId: 'moving-to-provider', answerId: 'other-fiber' }, { questionId: 'next-best-offer', answerId: 'declined' }] }),
  // Just outside the range on either side.
  interaction('rf-i7', { channel: 'voice', status: 'completed', startedAt: '2025-03-09T23:59:59.999Z', intents: [ADJ], steps: [step('23:59:59', 'procedure.started', ADJ, '2025-03-09')], marketing: [{ questionId: 'moving-to-provider', answerId: 'satellite' }] }),
  interaction('rf-i8', { channel: 'voice', status: 'completed', startedAt: '2025-03-12T00:00:00.000Z', intents: [ADJ] }),
];

const ASKED = 'customer asked for a person';
export const FIXTURE_ESCALATIONS: NewRecord<Escalation>[] = [
  escalation('rf-e1', { channel: 'voice', skill: 'billing', status: 'resolved', reason: ASKED, createdAt: at(DAY1, '10:00:00'), assignedAt: at(DAY1, '10:01:00'), closedAt: at(DAY1, '10:06:00'), assignedTo: 'staff-a', context: { verification: 'none', stepsDone: [], dataCollected: {}, transcript: [], recommendedAction: 'help', skill: 'billing', refusal: { reasonCode: 'above-self-service-limit', reason: 'too much', nextSteps: ['agent'] } } }),
  escalation('rf-e2', { channel: 'chat', skill: 'billing', status: 'abandoned', reason: ASKED, createdAt: at(DAY1, '11:00:00'), abandoned: { reason: 'chat-ended', at: at(DAY1, '11:03:00') }, context: { verification: 'none', stepsDone: [], dataCollected: {}, transcript: [], recommendedAction: 'help', skill: 'billing', refusal: { reasonCode: 'above-self-service-limit', reason: 'too much', nextSteps: ['agent'] } } }),
  escalation('rf-e3', { channel: 'chat', skill: 'sales', status: 'assigned', reason: 'wants to talk about offers', createdAt: at(DAY2, '09:00:00'), assignedAt: at(DAY2, '09:00:30'), assignedTo: 'staff-b' }),
  escalation('rf-e4', { channel: 'voice', skill: 'repair', status: 'queued', reason: 'technician needed', createdAt: at(DAY2, '12:00:00'), callback: { number: '+15550100000', requestedAt: at(DAY2, '12:01:00') } }),
  escalation('rf-e5', { channel: 'voice', skill: 'repair', status: 'queued', reason: 'technician needed', createdAt: at(DAY2, '12:05:00') }),
  // Before the range: resolved, counts nowhere in the reports.
  escalation('rf-e6', { channel: 'voice', skill: 'general', status: 'resolved', reason: ASKED, createdAt: '2025-03-05T10:00:00.000Z', assignedAt: '2025-03-05T10:00:10.000Z', closedAt: '2025-03-05T10:10:10.000Z', assignedTo: 'staff-a' }),
];

export async function seedReportFixture(stores: Pick<Stores, 'interactions' | 'escalations'>): Promise<void> {
  for (const i of FIXTURE_INTERACTIONS) await stores.interactions.insert(i);
  for (const e of FIXTURE_ESCALATIONS) await stores.escalations.insert(e);
}

/** The raw rows each aggregation must give for RANGE (any order). */
export const EXPECTED_ROWS = {
  containment: [
    { day: DAY1, channel: 'voice', procedure: ADJ, contacts: 2, contained: 1, escalated: 1, abandoned: 0 },
    { day: DAY1, channel: 'chat', procedure: DISC, contacts: 1, contained: 1, escalated: 0, abandoned: 0 },
    { day: DAY1, channel: 'chat', procedure: 'none', contacts: 1, contained: 0, escalated: 0, abandoned: 1 },
    { day: DAY1, channel: 'portal', procedure: 'payment-extension', contacts: 1, contained: 0, escalated: 0, abandoned: 0 },
    { day: DAY2, channel: 'chat', procedure: DISC, contacts: 1, contained: 0, escalated: 1, abandoned: 0 },
  ],
  escalationReasons: [
    { reason: ASKED, rule: 'above-self-service-limit', count: 2 },
    { reason: 'wants to talk about offers', rule: 'none', count: 1 },
    { reason: 'technician needed', rule: 'none', count: 2 },
  ],
  queue: [
    { skill: 'billing', channel: 'voice', queued: 1, answered: 1, abandoned: 0, answerMs: 60_000, handled: 1, handleMs: 300_000 },
    { skill: 'billing', channel: 'chat', queued: 1, answered: 0, abandoned: 1, answerMs: 0, handled: 0, handleMs: 0 },
    { skill: 'sales', channel: 'chat', queued: 1, answered: 1, abandoned: 0, answerMs: 30_000, handled: 0, handleMs: 0 },
    { skill: 'repair', channel: 'voice', queued: 2, answered: 0, abandoned: 0, answerMs: 0, handled: 0, handleMs: 0 },
  ],
  funnel: [
    { procedure: ADJ, step: 'procedure.started', interactions: 2 },
    { procedure: ADJ, step: 'answer.bill', interactions: 2 },
    { procedure: ADJ, step: 'answer.item', interactions: 1 },
    { procedure: ADJ, step: 'procedure.done', interactions: 1 },
    { procedure: DISC, step: 'procedure.started', interactions: 2 },
    { procedure: DISC, step: 'answer.service', interactions: 2 },
    { procedure: DISC, step: 'answer.reason', interactions: 1 },
    { procedure: DISC, step: 'procedure.done', interactions: 1 },
    { procedure: 'payment-extension', step: 'procedure.started', interactions: 1 },
  ],
  marketing: [
    { questionId: 'moving-to-provider', answerId: 'other-fiber', count: 2 },
    { questionId: 'next-best-offer', answerId: 'declined', count: 1 },
  ],
  waiting: [{ skill: 'repair', waiting: 2, oldestAt: at(DAY2, '12:00:00'), callbacks: 1 }],
  busy: [{ skill: 'sales', staffId: 'staff-b', count: 1 }],
};

/** Rows in one order, for comparing what two stores give. */
export const canonical = <T extends object>(rows: readonly T[]): T[] => [...rows].map((r) => ({ ...r })).sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b)));
