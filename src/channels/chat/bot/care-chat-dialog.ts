/**
 * The root of every chat conversation. Before any dialog runs it makes sure the conversation is
 * an interaction (and who the customer is, if the Direct Line token says so), records the
 * transcript both ways, and handles what may interrupt any step: help, cancel, start over,
 * agent — and the CSR handoff (waiting, relaying, handing back).
 */
import { ComponentDialog, Dialog, type DialogContext, type DialogTurnResult } from 'botbuilder-dialogs';
import { MessageFactory, type Activity, type TurnContext } from 'botbuilder';
import { button } from '../render/step-view';
import type { ProcedureName } from '../../../domain/procedures/procedure';
import type { ActorBinding } from '../directline/tokens';
import { TOKEN_BINDING } from '../directline/directline-service';
import { HANDOFF_RELAYED, type HandoffEvent } from '../handoff/handoff-relay';
import { CUSTOMER_GONE_EVENT } from '../directline/left-chats';
import { toLocale } from '../render/wording';
import { CHAT_OVER_STEP } from '../../../domain/staff/chat-desk';
import { escalate } from './escalate';
import { CallbackOffer, callbackButton } from './callback-offer';
import { HubDialog } from './hub-dialog';
import { IdentifyDialog } from './identify-dialog';
import { ProcedureDialog } from './procedure-dialog';
import { getSession, MISSED, say, type BotDeps, type ChatSession } from './session';
import { readText } from './read-text';

export const ROOT_DIALOG = 'care-chat';
/** The bot reads text and buttons only; the demo page hides Web Chat's upload button while this is false. */
export const ATTACHMENTS_SUPPORTED = false;
const PREPARED = Symbol('telecare.chat.prepared');

/** The chat is over for the customer: they closed it (endOfConversation) or left it (conversationUpdate removing someone other than the bot). */
const customerLeft = (a: Partial<Activity>): boolean =>
  a.type === 'endOfConversation' || (a.type === 'conversationUpdate' && (a.membersRemoved ?? []).some((m) => m.id !== a.recipient?.id));

/** The server's own "the customer is gone" turn (a client posting that event is refused at the edge, and ignored here). */
const isCustomerGone = (ctx: TurnContext): boolean => ctx.activity.type === 'event' && ctx.activity.name === CUSTOMER_GONE_EVENT && ctx.turnState.get(HANDOFF_RELAYED) === true;

export class CareChatDialog extends ComponentDialog {
  private readonly hub: HubDialog;
  private readonly callbacks: CallbackOffer;

  constructor(private readonly deps: BotDeps) {
    super(ROOT_DIALOG);
    this.callbacks = new CallbackOffer(deps, deps.clock);
    this.hub = new HubDialog('hub', deps);
    this.addDialog(this.hub).addDialog(new IdentifyDialog('identify', deps)).addDialog(new ProcedureDialog('procedure', deps));
    this.initialDialogId = 'hub';
  }

  override async beginDialog(outer: DialogContext, options?: object): Promise<DialogTurnResult> {
    const result = await super.beginDialog(outer, options);
    await this.settleMisses(outer.context);
    return result;
  }

  override async continueDialog(outer: DialogContext): Promise<DialogTurnResult> {
    const result = await super.continueDialog(outer);
    await this.settleMisses(outer.context);
    return result;
  }

  /** A message the bot could use ends a run of misses. */
  private async settleMisses(ctx: TurnContext): Promise<void> {
    if (ctx.activity.type === 'message' && !ctx.turnState.get(MISSED)) (await getSession(this.deps, ctx)).misses = 0;
  }

  protected override async onBeginDialog(dc: DialogContext, options?: object): Promise<DialogTurnResult> {
    if (customerLeft(dc.context.activity)) return this.ended(dc);
    if (isCustomerGone(dc.context)) return this.gone(dc);
    const s = await this.prepare(dc.context);
    if (await this.attachmentRefused(dc, s, false)) return Dialog.EndOfTurn;
    if (s.mode !== 'bot') return this.handoffTurn(dc, s);
    const a = dc.context.activity;
    if (a.type === 'message' && !s.expectingSecret && (await readText(this.deps, a.text ?? '', s.locale, { commandsOnly: true })).command === 'agent') {
      s.greeted = true;
      await dc.beginDialog('hub', { quiet: true });
      await escalate(this.deps, dc.context, 'chat: customer asked for an agent');
      return Dialog.EndOfTurn;
    }
    return super.onBeginDialog(dc, options);
  }

