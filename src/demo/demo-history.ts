/**
 * Demo history: three weeks of generated contacts (interactions with their procedure steps,
 * marketing answers, and the escalations of those handed to a person), so every report and the
 * wallboard's "today" have something to show. Deterministic: one seeded PRNG, times relative to
 * the clock. Demo only (seedDemo); no customer is attached, so nothing here changes what a real
 * contact of a demo customer sees (repeat-contact rules, drafts to resume). Escalations close at
 * least two days before now and never wait in a queue: the live queue and the estimated wait (a
 * day of recent handling) stay as the tests and the demo expect.
 */
import type { Catalog } from '../domain/catalog/catalog-schema';
import type { Channel } from '../domain/shared/actor';
import type { Escalation, Skill } from '../domain/escalation/escalation';
import type { Interaction, InteractionStep } from '../domain/interactions/interaction';
import type { ProcedureName } from '../domain/procedures/procedure';
import type { NewRecord } from '../domain/ports/store';
import { createPrng, type Prng } from './prng';

export const HISTORY_DAYS = 21;
const SEED = 0x5eed_2026;
const DAY_MS = 86_400_000;

interface ProcedureShape {
  fields: string[];
  skill: Skill;
  /** Refusal reason codes met before a hand-off, by weight. */
  refusals: [string, number][];
  weight: number;
}

const SHAPES: Partial<Record<ProcedureName, ProcedureShape>> = {
  'bill-adjustment': { fields: ['bill', 'item', 'reason', 'amount', 'confirm'], skill: 'billing', weight: 24, refusals: [['above-self-service-limit', 5], ['item-not-adjustable', 2], ['rule:frequent-adjustments', 1]] },
  'payment-extension': { fields: ['date', 'confirm'], skill: 'billing', weight: 16, refusals: [['extension-yearly-limit', 3], ['extension-too-far-past-due', 2], ['extension-already-extended', 1]] },
  'new-service': { fields: ['product', 'addon', 'address', 'confirm'], skill: 'sales', weight: 12, refusals: [['not-serviceable', 2], ['account-overdue', 1]] },
  'modify-service': { fields: ['service', 'modification', 'confirm'], skill: 'sales', weight: 12, refusals: [['incompatible-modification', 2], ['account-overdue', 1]] },
  'discontinue-service': { fields: ['service', 'reason', 'retention', 'date', 'confirm'], skill: 'retention', weight: 14, refusals: [['under-contract', 2], ['none', 1]] },
  repair: { fields: ['service', 'symptom', 'credit', 'slot'], skill: 'repair', weight: 22, refusals: [['dispatch-needed', 3], ['area-outage', 1]] },
};

const CHANNELS: [Channel, number][] = [['voice', 45], ['chat', 30], ['portal', 20], ['api', 5]];
const REASONS: Record<Skill, string[]> = {
  billing: ['customer asked for a person about a charge', 'credit above what self-service may give'],
  sales: ['wants advice on plans', 'order could not be placed in self-service'],
  retention: ['wants to cancel; asked for a person'],
  repair: ['service still down after troubleshooting', 'technician visit to arrange'],
  general: ['customer asked for a person'],
  verification: ['could not verify identity'],
};
const STAFF_OF: Record<Skill, string[]> = { billing: ['stf-alex'], sales: ['stf-jordan'], retention: ['stf-jordan'], repair: ['stf-sam'], general: ['stf-alex', 'stf-sam'], verification: ['stf-alex'] };

export interface DemoHistory {
  interactions: NewRecord<Interaction>[];
  escalations: NewRecord<Escalation>[];
}

type Ending = 'contained' | 'escalated' | 'abandoned' | 'browsing';

function ending(prng: Prng, channel: Channel, mayEscalate: boolean): Ending {
  // Voice hands off more often than the screens; a day or two back, hand-offs are not generated.
  const escalate = mayEscalate ? (channel === 'voice' ? 22 : 14) : 0;
  return prng.weighted<Ending>([['contained', 58], ['escalated', escalate], ['abandoned', 16], ['browsing', 6]]);
}

