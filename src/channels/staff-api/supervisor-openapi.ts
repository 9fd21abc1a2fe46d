/**
 * Response schemas of the supervisor's report and wallboard routes, for the staff OpenAPI
 * document (kept apart from the other routes' schemas). Tests validate every response against them.
 */
import { z } from 'zod';

const range = z.strictObject({ from: z.string(), to: z.string(), days: z.number().int() });
const ratio = z.number().min(0).max(1).meta({ description: 'A share, 0..1 with 3 decimals' });
const containmentCounts = { contacts: z.number().int(), contained: z.number().int(), escalated: z.number().int(), abandoned: z.number().int(), containment: ratio };
const queueFigures = {
  queued: z.number().int(), answered: z.number().int(), abandoned: z.number().int(), abandonment: ratio,
  avgAnswerSec: z.number().int().nullable(), handled: z.number().int(), avgHandleSec: z.number().int().nullable(),
};

const places = z.array(z.number().int().min(0)).meta({ description: 'Places of pricing components in the product\'s pricing (0 = first)' });

/** POST /catalog/reload: the revision now in use and the offerings that differ from the previous catalog. */
export const catalogReloadSchema = z.strictObject({
  revision: z.string(),
  reloaded: z.boolean().meta({ description: 'false: the file holds the catalog already in use' }),
  offerings: z.array(z.strictObject({
    id: z.string(),
    change: z.enum(['created', 'changed', 'removed']),
    fields: z.array(z.string()).meta({ description: 'The product\'s fields that differ (changed only)' }),
    pricing: z.strictObject({ added: places, removed: places, changed: places, renamed: places }),
  })),
});

export const SUPERVISOR_RESPONSES: Record<string, z.ZodType> = {
  staffReportContainment: z.strictObject({
    report: z.literal('containment'), range,
    total: z.strictObject(containmentCounts),
    byChannel: z.array(z.strictObject({ channel: z.string(), ...containmentCounts })),
    byProcedure: z.array(z.strictObject({ procedure: z.string(), ...containmentCounts })),
    byDay: z.array(z.strictObject({ day: z.string(), ...containmentCounts })),
  }),
  staffReportEscalationReasons: z.strictObject({
    report: z.literal('escalation-reasons'), range, total: z.number().int(),
    items: z.array(z.strictObject({ reason: z.string(), rule: z.string(), count: z.number().int(), share: ratio })).max(10),
  }),
  staffReportQueue: z.strictObject({
    report: z.literal('queue'), range,
    byChannel: z.array(z.strictObject({ channel: z.string(), ...queueFigures })),
    bySkill: z.array(z.strictObject({ skill: z.string(), ...queueFigures })),
  }),
  staffReportFunnel: z.strictObject({
    report: z.literal('funnel'), range,
    procedures: z.array(z.strictObject({
      procedure: z.string(), started: z.number().int(), finished: z.number().int(), completion: ratio,
      steps: z.array(z.strictObject({ step: z.string(), label: z.string(), interactions: z.number().int(), share: z.number().min(0) })),
    })),
  }),
  staffReportMarketing: z.strictObject({
    report: z.literal('marketing'), range,
    questions: z.array(z.strictObject({
      questionId: z.string(), text: z.string(), total: z.number().int(),
      answers: z.array(z.strictObject({ answerId: z.string(), label: z.string(), count: z.number().int(), share: ratio })),
    })),
  }),
  staffWallboard: z.strictObject({
    at: z.string(),
    skills: z.array(z.strictObject({ skill: z.string(), waiting: z.number().int(), longestWaitSec: z.number().int(), signedIn: z.number().int(), busy: z.number().int(), callbacksDue: z.number().int() })),
    today: z.strictObject({
      channels: z.array(z.strictObject({ channel: z.string(), contacts: z.number().int(), selfService: z.number().int(), escalated: z.number().int(), abandoned: z.number().int() })),
      total: z.strictObject({ contacts: z.number().int(), selfService: z.number().int(), escalated: z.number().int(), abandoned: z.number().int() }),
    }),
  }),
};
