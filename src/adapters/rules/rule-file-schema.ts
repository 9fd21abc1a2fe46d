import { z } from 'zod';
import { RULE_SETS, type RuleSetName } from '../../domain/ports/rules';
import { NEXT_STEPS } from '../../domain/shared/refusal';

/**
 * The shape of a rules file (rules/<set>.json) and, per rule set, the facts its conditions may
 * read and the events its rules may fire. The domain passes exactly these facts to decide().
 */

export type ConditionNode =
  | { fact: string; operator: string; value: unknown; path?: string; params?: Record<string, unknown>; name?: string; priority?: number }
  | { all: ConditionNode[]; name?: string; priority?: number }
  | { any: ConditionNode[]; name?: string; priority?: number }
  | { not: ConditionNode; name?: string; priority?: number };

const common = { name: z.string().optional(), priority: z.number().int().positive().optional() };

export const conditionSchema: z.ZodType<ConditionNode> = z.lazy(() =>
  z.union([
    z.strictObject({
      fact: z.string().min(1),
      operator: z.string().min(1),
      value: z.unknown().refine((v) => v !== undefined, 'a condition needs a value'),
      path: z.string().optional(),
      params: z.record(z.string(), z.unknown()).optional(),
      ...common,
    }),
    z.strictObject({ all: z.array(conditionSchema).min(1), ...common }),
    z.strictObject({ any: z.array(conditionSchema).min(1), ...common }),
    z.strictObject({ not: conditionSchema, ...common }),
  ]),
);

const topLevelSchema = z.union([
  z.strictObject({ all: z.array(conditionSchema).min(1), ...common }),
  z.strictObject({ any: z.array(conditionSchema).min(1), ...common }),
  z.strictObject({ not: conditionSchema, ...common }),
], { error: 'conditions must be an object with "all", "any" or "not"' });

export const ruleSchema = z.strictObject({
  name: z.string().min(1),
  priority: z.number().int().positive(),
  conditions: topLevelSchema,
  event: z.strictObject({ type: z.string().min(1), params: z.record(z.string(), z.unknown()).default({}) }),
  description: z.string().optional(),
});
export type RuleDef = z.infer<typeof ruleSchema>;

export const ruleFileSchema = z.strictObject({
  ruleSet: z.enum(RULE_SETS),
  description: z.string().optional(),
  rules: z.array(z.unknown()).min(1),
});

/** json-rules-engine 7's built-in operators and operator decorators ("not:equal", "everyFact:in"). */
export const KNOWN_OPERATORS = ['equal', 'notEqual', 'in', 'notIn', 'contains', 'doesNotContain', 'lessThan', 'lessThanInclusive', 'greaterThan', 'greaterThanInclusive'] as const;
export const KNOWN_DECORATORS = ['someFact', 'someValue', 'everyFact', 'everyValue', 'swap', 'not'] as const;

export function isKnownOperator(name: string): boolean {
  const parts = name.split(':');
  const base = parts.pop() ?? '';
  return (KNOWN_OPERATORS as readonly string[]).includes(base) && parts.every((d) => (KNOWN_DECORATORS as readonly string[]).includes(d));
}

const id = z.string().regex(/^[a-z0-9][a-z0-9-]*$/, 'ids are lower-case letters, digits and dashes');
const text = z.string().min(1);

export const REPAIR_ACTIONS = {
  'area-outage': 'inform-outage',
  'suspended-non-payment': 'offer-payment',
  'pending-order': 'pending-order',
  'remote-reset': 'remote-reset',
  dispatch: 'dispatch',
} as const;

interface SetSpec {
  facts: readonly string[];
  /** Event types rules of this set may fire. */
  events: readonly string[];
  /** Checks an event's params; the event type is given for sets whose params depend on it. */
  params: (type: string) => z.ZodType;
}

export const RULE_SET_SPECS: Record<RuleSetName, SetSpec> = {
  'repair-diagnosis': {
    facts: ['family', 'symptom', 'serviceStatus', 'suspendedReason', 'hasOutage', 'lineTest', 'pendingOrder', 'failedOrder', 'overdueBalanceMinor'],
    events: Object.keys(REPAIR_ACTIONS),
    params: (type) =>
      z.strictObject({
        action: z.literal(REPAIR_ACTIONS[type as keyof typeof REPAIR_ACTIONS] ?? 'dispatch', {
          error: `a "${type}" event must have action "${REPAIR_ACTIONS[type as keyof typeof REPAIR_ACTIONS]}"`,
        }),
        explanation: text,
      }),
  },
  'retention-offers': {
    facts: ['reasonCode', 'productId', 'family', 'monthlyMinor', 'tenureMonths', 'underContract'],
    events: ['retention-offer'],
    params: () =>
      z
        .strictObject({
          offerId: id,
          label: text,
          monthlyCreditMinor: z.number().int().nonnegative(),
          months: z.number().int().nonnegative(),
          toProductId: id.optional(),
        })
        .refine((p) => p.toProductId !== undefined || (p.monthlyCreditMinor > 0 && p.months > 0), 'an offer needs a monthly credit for some months, or a toProductId'),
  },
  'next-best-offer': {
    facts: ['families', 'productIds', 'hasBroadband', 'hasTv', 'hasMobile', 'hasPhone'],
    events: ['offer'],
    params: () => z.strictObject({ productId: id, pitch: text }),
  },
  'adjustment-approval': {
    facts: ['channel', 'actorKind', 'csrRole', 'amountMinor', 'limitMinor', 'itemType', 'reasonCode', 'adjustmentsLast90Days'],
    events: ['require-approval', 'auto-approve'],
    params: () => z.strictObject({ basis: text }),
  },
  'extension-approval': {
    facts: ['actorKind', 'csrRole', 'channel', 'refusal', 'daysBeyondLimit', 'daysPastDue'],
    events: ['require-approval'],
    params: () => z.strictObject({ basis: text }),
  },
  'escalation-priority': {
    facts: ['skill', 'channel', 'verification', 'repeatContact24h', 'refusedSelfService', 'overdue', 'outage'],
    events: ['raise-priority'],
    params: () => z.strictObject({ by: z.number().int().min(1).max(3), basis: text }),
  },
  'account-standing': {
    facts: ['accountStatus', 'nonPaymentSuspension', 'overdueBalanceMinor', 'daysPastDue', 'action', 'channel', 'actorKind'],
    events: ['refuse-selling'],
    params: () =>
      z.strictObject({
        reasonCode: id,
        explanation: text,
        nextSteps: z.array(z.enum(NEXT_STEPS)).min(1),
      }),
  },
};