  protected override async onContinueDialog(dc: DialogContext): Promise<DialogTurnResult> {
    if (customerLeft(dc.context.activity)) return this.ended(dc);
    if (isCustomerGone(dc.context)) return this.gone(dc);
    // The chat was ended (closed, or the customer was gone from the queue) and they write again: a fresh start, answered at once.
    if (!dc.activeDialog) return this.onBeginDialog(dc);
    const s = await this.prepare(dc.context);
    if (await this.attachmentRefused(dc, s, true)) return Dialog.EndOfTurn;
    if (s.mode !== 'bot' || dc.context.activity.type === 'event') return this.handoffTurn(dc, s);
    const a = dc.context.activity;
    const tapped = a.value as { field?: string; value?: string } | undefined;
    const commandValue = tapped?.field === 'command' ? 'agent' : null;
    const command = commandValue ?? (a.type === 'message' && !s.expectingSecret ? (await readText(this.deps, a.text ?? '', s.locale, { commandsOnly: true })).command : null);
    const active = dc.activeDialog?.id;
    const busy = active === 'procedure' || active === 'identify';
    if (tapped?.field === 'command' && tapped.value === 'leave-queue') {
      // A "Back to the assistant" tapped again after leaving the line: already back, nothing to do.
      if (busy) await dc.repromptDialog();
      else await this.hub.menu(dc, s, 'menu');
      return Dialog.EndOfTurn;
    }
    switch (command) {
      case 'help':
        await say(this.deps, dc.context, busy ? 'help.step' : 'help');
        if (busy) await dc.repromptDialog();
        else await this.hub.menu(dc, s, 'menu');
        return Dialog.EndOfTurn;
      case 'cancel':
        if (!busy) {
          await say(this.deps, dc.context, 'nothing-to-cancel');
          await this.hub.menu(dc, s, 'menu');
          return Dialog.EndOfTurn;
        }
        await this.restart(dc, s);
        await say(this.deps, dc.context, 'cancelled');
        await this.hub.menu(dc, s, 'anything-else');
        return Dialog.EndOfTurn;
      case 'start-over': {
        const name = active === 'procedure' ? ((dc.activeDialog?.state as { name?: ProcedureName }).name ?? undefined) : undefined;
        await this.restart(dc, s);
        if (name) return dc.beginDialog('hub', { start: name });
        await this.hub.menu(dc, s, 'menu');
        return Dialog.EndOfTurn;
      }
      case 'resume':
        // Inside a procedure "resume" takes up the draft left elsewhere (the hub handles it otherwise).
        if (active !== 'procedure' || s.actor.verification === 'none') return super.onContinueDialog(dc);
        if (!(await this.deps.care.procedures.resumable(s.actor).catch(() => null))) {
          await say(this.deps, dc.context, 'resume.none');
          await dc.repromptDialog();
          return Dialog.EndOfTurn;
        }
        await this.restart(dc, s);
        return dc.beginDialog('procedure', { resume: true });
      case 'agent': {
        const procedure = active === 'procedure' ? (dc.activeDialog?.state as { name?: ProcedureName }).name : undefined;
        await this.restart(dc, s);
        await escalate(this.deps, dc.context, 'chat: customer asked for an agent', procedure);
        return Dialog.EndOfTurn;
      }
      default:
        return super.onContinueDialog(dc);
    }
  }

  /** Empties the stack down to a quiet hub (state kept, nothing said). */
  private async restart(dc: DialogContext, s: ChatSession): Promise<void> {
    s.expectingSecret = false;
    await dc.cancelAllDialogs();
    await dc.beginDialog('hub', { quiet: true });
  }

