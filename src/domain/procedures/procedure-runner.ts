import type { CareDeps } from '../deps';
import type { Actor } from '../shared/actor';
import type { Interaction } from '../interactions/interaction';
import { appendStep } from '../interactions/interactions-api';
import { fail } from '../shared/errors';
import { requireLevel } from '../shared/guards';
import { updateWithRetry } from '../shared/update-with-retry';
import type { ProcedureName, ProcedureState, Step } from './procedure';
import { nothingToChoose, refused, type Answers, type Finished, type ProcedureDefinition, type StepContext, type StepDef } from './procedure-definition';
import { decodeProcedure, encodeProcedure } from './procedure-codec';
import { refusalFromFacts, refusalStepDetail } from '../shared/refusal';

export type DefinitionSet = Partial<Record<ProcedureName, ProcedureDefinition>>;

/** The small interpreter shared by start, current, answer and resume. */
export function createRunner(deps: Pick<CareDeps, 'stores' | 'clock' | 'onProcedureOutcome'>, definitions: DefinitionSet) {
  const coll = deps.stores.interactions;
  const now = (): string => deps.clock.now().toISOString();

  function definition(name: ProcedureName): ProcedureDefinition {
    const def = definitions[name];
    if (!def) fail('VALIDATION_FAILED', 'no such procedure', { procedure: name });
    return def;
  }

  /** The interaction, refused if it belongs to another customer. */
  async function load(actor: Actor, interactionId: string): Promise<Interaction> {
    const i = await coll.get(interactionId);
    if (!i || (i.customerId && actor.customerId && i.customerId !== actor.customerId)) fail('NOT_FOUND', 'no such interaction', { interactionId });
    return i;
  }

  function requireOpen(i: Interaction): void {
    if (i.status !== 'open') fail('INTERACTION_CLOSED', 'the interaction has ended', { interactionId: i.id, status: i.status });
  }

  /** The procedure under way on the interaction (decoded) and its definition, with the actor's level checked. */
  function procedureOf(actor: Actor, i: Interaction): { proc: ProcedureState; def: ProcedureDefinition } {
    if (!i.procedure) fail('STEP_NOT_VALID', 'no procedure is under way on this interaction');
    const proc = decodeProcedure(i.procedure);
    const def = definition(proc.name);
    requireLevel(actor, def.requires);
    if (proc.closed) fail('STEP_NOT_VALID', 'this procedure continues elsewhere', { closed: proc.closed.reason, to: proc.closed.to });
    return { proc, def };
  }

  const contextOf = (i: Interaction, proc: ProcedureState): StepContext => ({
    interactionId: i.id,
    idempotencyKey: `${i.id}:${proc.name}:${proc.startedAt}`,
  });

  async function nextStep(def: ProcedureDefinition, actor: Actor, answers: Answers): Promise<StepDef | undefined> {
    const steps = await def.steps(actor, answers);
    return steps.find((s) => !(s.field in answers) && (s.when ? s.when(answers) : true));
  }

  /**
   * Stores the state change if nobody changed the procedure meanwhile; otherwise CONFLICT.
   * `change` sees and returns the procedure decoded; it is encoded for the store here.
   */
  async function store(i: Interaction, change: (current: Interaction, proc: ProcedureState) => Interaction): Promise<Interaction> {
    const seen = i.procedure;
    return updateWithRetry(coll, i.id, (current) => {
      requireOpen(current);
      const stored = current.procedure;
      // updatedAt alone misses two writes in the same millisecond; status and answers count tell them apart.
      const changed = !stored || !seen || stored.startedAt !== seen.startedAt || stored.updatedAt !== seen.updatedAt || stored.status !== seen.status || stored.completed.length !== seen.completed.length;
      if (changed) {
        fail('CONFLICT', 'the procedure changed meanwhile; ask for the current step again');
      }
      const proc = decodeProcedure(stored);
      const next = change({ ...current, procedure: proc }, proc);
      return next.procedure ? { ...next, procedure: encodeProcedure(next.procedure) } : next;
    });
  }

  /** Records the ending: state, result, links, outcome and marketing answers on the interaction. */
  async function finishWith(i: Interaction, proc: ProcedureState, answers: Answers, finished: Finished, extra: Partial<ProcedureState>): Promise<Step> {
    const { step } = finished;
    const status: ProcedureState['status'] = step.outcome === 'declined' ? 'declined' : 'done';
    const saved = await store(i, (current) => {
      const at = now();
      let interaction: Interaction = current;
      for (const n of finished.notes ?? []) interaction = { ...interaction, steps: appendStep(interaction, { at, name: n.name, procedure: proc.name, ...(n.detail ? { detail: n.detail } : {}) }) };
      const refusal = refusalFromFacts(step.facts);
      if (refusal) interaction = { ...interaction, steps: appendStep(interaction, { at, name: 'refused', procedure: proc.name, detail: refusalStepDetail('REFUSED', refusal) }) };
      const refs = step.refs;
      const links = { ...current.links };
      if (refs.orderId && !links.orderIds.includes(refs.orderId)) links.orderIds = [...links.orderIds, refs.orderId];
      if (refs.adjustmentId && !links.adjustmentIds.includes(refs.adjustmentId)) links.adjustmentIds = [...links.adjustmentIds, refs.adjustmentId];
      if (refs.extensionId && !links.extensionIds.includes(refs.extensionId)) links.extensionIds = [...links.extensionIds, refs.extensionId];
      if (refs.ticketId && !links.ticketIds.includes(refs.ticketId)) links.ticketIds = [...links.ticketIds, refs.ticketId];
      const marketing = Object.entries(answers)
        .filter(([k, v]) => k.startsWith('marketing.') && typeof v === 'string')
        .map(([k, v]) => ({ questionId: k.slice('marketing.'.length), answerId: v as string }));
      return {
        ...interaction,
        procedure: { ...proc, ...extra, answers: { ...answers }, status, updatedAt: at, result: { outcome: step.outcome, refs }, final: step },
        links,
        outcome: step.outcome,
        marketing: [...current.marketing.filter((m) => !marketing.some((x) => x.questionId === m.questionId)), ...marketing],
        steps: appendStep(interaction, { at, name: 'procedure.done', procedure: proc.name, detail: { outcome: step.outcome, ...refs } }),
      };
    });
    // Counted once, where the ending was stored: a retry or replay returns the stored ending without coming here.
    try {
      deps.onProcedureOutcome?.({ channel: saved.channel, procedure: proc.name, outcome: step.outcome });
    } catch {
      // Metrics never break a procedure.
    }
    return step;
  }

  /** The step the procedure waits for: the first unanswered one, else its ending (finishing it once). */
  async function evaluate(actor: Actor, i: Interaction): Promise<Step> {
    const { proc, def } = procedureOf(actor, i);
    if (proc.status !== 'open' && proc.final) return proc.final;
    requireOpen(i);
    const next = await nextStep(def, actor, proc.answers);
    const ctx = contextOf(i, proc);
    if (!next) return finishWith(i, proc, proc.answers, await def.finish(actor, proc.answers, ctx.idempotencyKey, ctx), {});
    const step = await next.build(actor, proc.answers);
    // Nothing the customer may choose (no adjustable bill, no modifiable service): a person has to help.
    if (step.kind === 'choose' && !step.optional && step.options.length === 0) {
      const why = (await def.nothingToChoose?.(actor, step.field, proc.answers)) ?? nothingToChoose(proc.name, step.field);
      return finishWith(i, proc, proc.answers, refused(proc.name, why, { field: step.field }), {});
    }
    return step;
  }

  return { definition, load, requireOpen, procedureOf, contextOf, nextStep, store, finishWith, evaluate, now };
}

export type Runner = ReturnType<typeof createRunner>;
