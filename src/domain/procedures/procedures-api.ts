import type { CareDeps } from '../deps';
import type { ProceduresApi } from '../care';
import type { Actor } from '../shared/actor';
import type { Interaction } from '../interactions/interaction';
import { appendStep } from '../interactions/interactions-api';
import { fail, isDomainError } from '../shared/errors';
import { requireLevel } from '../shared/guards';
import { updateWithRetry } from '../shared/update-with-retry';
import { PROCEDURES, type ProcedureName, type ProcedureState, type Step } from './procedure';
import { done, isDerivedKey, type ProcedureApis } from './procedure-definition';
import { createRunner, type DefinitionSet } from './procedure-runner';
import { checkAgainstStep, sameAnswer } from './step-values';
import { createContinuity } from './continuity';
import { createDefinitions } from './definitions';
import { refusalOf, refusalStepDetail } from '../shared/refusal';

/** What is kept instead of a secret answer. */
const SECRET = '[secret]';

/**
 * Guided procedures over the domain APIs. `definitions` defaults to the seven procedures under
 * ./definitions; tests may pass their own.
 */
export function createProceduresApi(deps: CareDeps, apis: ProcedureApis, definitions: DefinitionSet = createDefinitions(deps, apis)): ProceduresApi {
  const runner = createRunner(deps, definitions);
  const continuity = createContinuity(deps, runner);

  async function start(actor: Actor, interactionId: string, name: ProcedureName, preset?: Record<string, unknown>): Promise<Step> {
    let step = await startFresh(actor, interactionId, name);
    for (const [field, value] of Object.entries(preset ?? {})) {
      if (step.kind === 'done') break;
      step = await answer(actor, interactionId, field, value);
    }
    return step;
  }

  async function startFresh(actor: Actor, interactionId: string, name: ProcedureName): Promise<Step> {
    const def = runner.definition(name);
    requireLevel(actor, def.requires);
    if (def.newcomersOnly && actor.customerId) fail('VALIDATION_FAILED', 'you are already a customer', { procedure: name });
    await runner.load(actor, interactionId);
    const saved = await updateWithRetry(deps.stores.interactions, interactionId, (i) => {
      runner.requireOpen(i);
      const at = runner.now();
      const procedure: ProcedureState = { name, status: 'open', answers: {}, completed: [], startedAt: at, updatedAt: at };
      return {
        ...i,
        ...(!i.customerId && actor.customerId ? { customerId: actor.customerId, verification: actor.verification } : {}),
        procedure,
        intents: i.intents[i.intents.length - 1] === name ? i.intents : [...i.intents, name],
        steps: appendStep(i, { at, name: 'procedure.started', procedure: name }),
      };
    });
    return runner.evaluate(actor, saved);
  }

  async function answer(actor: Actor, interactionId: string, field: string, value: unknown): Promise<Step> {
    const i = await runner.load(actor, interactionId);
    const { proc, def } = runner.procedureOf(actor, i);
    if (proc.completed.includes(field)) {
      // A secret is not kept, so a repeat can't be compared: it gets the step we are at.
      if ((await def.steps(actor, proc.answers)).find((s) => s.field === field)?.secret) return runner.evaluate(actor, i);
      // A retry (a resent webhook, a double click) returns where we are; a different value is a change of mind we do not support mid-way.
      const first = proc.given?.[field] ?? proc.answers[field];
      if (sameAnswer(first, value)) return runner.evaluate(actor, i);
      fail('STEP_NOT_VALID', 'that step was already answered', { field });
    }
    if (proc.status !== 'open') fail('STEP_NOT_VALID', 'the procedure has ended', { field });
    runner.requireOpen(i);
    const step = await runner.nextStep(def, actor, proc.answers);
    if (!step || step.field !== field) fail('STEP_NOT_VALID', 'that is not the step being asked', { field, expected: step?.field ?? null });
    if (isDerivedKey(field)) fail('STEP_NOT_VALID', 'that is not a step', { field });

    const ctx = runner.contextOf(i, proc);
    const asked = await step.build(actor, proc.answers);
    const checked = checkAgainstStep(asked, value);
    const normalized = step.accept ? await step.accept(actor, proc.answers, checked.value, ctx) : checked.value;
    let answers: Record<string, unknown> = { ...proc.answers, [field]: normalized };
    if (step.derive) {
      const derived = await step.derive(actor, answers, ctx);
      for (const key of Object.keys(derived)) if (!isDerivedKey(key)) fail('VALIDATION_FAILED', 'derived facts use $ keys', { key });
      answers = { ...answers, ...derived };
    }
    const extra: Partial<ProcedureState> = {
      completed: [...proc.completed, field],
      given: { ...proc.given, [field]: step.secret ? SECRET : (value ?? null) },
      labels: checked.label ? { ...proc.labels, [field]: checked.label } : { ...proc.labels },
    };
    const answered = { at: runner.now(), name: `answer.${field}`, procedure: proc.name, detail: { value: step.secret ? SECRET : (checked.label ?? normalized ?? null) } };

    const withAnswer = (current: Interaction): Interaction => ({ ...current, steps: appendStep(current, answered) });
    if (field === 'confirm' && normalized === false) {
      return settle(() => runner.finishWith(withAnswer(i), proc, answers, done(proc.name, 'declined'), extra));
    }
    const following = await runner.nextStep(def, actor, answers);
    if (!following) {
      const finished = await def.finish(actor, answers, ctx.idempotencyKey, ctx);
      return settle(() => runner.finishWith(withAnswer(i), proc, answers, finished, extra));
    }
    const saved = await settle(() =>
      runner.store(i, (current, p) => ({ ...withAnswer(current), procedure: { ...p, ...extra, answers, updatedAt: runner.now() } })),
    );
    return 'kind' in saved ? saved : runner.evaluate(actor, saved);

    /** A concurrent identical answer won the race: answer as the retry would. */
    async function settle<T>(write: () => Promise<T>): Promise<T | Step> {
      try {
        return await write();
      } catch (e) {
        if (!(isDomainError(e) && e.code === 'CONFLICT')) throw e;
        const fresh = await runner.load(actor, interactionId);
        const p = fresh.procedure;
        if (p && p.startedAt === proc.startedAt && p.completed.includes(field) && sameAnswer(p.given?.[field], value)) return runner.evaluate(actor, fresh);
        throw e;
      }
    }
  }

  /** A refusal thrown while starting or answering is kept on the interaction (what an escalation then records). */
  async function noting<T>(interactionId: string, run: () => Promise<T>): Promise<T> {
    try {
      return await run();
    } catch (e) {
      const refusal = refusalOf(e);
      if (refusal && isDomainError(e)) {
        await updateWithRetry(deps.stores.interactions, interactionId, (i) => ({
          ...i,
          steps: appendStep(i, { at: runner.now(), name: 'refused', ...(i.procedure ? { procedure: i.procedure.name } : {}), detail: refusalStepDetail(e.code, refusal) }),
        })).catch(() => undefined);
      }
      throw e;
    }
  }

  return {
    start: (actor, interactionId, name, preset) => noting(interactionId, () => start(actor, interactionId, name, preset)),
    current: async (actor, interactionId) => runner.evaluate(actor, await runner.load(actor, interactionId)),
    answer: (actor, interactionId, field, value) => noting(interactionId, () => answer(actor, interactionId, field, value)),
    resumable: (actor) => continuity.resumable(actor),
    resume: (actor, interactionId) => continuity.resume(actor, interactionId),
    available: (actor) =>
      PROCEDURES.flatMap((name) => {
        const def = definitions[name];
        if (!def) return [];
        let allowed = !(def.newcomersOnly && actor.customerId);
        try {
          requireLevel(actor, def.requires);
        } catch {
          allowed = false;
        }
        return [{ name, allowed, requires: def.requires }];
      }),
  };
}
