import type { BillingApi, CatalogApi, CustomersApi, InteractionsApi, OrdersApi, RepairApi } from '../care';
import type { Actor, VerificationLevel } from '../shared/actor';
import type { Choice, Facts, Outcome, ProcedureName, ResultRefs, Step } from './procedure';
import { refusalFacts, type Refusal } from '../shared/refusal';

/**
 * A guided procedure written as data plus small functions: the runner (procedures-api.ts)
 * asks for the first unanswered step whose `when` holds, validates the answer against what
 * that step offered, and calls `finish` once nothing is left to ask.
 */
export type Answers = Readonly<Record<string, unknown>>;
export type QuestionStep = Exclude<Step, { kind: 'done' }>;
export type DoneStep = Extract<Step, { kind: 'done' }>;

/** What a definition may need besides the actor and the answers. */
export interface StepContext {
  interactionId: string;
  /** `${interactionId}:${procedure}:${startedAt}`: stable for this run of the procedure. */
  idempotencyKey: string;
}

export interface StepDef {
  field: string;
  /**
   * The answer is a secret (a PIN being set, a one-time code): it is never kept as given nor
   * noted on the interaction, and a repeat of the step is not compared, only answered again.
   */
  secret?: boolean;
  when?: (answers: Answers) => boolean;
  /** The question, with options taken only from the domain APIs. */
  build(actor: Actor, answers: Answers): Promise<QuestionStep>;
  /**
   * Normalizes an answer the runner has already checked against the step (a choose value is one
   * of its option ids, a confirm value a boolean; null means skipped for optional steps).
   * Throws VALIDATION_FAILED or the use case's own code for values it refuses.
   */
  accept?(actor: Actor, answers: Answers, value: unknown, ctx: StepContext): Promise<unknown>;
  /** Facts derived once the answer is accepted (kept in answers under '$' keys, never asked). */
  derive?(actor: Actor, answers: Answers, ctx: StepContext): Promise<Record<string, unknown>>;
}

export interface Finished {
  step: DoneStep;
  /** Steps worth noting on the interaction besides 'procedure.done' (e.g. an accepted offer). */
  notes?: { name: string; detail?: Record<string, unknown> }[];
}

export interface ProcedureDefinition {
  name: ProcedureName;
  requires: VerificationLevel;
  /** Only for someone we don't know yet (sign-up): refused to, and not offered to, a customer. */
  newcomersOnly?: boolean;
  /** The steps for these answers (some depend on earlier choices, e.g. a product's config options). */
  steps(actor: Actor, answers: Answers): Promise<StepDef[]>;
  finish(actor: Actor, answers: Answers, idempotencyKey: string, ctx: StepContext): Promise<Finished>;
  /** Why a step has nothing to offer, when the definition knows better than the generic reason (e.g. account standing). */
  nothingToChoose?(actor: Actor, field: string, answers: Answers): Promise<Refusal | null>;
}

/** The generic reason a required choice came up empty: a person has to help. */
export function nothingToChoose(procedure: ProcedureName, field: string): Refusal {
  const why: Record<string, [string, string]> = {
    'modify-service.service': ['no-modifiable-service', 'none of the services on this account can be changed here right now'],
    'discontinue-service.service': ['no-cancellable-service', 'none of the services on this account can be cancelled here'],
    'bill-adjustment.bill': ['no-adjustable-charge', 'there is no charge on your bills that can be adjusted here'],
    'bill-adjustment.item': ['no-adjustable-charge', 'there is no charge on this bill that can be adjusted here'],
    'repair.service': ['no-service', 'there is no service on this account to repair'],
    'new-service.product': ['no-offer', 'there is no product we can add to this account right now'],
  };
  const [reasonCode, reason] = why[`${procedure}.${field}`] ?? ['nothing-to-choose', 'there is nothing to choose from here'];
  return { reasonCode, reason, nextSteps: ['agent'], facts: { procedure, field } };
}

export interface ProcedureApis {
  customers: CustomersApi;
  catalog: CatalogApi;
  orders: OrdersApi;
  billing: BillingApi;
  repair: RepairApi;
  interactions: InteractionsApi;
}

// ---------- step builders (prompt conventions shared by every channel) ----------

export const choose = (
  procedure: ProcedureName,
  field: string,
  options: Choice[],
  more: { optional?: boolean; facts?: Facts; prompt?: string } = {},
): QuestionStep => ({
  kind: 'choose',
  procedure,
  field,
  prompt: more.prompt ?? `${procedure}.${field}`,
  options,
  optional: more.optional ?? false,
  facts: more.facts ?? {},
});

export const confirm = (procedure: ProcedureName, field: string, facts: Facts, prompt?: string): QuestionStep => ({
  kind: 'confirm',
  procedure,
  field,
  prompt: prompt ?? `${procedure}.${field}`,
  facts,
});

export const input = (
  procedure: ProcedureName,
  field: string,
  kind: 'text' | 'digits' | 'date' | 'amount',
  more: { optional?: boolean; facts?: Facts } = {},
): QuestionStep => ({ kind: 'input', procedure, field, prompt: `${procedure}.${field}`, input: kind, optional: more.optional ?? false, facts: more.facts ?? {} });

export const done = (procedure: ProcedureName, outcome: Outcome, facts: Facts = {}, refs: ResultRefs = {}, prompt?: string): Finished => ({
  step: { kind: 'done', procedure, outcome, prompt: prompt ?? `${procedure}.done.${outcome}`, facts, refs },
});

/**
 * The procedure cannot go on for this customer: the ending carries the reason (code, plain words,
 * next steps, facts) and is worded per reason (prompt `refusal.<reasonCode>`); a person takes over.
 */
export const refused = (procedure: ProcedureName, refusal: Refusal, extra: Facts = {}): Finished =>
  done(procedure, 'escalate', { ...extra, ...refusalFacts(refusal) }, {}, `refusal.${refusal.reasonCode}`);

/** A definition's own step field may be a '$' key only for derived facts. */
export const isDerivedKey = (key: string): boolean => key.startsWith('$');

export const str = (answers: Answers, key: string): string => {
  const v = answers[key];
  return typeof v === 'string' ? v : '';
};