  /** While queued for or talking with a CSR, and the relay's events. */
  private async handoffTurn(dc: DialogContext, s: ChatSession): Promise<DialogTurnResult> {
    const a = dc.context.activity;
    if (a.type === 'event') {
      // Only the server's relay speaks for a CSR; any other event is ignored.
      if (dc.context.turnState.get(HANDOFF_RELAYED) !== true) return Dialog.EndOfTurn;
      const ev = { name: a.name, value: a.value } as HandoffEvent;
      const conversationId = a.conversation.id;
      const here = { conversationId, interactionId: s.interactionId, escalationId: s.escalationId };
      // A CSR acts only in a conversation waiting for or talking with a person (not after hand-back or end).
      if (s.mode === 'bot') return Dialog.EndOfTurn;
      if (ev.name === 'handoff.join' || (ev.name === 'handoff.say' && s.mode === 'waiting')) {
        // Joining twice says nothing new; a first message joins implicitly.
        if (s.mode !== 'agent' || s.agentName !== ev.value.name) {
          s.mode = 'agent';
          s.callback = undefined;
          s.agentName = ev.value.name;
          await say(this.deps, dc.context, 'handoff.joined', { agent: ev.value.name });
        }
      }
      if (ev.name === 'handoff.say') {
        // The adapter stamps the bot as sender; the CSR is named in the text and in channelData.
        await dc.context.sendActivity({ type: 'message', text: `${ev.value.name}: ${ev.value.text}`, channelData: { csr: { csrId: ev.value.csrId, name: ev.value.name } } } as Partial<Activity>);
        this.record(s, 'csr', ev.value.text);
        void this.deps.relay.csrSaid({ ...here, agent: ev.value, text: ev.value.text });
      } else if (ev.name === 'handoff.end') {
        await say(this.deps, dc.context, 'handoff.ended', { agent: ev.value.name });
        if (s.interactionId) await this.deps.transcripts.flush(s.interactionId);
        await this.chatOver(s, 'csr-ended');
        void this.deps.relay.conversationEnded({ ...here, reason: 'csr-ended' });
        // The next message from the customer is a new contact with the assistant (the wrap-up closes this one).
        s.mode = 'bot';
        s.escalationId = undefined;
        s.interactionId = undefined;
        s.agentName = undefined;
        s.greeted = false;
        await dc.cancelAllDialogs();
      } else if (ev.name === 'handoff.back') {
        await this.chatOver(s, 'handed-back');
        void this.deps.relay.conversationEnded({ ...here, reason: 'handed-back' });
        s.mode = 'bot';
        s.agentName = undefined;
        s.escalationId = undefined;
        // The escalated interaction is the CSR's now; what follows is a new contact on the same chat.
        s.interactionId = (await this.deps.care.interactions.start(s.actor, { channel: 'chat', channelRef: a.conversation?.id })).id;
        await say(this.deps, dc.context, 'handoff.back');
        if (dc.activeDialog === undefined) await dc.beginDialog('hub', { quiet: true });
      }
      return Dialog.EndOfTurn;
    }
    if (a.type === 'message' && s.mode === 'waiting' && s.escalationId && s.callback) {
      // Answers about the callback are for the bot, not for the CSR.
      if ((await this.callbacks.answer(dc.context, s, s.escalationId)) === 'booked') return this.leftAsCallback(dc, s);
      return Dialog.EndOfTurn;
    }
    if (a.type === 'message' && s.mode === 'waiting' && this.wantsToLeaveQueue(a, s)) return this.leaveQueue(dc, s);
    if (a.type === 'message' && s.mode === 'waiting' && s.escalationId && this.callbacks.wanted(a, s)) {
      await this.callbacks.start(dc.context, s);
      return Dialog.EndOfTurn;
    }
    if (a.type === 'message' && s.mode !== 'bot') {
      void this.deps.relay.customerSaid({ conversationId: a.conversation.id, interactionId: s.interactionId, escalationId: s.escalationId, text: a.text ?? '', at: new Date().toISOString() });
      if (s.mode === 'waiting' && s.escalationId) {
        const position = await this.deps.care.escalations.position(s.escalationId).catch(() => 1);
        const buttons = [callbackButton(this.deps, s.locale), button(this.deps.wording.msg('handoff.leave', s.locale), { field: 'command', value: 'leave-queue' })];
        await dc.context.sendActivity(MessageFactory.suggestedActions(buttons, this.deps.wording.msg('handoff.still-waiting', s.locale, { position })));
      }
    }
    if (s.mode === 'bot' && dc.activeDialog === undefined) return dc.beginDialog('hub', { quiet: true });
    return Dialog.EndOfTurn;
  }

