/**
 * Identification and verification by chat: account number, then the PIN or a one-time code.
 * The secret never reaches the transcript (session.expectingSecret) nor a log line.
 */
import { Dialog, type DialogContext, type DialogTurnResult } from 'botbuilder-dialogs';
import { MessageFactory } from 'botbuilder';
import { isDomainError } from '../../../domain/shared/errors';
import type { Actor } from '../../../domain/shared/actor';
import type { ProcedureName } from '../../../domain/procedures/procedure';
import { button } from '../render/step-view';
import { getSession, missed, say, withAgentOffer, type BotDeps, type ChatSession } from './session';
import { CLIENT_SOURCE } from '../directline/directline-service';

export type AfterIdentify = ProcedureName | 'resume';
export interface IdentifyOptions {
  then?: AfterIdentify;
}
export interface IdentifyResult {
  verified: boolean;
  then?: AfterIdentify;
}
interface State {
  stage: 'account' | 'secret' | 'code';
  accountNumber?: string;
  then?: AfterIdentify;
}

const ACCOUNT = /^\d{6,12}$/;

/**
 * Whom verification attempts are counted against: the client's IP for our Direct Line (set by the
 * endpoint from the HTTP request), else the channel's user (a Bot Framework channel's relay has
 * one IP for everyone). Never the conversation: a fresh one would reset the count.
 */
export function chatSource(context: DialogContext['context']): string {
  const ip = context.turnState.get(CLIENT_SOURCE) as string | undefined;
  if (ip) return ip;
  return `${context.activity.channelId ?? 'chat'}:${context.activity.from?.id ?? 'unknown'}`;
}

export class IdentifyDialog extends Dialog<IdentifyOptions> {
  constructor(
    id: string,
    private readonly deps: BotDeps,
  ) {
    super(id);
  }

  override async beginDialog(dc: DialogContext, options?: IdentifyOptions): Promise<DialogTurnResult> {
    dc.activeDialog!.state = { stage: 'account', then: options?.then } satisfies State;
    await say(this.deps, dc.context, 'identify.needed');
    await say(this.deps, dc.context, 'identify.account');
    return Dialog.EndOfTurn;
  }

  override async repromptDialog(context: DialogContext['context'], instance: { state: State }): Promise<void> {
    const s = await getSession(this.deps, context);
    await this.ask(context, s, instance.state.stage);
  }

  override async continueDialog(dc: DialogContext): Promise<DialogTurnResult> {
    if (dc.context.activity.type !== 'message') return Dialog.EndOfTurn;
    const state = dc.activeDialog!.state as State;
    const s = await getSession(this.deps, dc.context);
    const text = (dc.context.activity.text ?? '').replace(/[\s-]/g, '');
    const ctx = { channel: 'chat' as const, source: chatSource(dc.context) };
    try {
      if (state.stage === 'account') {
        if (!ACCOUNT.test(text)) {
          const offer = await missed(this.deps, dc.context);
          const reply = MessageFactory.text(this.deps.wording.msg('identify.account-invalid', s.locale));
          await dc.context.sendActivity(offer ? withAgentOffer(this.deps, reply, s.locale) : reply);
          return Dialog.EndOfTurn;
        }
        state.accountNumber = text;
        state.stage = 'secret';
        await this.ask(dc.context, s, 'secret');
        return Dialog.EndOfTurn;
      }
      const raw = dc.context.activity.text ?? '';
      const value = dc.context.activity.value as { field?: string } | undefined;
      if (value?.field === 'send-code' || this.deps.understanding.wantsCode(raw, s.locale)) {
        await this.deps.care.verification.sendOneTimeCode({ accountNumber: state.accountNumber }, ctx);
        state.stage = 'code';
        s.expectingSecret = true;
        await say(this.deps, dc.context, 'identify.code-sent');
        return Dialog.EndOfTurn;
      }
      const actor =
        state.stage === 'code'
          ? await this.deps.care.verification.verifyOneTimeCode({ accountNumber: state.accountNumber, code: text }, ctx)
          : await this.deps.care.verification.verifyPin({ accountNumber: state.accountNumber, pin: text }, ctx);
      return this.verified(dc, s, actor, state.then);
    } catch (err) {
      return this.refused(dc, s, state, err);
    }
  }

