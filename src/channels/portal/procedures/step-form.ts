/**
 * A domain Step as what a form shows: the same Step voice renders as a <Gather> and chat as
 * buttons. choose → a radio group in a fieldset whose legend is the question; input → one
 * labelled field (amount, date, digits, text); confirm → the quote or summary as a list of
 * facts and a yes/no pair of buttons; done → the outcome, its references and, for a refusal,
 * the reason and what the customer can do. Pure functions of (step, words).
 */
import type { Choice, Step } from '../../../domain/procedures/procedure';
import { refusalFromFacts } from '../../../domain/shared/refusal';
import type { FactValue, ProcedureWords } from './procedure-wording';

type QuestionStep = Exclude<Step, { kind: 'done' }>;
type DoneStep = Extract<Step, { kind: 'done' }>;

export interface FactRow {
  name: string;
  label: string;
  value: string;
  /** A list fact (the quote's notes): one entry each. */
  items?: string[];
}

export interface OptionView {
  id: string;
  inputId: string;
  label: string;
  detail?: string;
  amount?: string;
}

export interface StepFormView {
  procedure: string;
  field: string;
  kind: QuestionStep['kind'];
  prompt: string;
  hint?: string;
  optional: boolean;
  options: OptionView[];
  facts: FactRow[];
  input?: { type: 'text' | 'date'; inputmode?: 'decimal' | 'numeric'; autocomplete: string; maxlength: number };
  yes: string;
  no: string;
  skip: string;
  /** Confirm steps with money facts are quotes. */
  factsTitle: string;
}

export interface DoneView {
  procedure: string;
  outcome: string;
  text: string;
  facts: FactRow[];
  refs: FactRow[];
  refusal?: { reasonCode: string; nextSteps: string[] };
}

const DAY = /^\d{4}-\d{2}-\d{2}$/;
const PERIOD = /^\d{4}-\d{2}$/;
const MOMENT = /^\d{4}-\d{2}-\d{2}T/;
const DUE = /^due (\d{4}-\d{2}-\d{2})$/;

/** Field names as element ids: letters, digits and dashes only. */
const idPart = (s: string): string => s.replace(/[^A-Za-z0-9-]/g, '-');

/** Facts worth showing: those the wording names (fact.<name>), not empty, never references (shown apart) nor secrets. */
export function factRows(facts: Record<string, FactValue>, w: ProcedureWords, except: readonly string[] = []): FactRow[] {
  const rows: FactRow[] = [];
  for (const [name, v] of Object.entries(facts)) {
    if (except.includes(name) || !w.has(`fact.${name}`)) continue;
    if (v === null || v === undefined || v === '' || (Array.isArray(v) && v.length === 0)) continue;
    // A zero amount that is not the point of the step (no early termination fee) says nothing.
    if (typeof v === 'object' && !Array.isArray(v) && v.amountMinor === 0 && name !== 'monthlyDelta') continue;
    rows.push({ name, label: w.t(`fact.${name}`), value: w.value(v), ...(Array.isArray(v) ? { items: v.map((x) => w.value(x)) } : {}) });
  }
  return rows;
}

/** Steps whose amounts mean what another step's wording says, until they have their own: an add-on adds "+$10.00 a month" to the bill as a configuration choice does. */
const AMOUNT_WORDING: Record<string, string> = { 'new-service.addon': 'new-service.config' };

function optionView(step: Extract<Step, { kind: 'choose' }>, o: Choice, w: ProcedureWords): { label: string; detail?: string; amount?: string } {
  const key = `choice.${step.procedure}.${step.field}.${o.id}`;
  // A technician's slot: one range, in the operator's time zone.
  if (MOMENT.test(o.label) && o.detail && MOMENT.test(o.detail)) return { label: w.range(o.label, o.detail) };
  const label = w.has(key) ? w.t(key) : PERIOD.test(o.label) ? w.t('ui.period', { month: w.month(o.label) }) : DAY.test(o.label) ? w.value(o.label) : o.label;
  // What the amount means here (a monthly price, a change in price, the most that can be credited).
  const amountKey = w.has(`${step.prompt}.amount`) || !AMOUNT_WORDING[step.prompt] ? `${step.prompt}.amount` : `${AMOUNT_WORDING[step.prompt]}.amount`;
  // A zero change in price is said in words where the wording has them ("no extra monthly cost"), else left out, never "$0.00 a month".
  const amount = !o.amount ? undefined
    : o.amount.amountMinor === 0 && w.has(amountKey) ? (w.has(`${amountKey}.zero`) ? w.t(`${amountKey}.zero`) : undefined)
    : w.has(amountKey) ? w.t(amountKey, { amount: w.value(o.amount), signed: w.signed(o.amount) }) : w.value(o.amount);
  const due = o.detail ? DUE.exec(o.detail) : null;
  // A detail that only repeats the amount in English words ("+$20.00 a month") gives way to the worded amount.
  const detail = !o.detail || (amount && o.detail.includes('$')) ? undefined : due ? w.t('ui.due', { date: w.value(due[1] as string) }) : w.has(`${key}.detail`) ? w.t(`${key}.detail`) : o.detail;
  return { label, ...(detail ? { detail } : {}), ...(amount ? { amount } : {}) };
}

