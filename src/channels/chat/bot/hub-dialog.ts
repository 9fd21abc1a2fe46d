/**
 * The conversation's home: greets, reads what the customer wants (menu button, command or free
 * text) and starts identification and the procedure; when a task ends it offers the menu again.
 */
import { Dialog, DialogReason, type DialogContext, type DialogTurnResult } from 'botbuilder-dialogs';
import { MessageFactory, type CardAction } from 'botbuilder';
import { PROCEDURES, type ProcedureName } from '../../../domain/procedures/procedure';
import { anonymous } from '../../../domain/shared/actor';
import { button } from '../render/step-view';
import type { IdentifyResult, AfterIdentify } from './identify-dialog';
import type { ProcedureResult } from './procedure-dialog';
import { getSession, missed, say, withAgentOffer, type BotDeps, type ChatSession } from './session';
import { answerOffer, offerAnswerOf, showOffer } from './next-best-offer';
import { startRepair } from './repair-family';
import { readText } from './read-text';

export interface HubOptions {
  /** Start this at once (start over, or a menu pick made before the hub began). */
  start?: ProcedureName;
  /** Wait silently for the next message (after cancel, start over, handoff). */
  quiet?: boolean;
}

export class HubDialog extends Dialog<HubOptions> {
  constructor(
    id: string,
    private readonly deps: BotDeps,
  ) {
    super(id);
  }

  override async beginDialog(dc: DialogContext, options?: HubOptions): Promise<DialogTurnResult> {
    const s = await getSession(this.deps, dc.context);
    if (options?.start) return this.startProcedure(dc, s, options.start);
    if (options?.quiet) {
      delete s.repairFamily;
      return Dialog.EndOfTurn;
    }
    const a = dc.context.activity;
    if (!s.greeted) {
      s.greeted = true;
      const text = a.type === 'message' ? (a.text ?? '').trim() : '';
      const wanted = this.wanted(dc, s);
      await dc.context.sendActivity(this.deps.wording.msg(s.firstName ? 'greeting.named' : 'greeting', s.locale, { firstName: s.firstName ?? '' }));
      await this.offerResume(dc, s);
      if (wanted) return this.startProcedure(dc, s, wanted);
      if (text && !(await readText(this.deps, text, s.locale, { commandsOnly: true })).command) return this.route(dc, s);
      await this.menu(dc, s, 'menu');
      return Dialog.EndOfTurn;
    }
    if (a.type === 'message') return this.route(dc, s);
    return Dialog.EndOfTurn;
  }

  override async continueDialog(dc: DialogContext): Promise<DialogTurnResult> {
    if (dc.context.activity.type !== 'message') return Dialog.EndOfTurn;
    return this.route(dc, await getSession(this.deps, dc.context));
  }

  override async resumeDialog(dc: DialogContext, _reason: DialogReason, result?: IdentifyResult | ProcedureResult): Promise<DialogTurnResult> {
    const s = await getSession(this.deps, dc.context);
    if (result && 'verified' in result && result.verified && result.then) {
      // Verified inside the chat: a draft left on another channel is offered, as voice does.
      if (result.then !== 'resume') await this.offerResume(dc, s);
      return this.after(dc, s, result.then);
    }
    if (result && 'needsVerification' in result && result.needsVerification) return dc.beginDialog('identify', { then: result.procedure });
    if (result && 'outcome' in result && result.procedure === 'new-customer' && result.outcome === 'completed' && s.actor.customerId) return this.startProcedure(dc, s, 'new-service');
    if (s.mode === 'bot' && result && 'outcome' in result && result.outcome) await showOffer(this.deps, dc.context, s);
    if (s.mode === 'bot') await this.menu(dc, s, 'anything-else');
    return Dialog.EndOfTurn;
  }

  /** Becoming a customer is offered only to someone who is not one (not identified). */
  private menuItems(s: ChatSession): ProcedureName[] {
    return PROCEDURES.filter((p) => p !== 'new-customer' || s.actor.verification === 'none');
  }

  async menu(dc: DialogContext, s: ChatSession, key: string, offerAgent = false): Promise<void> {
    const actions: CardAction[] = this.menuItems(s).map((p) => button(this.deps.wording.msg(`procedure.${p}`, s.locale), { field: 'procedure', value: p }));
    const reply = MessageFactory.suggestedActions(actions, this.deps.wording.msg(key, s.locale));
    await dc.context.sendActivity(offerAgent ? withAgentOffer(this.deps, reply, s.locale) : reply);
  }

