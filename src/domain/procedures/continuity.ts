import type { CareDeps } from '../deps';
import type { Actor, Channel } from '../shared/actor';
import type { Interaction } from '../interactions/interaction';
import { appendStep } from '../interactions/interactions-api';
import { fail } from '../shared/errors';
import { requireLevel } from '../shared/guards';
import { updateWithRetry } from '../shared/update-with-retry';
import type { ProcedureName, Step } from './procedure';
import type { Runner } from './procedure-runner';

export interface ResumableDraft {
  interactionId: string;
  procedure: ProcedureName;
  channel: Channel;
  updatedAt: string;
  completed: string[];
}

/**
 * Continuity: "knows about previous contact sessions and is able to continue a session from
 * where it was left off". The draft of an unfinished procedure lives on its interaction; a new
 * interaction on any channel may take it over once, within the resume window.
 */
export function createContinuity(deps: Pick<CareDeps, 'stores' | 'clock' | 'policy'>, runner: Runner) {
  const coll = deps.stores.interactions;

  async function latestDraft(actor: Actor, exceptInteractionId?: string): Promise<Interaction | null> {
    requireLevel(actor, 'identified');
    const since = new Date(deps.clock.now().getTime() - deps.policy.resumeWindowHours * 3_600_000).toISOString();
    const candidates = await coll.find(
      { customerId: actor.customerId as string, 'procedure.status': 'open', 'procedure.updatedAt': { $gte: since } },
      { sort: { 'procedure.updatedAt': -1 }, limit: 20 },
    );
    // The session asking is an open interaction on the actor's own channel: its draft is in progress, not left off.
    const current = (i: Interaction): boolean => i.id === exceptInteractionId || (i.status === 'open' && i.channel === actor.channel);
    return candidates.find((i) => !current(i) && !i.procedure?.closed && i.status !== 'escalated') ?? null;
  }

  async function resumable(actor: Actor): Promise<ResumableDraft | null> {
    const i = await latestDraft(actor);
    if (!i?.procedure) return null;
    return { interactionId: i.id, procedure: i.procedure.name, channel: i.channel, updatedAt: i.procedure.updatedAt, completed: [...i.procedure.completed] };
  }

  async function resume(actor: Actor, interactionId: string): Promise<Step> {
    const target = await runner.load(actor, interactionId);
    runner.requireOpen(target);
    const source = await latestDraft(actor, interactionId);
    const draft = source?.procedure;
    if (!source || !draft) fail('NOTHING_TO_RESUME', 'there is no unfinished procedure to continue');
    requireLevel(actor, runner.definition(draft.name).requires);
    const at = runner.now();

    // Claim the draft first: of two channels resuming at once, only one wins.
    await updateWithRetry(coll, source.id, (current): Interaction => {
      const p = current.procedure;
      if (!p || p.status !== 'open' || p.closed || p.startedAt !== draft.startedAt) fail('NOTHING_TO_RESUME', 'that procedure was already continued elsewhere');
      return {
        ...current,
        procedure: { ...p, closed: { reason: 'moved', at, to: target.id } },
        steps: current.status === 'open' ? appendStep(current, { at, name: 'procedure.moved', procedure: p.name, detail: { to: target.id } }) : current.steps,
      };
    });
    const saved = await updateWithRetry(coll, target.id, (current): Interaction => {
      runner.requireOpen(current);
      return {
        ...current,
        ...(!current.customerId && actor.customerId ? { customerId: actor.customerId, verification: actor.verification } : {}),
        resumedFrom: source.id,
        intents: current.intents.includes(draft.name) ? current.intents : [...current.intents, draft.name],
        procedure: {
          name: draft.name,
          status: 'open',
          answers: { ...draft.answers },
          completed: [...draft.completed],
          ...(draft.labels ? { labels: { ...draft.labels } } : {}),
          ...(draft.given ? { given: { ...draft.given } } : {}),
          startedAt: at,
          updatedAt: at,
        },
        steps: appendStep(current, { at, name: 'procedure.resumed', procedure: draft.name, detail: { from: source.id, completed: draft.completed.length } }),
      };
    });
    return runner.evaluate(actor, saved);
  }

  return { resumable, resume };
}