export function stepFormView(step: QuestionStep, w: ProcedureWords): StepFormView {
  const values = w.values({ ...step.facts, ...(typeof step.facts.question === 'string' ? { question: w.t(`question.${step.field}`, {}, step.facts.question) } : {}) });
  const prompt = w.t(step.prompt, values, w.t(`generic.${step.kind}`));
  const hintKey = `${step.prompt}.hint`;
  const base = {
    procedure: step.procedure,
    field: step.field,
    kind: step.kind,
    prompt,
    ...(w.has(hintKey) ? { hint: w.t(hintKey, values) } : {}),
    yes: w.t(`${step.prompt}.yes`, values, w.t('ui.yes')),
    no: w.t(`${step.prompt}.no`, values, w.t('ui.no')),
    skip: w.t(`${step.prompt}.skip`, values, w.t('ui.skip')),
    factsTitle: w.has(`${step.prompt}.title`) ? w.t(`${step.prompt}.title`) : w.t(Object.values(step.facts).some((v) => typeof v === 'object' && v !== null && 'amountMinor' in v) ? 'ui.quote' : 'ui.summary'),
  };
  if (step.kind === 'choose') {
    return {
      ...base,
      optional: step.optional,
      options: step.options.map((o, n) => {
        return { id: o.id, inputId: `opt-${idPart(step.field)}-${n}`, ...optionView(step, o, w) };
      }),
      facts: [],
    };
  }
  if (step.kind === 'input') {
    const input: StepFormView['input'] =
      step.input === 'date' ? { type: 'date', autocomplete: 'off', maxlength: 10 }
      : step.input === 'amount' ? { type: 'text', inputmode: 'decimal', autocomplete: 'off', maxlength: 12 }
      : step.input === 'digits' ? { type: 'text', inputmode: 'numeric', autocomplete: step.field.endsWith('postal-code') ? 'postal-code' : 'off', maxlength: 16 }
      : { type: 'text', autocomplete: autocompleteFor(step.field), maxlength: 120 };
    return { ...base, optional: step.optional, options: [], facts: [], input };
  }
  return { ...base, optional: false, options: [], facts: factRows(step.facts, w) };
}

function autocompleteFor(field: string): string {
  const known: Record<string, string> = { 'address.line1': 'address-line1', 'address.city': 'address-level2', 'address.region': 'address-level1' };
  return known[field] ?? 'off';
}

const REFS: readonly [keyof DoneStep['refs'], string][] = [
  ['orderId', 'ref.orderId'],
  ['ticketId', 'ref.ticketId'],
  ['adjustmentId', 'ref.adjustmentId'],
  ['extensionId', 'ref.extensionId'],
  ['escalationId', 'ref.escalationId'],
];

export function doneView(step: DoneStep, w: ProcedureWords): DoneView {
  const refusal = refusalFromFacts(step.facts);
  const values = w.values(step.facts);
  const text = refusal
    ? w.t(step.prompt, values, w.t('refusal.default', { explanation: refusal.reason }))
    : w.t(step.prompt, values, w.t('generic.done'));
  const refs = REFS.flatMap(([k, label]) => (step.refs[k] ? [{ name: k, label: w.t(label), value: step.refs[k] as string }] : []));
  return {
    procedure: step.procedure,
    outcome: step.outcome,
    text,
    // Facts that are not already in the sentence's references (ids) nor a refusal's internals.
    facts: refusal ? [] : withVisit(step.facts, factRows(step.facts, w, ['orderId', 'ticketId', 'adjustmentId', 'extensionId', 'explanation', 'start', 'end']), w),
    refs,
    ...(refusal ? { refusal: { reasonCode: refusal.reasonCode, nextSteps: refusal.nextSteps.map((s) => w.t(`next.${s}`)) } } : {}),
  };
}

/** A technician's visit (start and end) as one range, first among the facts. */
function withVisit(facts: Record<string, FactValue>, rows: FactRow[], w: ProcedureWords): FactRow[] {
  const { start, end } = facts;
  if (typeof start !== 'string' || typeof end !== 'string' || !MOMENT.test(start) || !MOMENT.test(end)) return rows;
  return [{ name: 'visit', label: w.t('fact.visit'), value: w.range(start, end) }, ...rows];
}