  /** While waiting for a CSR: "menu", "cancel", "start over" or the button take the customer back to the bot. */
  private wantsToLeaveQueue(a: Activity, s: ChatSession): boolean {
    const v = a.value as { field?: string; value?: string } | undefined;
    if (v?.field === 'command') return v.value === 'leave-queue';
    const u = this.deps.understanding;
    const text = a.text ?? '';
    return u.is('leave-queue', text, s.locale) || u.is('cancel', text, s.locale) || u.is('start-over', text, s.locale);
  }

  /** Out of the queue (the escalation is withdrawn) and back to the bot, on a new contact. */
  private async leaveQueue(dc: DialogContext, s: ChatSession): Promise<DialogTurnResult> {
    if (s.escalationId) {
      // Taken by a CSR who has not joined yet: they hear that the customer left.
      await this.chatOver(s, 'customer-left');
      void this.deps.relay.conversationEnded({ conversationId: dc.context.activity.conversation.id, interactionId: s.interactionId, escalationId: s.escalationId, reason: 'customer-left' });
      await this.deps.care.escalations.abandon(s.escalationId, 'left-queue').catch((err: unknown) => this.deps.logger.warn({ err, escalationId: s.escalationId }, 'chat: could not take the escalation out of the queue'));
    }
    s.mode = 'bot';
    s.escalationId = undefined;
    s.interactionId = (await this.deps.care.interactions.start(s.actor, { channel: 'chat', channelRef: dc.context.activity.conversation?.id })).id;
    await say(this.deps, dc.context, 'handoff.left');
    await this.restart(dc, s);
    await this.hub.menu(dc, s, 'menu');
    return Dialog.EndOfTurn;
  }

  /** A callback was booked: the escalation waits as a callback item; this chat is a new contact with the assistant. */
  private async leftAsCallback(dc: DialogContext, s: ChatSession): Promise<DialogTurnResult> {
    if (s.interactionId) await this.deps.transcripts.flush(s.interactionId);
    s.mode = 'bot';
    s.escalationId = undefined;
    s.interactionId = (await this.deps.care.interactions.start(s.actor, { channel: 'chat', channelRef: dc.context.activity.conversation?.id })).id;
    await this.restart(dc, s);
    return Dialog.EndOfTurn;
  }

  /**
   * The server found the customer gone while queued (no stream, poll or post for the grace, see
   * left-chats) and took the escalation out of the queue: the contact ends as when they close the
   * chat, if this conversation is still waiting on that escalation (else nothing happens).
   */
  private async gone(dc: DialogContext): Promise<DialogTurnResult> {
    const s = await getSession(this.deps, dc.context);
    const { escalationId } = (dc.context.activity.value ?? {}) as { escalationId?: unknown };
    if (s.mode !== 'waiting' || !s.escalationId || s.escalationId !== escalationId) return Dialog.EndOfTurn;
    return this.ended(dc);
  }