export function demoHistory(catalog: Catalog, now: Date): DemoHistory {
  const prng = createPrng(SEED);
  const procedures = Object.entries(SHAPES).map(([name, shape]) => [name as ProcedureName, shape.weight] as const);
  const questions = catalog.discontinuation.marketingQuestions;
  const interactions: NewRecord<Interaction>[] = [];
  const escalations: NewRecord<Escalation>[] = [];
  const todayStart = Date.parse(`${now.toISOString().slice(0, 10)}T00:00:00.000Z`);

  for (let daysBack = HISTORY_DAYS; daysBack >= 0; daysBack -= 1) {
    const dayStart = todayStart - daysBack * DAY_MS;
    const weekend = [0, 6].includes(new Date(dayStart).getUTCDay());
    const contacts = prng.int(weekend ? 14 : 26, weekend ? 22 : 40);
    for (let n = 0; n < contacts; n += 1) {
      // Office hours mostly, 08:00-20:00 UTC.
      const startMs = dayStart + prng.int(8 * 3600, 20 * 3600 - 1) * 1000;
      const mayEscalate = startMs < now.getTime() - 2 * DAY_MS - 3600_000;
      if (startMs + 3600_000 > now.getTime()) continue; // nothing from the future, nor still under way
      const id = `hist-${daysBack}-${n}`;
      const channel = prng.weighted(CHANNELS);
      const procedure = prng.weighted(procedures);
      const shape = SHAPES[procedure] as ProcedureShape;
      const end = ending(prng, channel, mayEscalate && (channel === 'voice' || channel === 'chat'));
      let t = startMs;
      const next = (min: number, max: number) => new Date((t += prng.int(min, max) * 1000)).toISOString();
      const steps: InteractionStep[] = [];
      const intents: ProcedureName[] = [];
      const marketing: Interaction['marketing'] = [];
      if (end !== 'browsing') {
        intents.push(procedure);
        steps.push({ at: next(5, 40), name: 'procedure.started', procedure });
        // Escalated and abandoned contacts stop somewhere along the way.
        const reached = end === 'contained' ? shape.fields.length : prng.int(0, shape.fields.length - 1);
        for (const field of shape.fields.slice(0, reached)) steps.push({ at: next(8, 60), name: `answer.${field}`, procedure });
        if (end === 'contained') {
          steps.push({ at: next(2, 10), name: 'procedure.done', procedure, detail: { outcome: 'done' } });
          if (procedure === 'discontinue-service') for (const q of questions) if (prng.chance(0.7)) marketing.push({ questionId: q.id, answerId: prng.pick(q.options).id });
          if (prng.chance(0.3)) marketing.push({ questionId: 'next-best-offer', answerId: prng.chance(0.25) ? 'accepted' : 'declined' });
        }
      }
      const escalationId = end === 'escalated' ? `hist-e-${daysBack}-${n}` : undefined;
      const refusal = end === 'escalated' ? prng.weighted(shape.refusals) : undefined;
      if (refusal && refusal !== 'none') steps.push({ at: next(1, 5), name: 'refused', procedure, detail: { reasonCode: refusal } });
      const status: Interaction['status'] = end === 'contained' ? 'completed' : end === 'escalated' ? 'escalated' : end === 'abandoned' ? 'abandoned' : 'completed';
      const endedAt = next(5, 30);
      interactions.push({
        id, channel, channelRef: `demo-history-${id}`, verification: end === 'browsing' ? 'none' : 'verified', status, startedAt: new Date(startMs).toISOString(), endedAt,
        durationSec: Math.round((t - startMs) / 1000), intents, steps, marketing,
        links: { orderIds: [], ticketIds: [], adjustmentIds: [], extensionIds: [], ...(escalationId ? { escalationId } : {}) },
        ...(end === 'contained' ? { outcome: 'done' } : {}),
      });
      if (!escalationId) continue;
      const skill = shape.skill;
      const createdAt = endedAt;
      const gaveUp = prng.chance(channel === 'voice' ? 0.18 : 0.1);
      const assignedAt = new Date(Date.parse(createdAt) + prng.int(15, gaveUp ? 60 : 420) * 1000).toISOString();
      const closedAt = new Date(Date.parse(assignedAt) + prng.int(120, 900) * 1000).toISOString();
      const csr = prng.pick(STAFF_OF[skill]);
      escalations.push({
        id: escalationId, interactionId: id, channel, skill, priority: prng.int(3, 6), reason: prng.pick(REASONS[skill]), createdAt, idempotencyKey: `demo-history-${escalationId}`,
        context: { verification: 'verified', intent: procedure, stepsDone: steps, dataCollected: {}, transcript: [], recommendedAction: 'Finish the request for the customer', skill, ...(refusal && refusal !== 'none' ? { refusal: { reasonCode: refusal, reason: 'met in self-service', nextSteps: ['agent'] } } : {}) },
        ...(gaveUp
          ? { status: 'abandoned' as const, closedAt: assignedAt, abandoned: { reason: channel === 'voice' ? ('hung-up' as const) : ('chat-ended' as const), at: assignedAt } }
          : { status: 'resolved' as const, assignedAt, assignedTo: csr, closedAt, resolution: { by: csr, disposition: 'resolved' } }),
      });
    }
  }
  return { interactions, escalations };
}
