/**
 * Drives one guided procedure generically: shows the domain's Step, reads the customer's answer
 * (button value or free text), passes it to care.procedures.answer and shows the next Step until
 * a 'done' step. It knows no procedure: every option, limit and rule comes from the domain.
 */
import { Dialog, type DialogContext, type DialogTurnResult } from 'botbuilder-dialogs';
import type { Activity } from 'botbuilder';
import type { ProcedureName, Step } from '../../../domain/procedures/procedure';
import { classify } from './domain-errors';
import { readAnswer } from './read-text';
import { MORE } from '../render/step-view';
import { escalate } from './escalate';
import { getSession, missed, withAgentOffer, type BotDeps, type ChatSession } from './session';

export interface ProcedureOptions {
  name?: ProcedureName;
  resume?: boolean;
  /** A step the domain already started (an accepted offer): show it and go on from there. */
  step?: Step;
  /** Answers given up front (checked by the domain like the customer's own), e.g. the one service the message named. */
  preset?: Record<string, string>;
  /** Offer only these options at the first question, when it asks for this field (the services the message named). */
  only?: { field: string; ids: string[] };
}
interface State {
  name: ProcedureName;
  step: Step;
  /** The page of a long list of options being shown. */
  page?: number;
}
export interface ProcedureResult {
  procedure: ProcedureName;
  outcome?: string;
  needsVerification?: boolean;
}

type Answer = { ok: true; value: string | boolean } | { ok: false };

/** A choice shown with only some of its options (the domain still checks the answer). */
function narrowed(step: Step, only: ProcedureOptions['only']): Step {
  if (!only || step.kind !== 'choose' || step.field !== only.field) return step;
  const options = step.options.filter((o) => only.ids.includes(o.id));
  return options.length > 0 ? { ...step, options } : step;
}

export class ProcedureDialog extends Dialog<ProcedureOptions> {
  constructor(
    id: string,
    private readonly deps: BotDeps,
  ) {
    super(id);
  }

  override async beginDialog(dc: DialogContext, options?: ProcedureOptions): Promise<DialogTurnResult> {
    const s = await getSession(this.deps, dc.context);
    const iid = s.interactionId as string;
    try {
      const first = options?.step ?? (options?.resume ? await this.deps.care.procedures.resume(s.actor, iid) : await this.deps.care.procedures.start(s.actor, iid, options?.name as ProcedureName, options?.preset));
      const step = narrowed(first, options?.only);
      dc.activeDialog!.state = { name: step.procedure, step } satisfies State;
      return this.show(dc, s, step);
    } catch (err) {
      return this.failed(dc, s, err, options?.name);
    }
  }

  override async continueDialog(dc: DialogContext): Promise<DialogTurnResult> {
    const state = dc.activeDialog!.state as State;
    if (dc.context.activity.type !== 'message') return Dialog.EndOfTurn;
    const s = await getSession(this.deps, dc.context);
    if (state.step.kind === 'choose' && this.wantsMore(dc.context.activity, state.step.field, s)) {
      state.page = (state.page ?? 0) + 1;
      await dc.context.sendActivity(this.deps.view.render(state.step, s.locale, state.page));
      return Dialog.EndOfTurn;
    }
    const answer = await this.read(state.step, dc.context.activity, s);
    if (!answer.ok) {
      await dc.context.sendActivity(this.deps.wording.msg('pick-one', s.locale));
      return this.show(dc, s, state.step, await missed(this.deps, dc.context));
    }
    if (state.step.kind === 'done') return dc.endDialog({ procedure: state.name, outcome: state.step.outcome } satisfies ProcedureResult);
    try {
      const next = await this.deps.care.procedures.answer(s.actor, s.interactionId as string, state.step.field, answer.value);
      state.step = next;
      state.page = 0;
      return this.show(dc, s, next);
    } catch (err) {
      const c = classify(err);
      if (c.kind === 'reprompt') {
        await dc.context.sendActivity(this.explain(c, s));
        return this.show(dc, s, state.step);
      }
      return this.failed(dc, s, err, state.name);
    }
  }

  override async repromptDialog(context: DialogContext['context'], instance: { state: State }): Promise<void> {
    const s = await getSession(this.deps, context);
    await context.sendActivity(this.deps.view.render(instance.state.step, s.locale));
  }

