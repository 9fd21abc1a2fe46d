/**
 * Every refusal (policy, limit, eligibility) explains itself: a stable reason code channels word
 * in their own language, the reason in plain words (logs, CSR, API clients), the next steps the
 * customer has, and the facts the wording may use. It travels in DomainError details
 * (`details.refusal`) or in the facts of a procedure's ending step, and is what an escalation
 * that follows records as its reason.
 */
import { DomainError, isDomainError, type ErrorCode } from './errors';
import type { Money } from './money';

/** What the customer can do about it. */
export const NEXT_STEPS = ['pay-balance', 'agent', 'choose-other', 'change-service', 'try-later'] as const;
export type NextStep = (typeof NEXT_STEPS)[number];

export type RefusalFact = string | number | boolean | null | string[] | Money;

export interface Refusal {
  /** Stable, kebab-case (e.g. 'account-suspended', 'extension-too-far-past-due'): channels word it. */
  reasonCode: string;
  /** The reason in plain words. */
  reason: string;
  nextSteps: NextStep[];
  /** What the wording may fill in (amounts in minor units, names, the customer's options). */
  facts: Record<string, RefusalFact>;
}

export function refuse(code: ErrorCode, refusal: Refusal, details: Record<string, unknown> = {}): never {
  throw new DomainError(code, refusal.reason, { ...details, refusal });
}

export function refusalOf(e: unknown): Refusal | null {
  if (!isDomainError(e)) return null;
  const r = e.details.refusal as Refusal | undefined;
  return r && typeof r.reasonCode === 'string' ? r : null;
}

/** The facts a procedure's ending step carries for a refusal (flat, so every channel can fill them in). */
export const refusalFacts = (r: Refusal): Record<string, RefusalFact> => ({
  ...r.facts,
  reasonCode: r.reasonCode,
  explanation: r.reason,
  nextSteps: r.nextSteps,
});

/** Reads a refusal back from a step's facts (see refusalFacts). */
export function refusalFromFacts(facts: Record<string, unknown> | undefined): Refusal | null {
  if (!facts || typeof facts.reasonCode !== 'string' || typeof facts.explanation !== 'string') return null;
  const { reasonCode, explanation, nextSteps, ...rest } = facts;
  return {
    reasonCode,
    reason: explanation,
    nextSteps: Array.isArray(nextSteps) ? (nextSteps.filter((s) => (NEXT_STEPS as readonly string[]).includes(s)) as NextStep[]) : [],
    facts: rest as Record<string, RefusalFact>,
  };
}

/** The interaction step ('refused') that records a refusal: what a CSR and an escalation read. */
export const refusalStepDetail = (code: string, r: Refusal): Record<string, unknown> => ({ code, reasonCode: r.reasonCode, reason: r.reason, nextSteps: r.nextSteps });

/** The refusal the customer met last on this interaction, unless a new procedure started since. */
export function latestRefusal(steps: readonly { name: string; detail?: Record<string, unknown> }[]): { code?: string; reasonCode: string; reason: string; nextSteps: string[] } | null {
  for (let k = steps.length - 1; k >= 0; k--) {
    const step = steps[k] as { name: string; detail?: Record<string, unknown> };
    if (step.name === 'procedure.started') return null;
    if (step.name !== 'refused' || !step.detail) continue;
    const d = step.detail;
    if (typeof d.reasonCode !== 'string' || typeof d.reason !== 'string') continue;
    return { ...(typeof d.code === 'string' ? { code: d.code } : {}), reasonCode: d.reasonCode, reason: d.reason, nextSteps: Array.isArray(d.nextSteps) ? d.nextSteps.map(String) : [] };
  }
  return null;
}