  private async route(dc: DialogContext, s: ChatSession): Promise<DialogTurnResult> {
    const text = dc.context.activity.text ?? '';
    if (s.offerPending) {
      const answer = offerAnswerOf(dc.context);
      const step = await answerOffer(this.deps, s, answer ?? 'no-answer').catch((err: unknown) => {
        this.deps.logger.warn({ err, interactionId: s.interactionId }, 'chat: offer answer not recorded');
        return undefined;
      });
      if (step) {
        await say(this.deps, dc.context, 'offer.accepted');
        return dc.beginDialog('procedure', { step });
      }
      if (answer) {
        await say(this.deps, dc.context, answer === 'declined' ? 'offer.declined' : 'offer.accepted');
        await this.menu(dc, s, 'anything-else');
        return Dialog.EndOfTurn;
      }
    }
    const wanted = this.wanted(dc, s);
    if (wanted) {
      delete s.repairFamily;
      return this.startProcedure(dc, s, wanted);
    }
    const { command, procedure: intent } = await readText(this.deps, text, s.locale);
    if (command === 'resume') return this.after(dc, s, 'resume');
    if (command === 'menu') {
      await this.menu(dc, s, 'menu');
      return Dialog.EndOfTurn;
    }
    if (intent) {
      // "My TV isn't working": the family is kept (across verification) to narrow the repair.
      const family = intent === 'repair' ? this.deps.understanding.family(text, s.locale) : null;
      if (family) s.repairFamily = family;
      else delete s.repairFamily;
      return this.startProcedure(dc, s, intent);
    }
    const options = this.menuItems(s).map((p) => this.deps.wording.msg(`procedure.${p}`, s.locale).toLowerCase()).join(', ');
    await say(this.deps, dc.context, 'not-understood', { options });
    await this.menu(dc, s, 'menu', await missed(this.deps, dc.context));
    return Dialog.EndOfTurn;
  }

  /** A menu button's procedure. */
  private wanted(dc: DialogContext, _s: ChatSession): ProcedureName | null {
    const v = dc.context.activity.value as { field?: string; value?: string } | undefined;
    return v?.field === 'procedure' && (PROCEDURES as readonly string[]).includes(v.value ?? '') ? (v.value as ProcedureName) : null;
  }

  private after(dc: DialogContext, s: ChatSession, then: AfterIdentify): Promise<DialogTurnResult> {
    return then === 'resume' ? this.resume(dc, s) : this.startProcedure(dc, s, then);
  }

  async startProcedure(dc: DialogContext, s: ChatSession, wanted: ProcedureName): Promise<DialogTurnResult> {
    // Someone already known who asks to become a customer wants a new service.
    const name = wanted === 'new-customer' && s.actor.verification !== 'none' ? 'new-service' : wanted;
    // One-time codes are throttled per source: the conversation is this person's source.
    if (name === 'new-customer') s.actor = anonymous('chat', dc.context.activity.conversation?.id);
    const info = this.deps.care.procedures.available(s.actor).find((p) => p.name === name);
    if (info && !info.allowed) return dc.beginDialog('identify', { then: name });
    if (name === 'repair' && s.repairFamily) return startRepair(this.deps, dc, s);
    return dc.beginDialog('procedure', { name });
  }

  private async resume(dc: DialogContext, s: ChatSession): Promise<DialogTurnResult> {
    if (s.actor.verification === 'none') return dc.beginDialog('identify', { then: 'resume' });
    const draft = await this.deps.care.procedures.resumable(s.actor).catch(() => null);
    if (!draft || draft.interactionId === s.interactionId) {
      await say(this.deps, dc.context, 'resume.none');
      await this.menu(dc, s, 'menu');
      return Dialog.EndOfTurn;
    }
    return dc.beginDialog('procedure', { resume: true });
  }

  /** Offers the customer's unfinished procedure from another contact (type "resume" to take it up). */
  async offerResume(dc: DialogContext, s: ChatSession): Promise<void> {
    if (s.actor.verification === 'none') return;
    const draft = await this.deps.care.procedures.resumable(s.actor).catch(() => null);
    if (draft && draft.interactionId !== s.interactionId) {
      await say(this.deps, dc.context, 'resume.offer', { procedure: this.deps.wording.msg(`procedure.${draft.procedure}`, s.locale).toLowerCase(), channel: draft.channel });
    }
  }
}