  private async show(dc: DialogContext, s: ChatSession, step: Step, offerAgent = false): Promise<DialogTurnResult> {
    // A PIN being chosen or a one-time code: the next message stays out of the transcript.
    s.expectingSecret = step.kind !== 'done' && step.facts.secret === true;
    if (step.kind === 'done' && step.refs.customerId && !s.actor.customerId && s.interactionId) {
      const joined = await this.deps.care.customers.signedUp(s.interactionId, { channel: 'chat', source: s.actor.source }, { locale: s.locale });
      s.actor = joined.actor;
      s.firstName = joined.firstName;
    }
    const view = this.deps.view.render(step, s.locale);
    await dc.context.sendActivity(offerAgent ? withAgentOffer(this.deps, view, s.locale) : view);
    if (step.kind === 'done') return dc.endDialog({ procedure: step.procedure, outcome: step.outcome } satisfies ProcedureResult);
    return Dialog.EndOfTurn;
  }

  /** The refusal in words: its own reason when the domain gave one, else the code's generic reason. */
  private explain(c: Extract<ReturnType<typeof classify>, { kind: 'reprompt' }>, s: ChatSession): string {
    // Refusals worded for their reason code say why; the others keep the short reply for their error code.
    if (c.refusal && this.deps.wording.hasPrompt(`refusal.${c.refusal.reasonCode}`, s.locale)) return this.deps.wording.refusal(c.refusal, s.locale);
    return this.deps.wording.msg(c.key, s.locale, { reason: this.deps.wording.msg(this.deps.wording.has(c.reason) ? c.reason : 'reason.default', s.locale) });
  }

  /** The "More options" button, or the word for it, at a paged list. */
  private wantsMore(activity: Activity, field: string, s: ChatSession): boolean {
    const v = activity.value as { field?: unknown; value?: unknown } | undefined;
    if (v && typeof v === 'object' && v.field === field) return v.value === MORE;
    return this.deps.understanding.isMore((activity.text ?? '').trim(), s.locale);
  }

  private async read(step: Step, activity: Activity, s: ChatSession): Promise<Answer> {
    const v = activity.value as { field?: unknown; value?: unknown } | undefined;
    if (v && typeof v === 'object' && v.field === (step as { field?: string }).field && (typeof v.value === 'string' || typeof v.value === 'boolean')) return { ok: true, value: v.value };
    const text = (activity.text ?? '').trim();
    const u = this.deps.understanding;
    if (step.kind === 'done') return { ok: true, value: '' };
    // Exact words first (a number, a label, "yes"); then what the sentence means ("the fiber", "the latest one", "yes please").
    switch (step.kind) {
      case 'choose': {
        if (step.optional && u.isSkip(text, s.locale)) return { ok: true, value: '' };
        const o = u.option(step.options, text);
        if (o) return { ok: true, value: o.id };
        break;
      }
      case 'confirm': {
        const yn = u.yesNo(text, s.locale);
        if (yn !== null) return { ok: true, value: yn };
        break;
      }
      case 'input':
        if (step.optional && u.isSkip(text, s.locale)) return { ok: true, value: '' };
        if (!text) return { ok: false };
        if (step.input === 'text' || step.input === 'digits' || step.facts.secret === true) return { ok: true, value: text };
        break;
    }
    if (!text) return { ok: false };
    const meant = await readAnswer(this.deps, step, text, s.locale);
    if (meant !== null) return { ok: true, value: meant };
    // A date or an amount the reader did not find goes to the domain as typed: its error says the format.
    return step.kind === 'input' ? { ok: true, value: text } : { ok: false };
  }

  private async failed(dc: DialogContext, s: ChatSession, err: unknown, procedure?: ProcedureName): Promise<DialogTurnResult> {
    const c = classify(err);
    if (c.kind === 'verify') return dc.endDialog({ procedure: procedure as ProcedureName, needsVerification: true } satisfies ProcedureResult);
    if (c.kind === 'reprompt') {
      await dc.context.sendActivity(this.explain(c, s));
      return dc.endDialog({ procedure: procedure as ProcedureName, outcome: 'refused' } satisfies ProcedureResult);
    }
    this.deps.logger.error({ err, interactionId: s.interactionId, procedure }, 'chat procedure failed');
    await dc.context.sendActivity(this.deps.wording.msg('error.unexpected', s.locale));
    await escalate(this.deps, dc.context, `chat: unexpected error during ${procedure ?? 'procedure'}`, procedure);
    return dc.endDialog({ procedure: procedure as ProcedureName, outcome: 'escalated' } satisfies ProcedureResult);
  }
}