  /** The chat was closed: out of the queue, and the contact ends (an unfinished draft stays resumable). */
  private async ended(dc: DialogContext): Promise<DialogTurnResult> {
    const s = await getSession(this.deps, dc.context);
    const { care, logger } = this.deps;
    if (s.mode !== 'bot' && s.escalationId) {
      // A CSR may have taken it (joined or not yet): their chat stream hears that the customer is gone.
      await this.chatOver(s, 'customer-left');
      void this.deps.relay.conversationEnded({ conversationId: dc.context.activity.conversation.id, interactionId: s.interactionId, escalationId: s.escalationId, reason: 'customer-left' });
    }
    try {
      if (s.escalationId && s.mode === 'waiting') await care.escalations.abandon(s.escalationId, 'chat-ended');
      if (s.interactionId) {
        const i = await care.interactions.get(s.interactionId);
        const draft = i.procedure?.status === 'open' && !i.procedure.closed;
        await this.deps.transcripts.flush(s.interactionId);
        await care.interactions.end(s.interactionId, { status: draft ? 'abandoned' : 'completed', outcome: draft ? `abandoned:${i.procedure?.name}` : 'chat-ended' });
      }
    } catch (err) {
      logger.warn({ err, interactionId: s.interactionId }, 'chat: could not close the ended conversation');
    }
    s.mode = 'bot';
    s.escalationId = undefined;
    s.interactionId = undefined;
    s.callback = undefined;
    s.greeted = false;
    await dc.cancelAllDialogs();
    return Dialog.EndOfTurn;
  }

  /** Files cannot be used here: say so (the client is never left waiting) and ask the question again. */
  private async attachmentRefused(dc: DialogContext, s: ChatSession, reprompt: boolean): Promise<boolean> {
    const a = dc.context.activity;
    if (ATTACHMENTS_SUPPORTED || a.type !== 'message' || !a.attachments?.length) return false;
    await say(this.deps, dc.context, 'attachments.unsupported');
    if (s.mode === 'bot' && reprompt && dc.activeDialog && dc.activeDialog.id !== 'hub') await dc.repromptDialog();
    return true;
  }

  /** Once per turn: session, locale, portal binding, interaction record and transcript hooks. */
  private async prepare(ctx: TurnContext): Promise<ChatSession> {
    const s = await getSession(this.deps, ctx);
    if (ctx.turnState.get(PREPARED)) return s;
    ctx.turnState.set(PREPARED, true);
    const a = ctx.activity;
    // The conversation's language: what the customer first wrote in, else the client's locale.
    if (a.type === 'message' && !s.greeted && !s.writtenIn && !s.expectingSecret && a.text) {
      const written = await this.deps.language.guessLocale(a.text);
      if (written) s.writtenIn = written;
    }
    s.locale = s.writtenIn ?? (a.locale ? toLocale(a.locale) : s.locale);
    const binding = ctx.turnState.get(TOKEN_BINDING) as ActorBinding | undefined;
    const fromPortal = binding && s.actor.verification === 'none';
    if (fromPortal) s.actor = { kind: 'customer', channel: 'chat', verification: binding.verification, customerId: binding.customerId };
    if (!s.interactionId) {
      const interaction = await this.deps.care.interactions.start(s.actor, { channel: 'chat', channelRef: a.conversation?.id });
      s.interactionId = interaction.id;
    }
    if (fromPortal) {
      await this.deps.care.interactions.attach(s.interactionId, s.actor);
      const profile = await this.deps.care.customers.profile(s.actor).catch(() => null);
      s.firstName = profile?.firstName;
      await ctx.sendActivity(this.deps.wording.msg('identify.portal', s.locale));
    }
    if (a.type === 'message') this.record(s, 'customer', s.expectingSecret ? '[secret withheld]' : (a.text ?? ''));
    ctx.onSendActivities(async (_c, activities, next) => {
      for (const out of activities) if (out.type === 'message' && out.text && !(out.channelData as { csr?: unknown } | undefined)?.csr) this.record(s, 'system', out.text);
      return next();
    });
    return s;
  }

  /** Noted on the escalated interaction: the CSR can no longer act in this chat (the chat desk checks). */
  private async chatOver(s: ChatSession, reason: 'csr-ended' | 'handed-back' | 'customer-left'): Promise<void> {
    if (!s.interactionId || !s.escalationId) return;
    await this.deps.care.interactions.note(s.interactionId, { name: CHAT_OVER_STEP, detail: { escalationId: s.escalationId, reason } }).catch((err: unknown) => this.deps.logger.warn({ err, interactionId: s.interactionId }, 'chat: could not note the end of the CSR\'s part'));
  }

  private record(s: ChatSession, from: 'customer' | 'system' | 'csr', text: string): void {
    if (s.interactionId) this.deps.transcripts.record(s.interactionId, { from, text });
  }
}