  private async verified(dc: DialogContext, s: ChatSession, actor: Actor, then?: AfterIdentify): Promise<DialogTurnResult> {
    s.actor = actor;
    s.expectingSecret = false;
    if (s.interactionId) await this.deps.care.interactions.attach(s.interactionId, actor);
    const profile = await this.deps.care.customers.profile(actor).catch(() => null);
    s.firstName = profile?.firstName;
    await say(this.deps, dc.context, 'identify.ok', { firstName: s.firstName ?? '' });
    // Decisions taken on their requests since the last contact (a supervisor's approval or rejection).
    for (const n of await this.deps.care.billing.decisionNotices(actor).catch(() => [])) {
      await say(this.deps, dc.context, `decision.${n.kind}.${n.decision}`, { amount: n.amount ? this.deps.wording.value(n.amount, s.locale) : '', toDate: n.toDate ? this.deps.wording.value(n.toDate, s.locale) : '', note: n.note ?? '' });
    }
    return dc.endDialog({ verified: true, then } satisfies IdentifyResult);
  }

  private async refused(dc: DialogContext, s: ChatSession, state: State, err: unknown): Promise<DialogTurnResult> {
    if (!isDomainError(err)) throw err;
    switch (err.code) {
      case 'VERIFICATION_FAILED':
      case 'UNKNOWN_CUSTOMER': {
        const left = Number(err.details.remainingAttempts ?? 0);
        if (left > 0) {
          await say(this.deps, dc.context, 'identify.failed', { triesLeft: left });
          await this.ask(dc.context, s, state.stage);
          return Dialog.EndOfTurn;
        }
        s.expectingSecret = false;
        state.stage = 'account';
        await say(this.deps, dc.context, 'identify.failed-last');
        await say(this.deps, dc.context, 'identify.account');
        return Dialog.EndOfTurn;
      }
      case 'CODE_EXPIRED':
        state.stage = 'secret';
        await say(this.deps, dc.context, 'identify.code-expired');
        await this.ask(dc.context, s, 'secret');
        return Dialog.EndOfTurn;
      case 'THROTTLED':
        if (err.details.limit !== 'code-sends') return this.stop(dc, s, 'identify.throttled');
        await say(this.deps, dc.context, 'identify.code-limit', { minutes: Math.max(1, Math.ceil(Number(err.details.retryAfterSec ?? 60) / 60)) });
        state.stage = 'secret';
        await this.ask(dc.context, s, 'secret');
        return Dialog.EndOfTurn;
      case 'ACCOUNT_LOCKED':
        return this.stop(dc, s, 'identify.locked');
      default:
        throw err;
    }
  }

  /** Verification can't go on here: say why, offer an agent, end the dialog. */
  private async stop(dc: DialogContext, s: ChatSession, key: 'identify.locked' | 'identify.throttled'): Promise<DialogTurnResult> {
    s.expectingSecret = false;
    await dc.context.sendActivity(MessageFactory.suggestedActions([button('Agent', { field: 'command', value: 'agent' })], this.deps.wording.msg(key, s.locale)));
    return dc.endDialog({ verified: false } satisfies IdentifyResult);
  }

  private async ask(context: DialogContext['context'], s: ChatSession, stage: State['stage']): Promise<void> {
    if (stage === 'account') {
      s.expectingSecret = false;
      await say(this.deps, context, 'identify.account');
      return;
    }
    s.expectingSecret = true;
    if (stage === 'code') return say(this.deps, context, 'identify.code');
    await context.sendActivity(MessageFactory.suggestedActions([button(this.deps.wording.msg('identify.send-code', s.locale), { field: 'send-code', value: true })], this.deps.wording.msg('identify.secret', s.locale)));
  }
}
