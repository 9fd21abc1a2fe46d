/**
 * "Call me back instead" while queued for a CSR: the customer leaves a number (read as the domain
 * reads phone numbers), says when (now, or a time within the booking horizon), confirms, and the
 * escalation becomes a callback item (the same one a caller's "press 1" makes). The chat then
 * leaves the line: the next message is a new contact with the assistant.
 */
import { MessageFactory, type Activity, type TurnContext } from 'botbuilder';
import * as chrono from 'chrono-node';
import { toE164 } from '../../../domain/customers/phone';
import { CALLBACK_HORIZON_DAYS } from '../../../domain/escalation/escalation';
import type { Clock } from '../../../domain/shared/ports';
import { isDomainError } from '../../../domain/shared/errors';
import type { Locale } from '../dialogs-data/schema';
import { button } from '../render/step-view';
import type { BotDeps, ChatSession } from './session';
import { normalize } from './understanding';

/** Where the customer is in leaving a number (kept in the chat session). */
export interface CallbackDraft {
  stage: 'number' | 'when' | 'confirm';
  number?: string;
  /** ISO; absent: as soon as a CSR is free. */
  at?: string;
  /** The customer's IANA time zone (Web Chat's localTimezone), for reading and saying times. */
  timeZone?: string;
}

export const CALLBACK_COMMAND = 'callback';
const WHEN_NOW = 'now';

/** The button that starts it, shown with "still in line". */
export const callbackButton = (deps: BotDeps, locale: Locale) => button(deps.wording.msg('handoff.callback', locale), { field: 'command', value: CALLBACK_COMMAND });

const validZone = (tz: string | undefined): string | undefined => {
  if (!tz) return undefined;
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: tz });
    return tz;
  } catch {
    return undefined;
  }
};

/** Minutes east of UTC of `timeZone` at `at` (chrono reads "10am" in the customer's zone). */
function offsetMinutes(timeZone: string, at: Date): number {
  const name = new Intl.DateTimeFormat('en-US', { timeZone, timeZoneName: 'longOffset' }).formatToParts(at).find((p) => p.type === 'timeZoneName')?.value ?? 'GMT';
  const m = /GMT([+-])(\d{2}):(\d{2})/.exec(name);
  return m ? (m[1] === '-' ? -1 : 1) * (Number(m[2]) * 60 + Number(m[3])) : 0;
}

/** A number as the customer would write it: North American ones as (217) 555-0142, others in E.164. */
export const sayNumber = (e164: string): string => {
  const m = /^\+1(\d{3})(\d{3})(\d{4})$/.exec(e164);
  return m ? `(${m[1]}) ${m[2]}-${m[3]}` : e164;
};

/** "Fri, Nov 20, 4:00 PM CST" in the customer's zone (UTC when it is not known). */
export function sayTime(iso: string, locale: Locale, timeZone = 'UTC'): string {
  return new Date(iso).toLocaleString(locale === 'es' ? 'es-US' : 'en-US', { weekday: 'short', month: 'short', day: 'numeric', hour: 'numeric', minute: '2-digit', timeZone, timeZoneName: 'short' });
}

/** A time in the customer's words, forward from now; null when none is found. */
export function readTime(text: string, locale: Locale, now: Date, timeZone = 'UTC'): Date | null {
  const parser = locale === 'es' ? chrono.es : chrono.en;
  return parser.parseDate(text.slice(0, 200), { instant: now, timezone: offsetMinutes(timeZone, now) }, { forwardDate: true });
}

export class CallbackOffer {
  constructor(private readonly deps: BotDeps, private readonly clock: Clock) {}

  /** Does this message ask for a callback (the button, or words such as "call me back")? */
  wanted(a: Partial<Activity>, s: ChatSession): boolean {
    const v = a.value as { field?: string; value?: string } | undefined;
    if (v?.field === 'command') return v.value === CALLBACK_COMMAND;
    return this.deps.understanding.is('callback', a.text ?? '', s.locale);
  }

  async start(ctx: TurnContext, s: ChatSession): Promise<void> {
    s.callback = { stage: 'number', ...(validZone(ctx.activity.localTimezone) ? { timeZone: ctx.activity.localTimezone } : {}) };
    await ctx.sendActivity(this.msg(s, 'callback.ask-number'));
  }

  /**
   * One answer while leaving a number. Returns 'booked' when the callback is booked (the caller
   * takes the chat out of the line), 'kept' when the customer stays in line, else 'asking'.
   */
  async answer(ctx: TurnContext, s: ChatSession, escalationId: string): Promise<'booked' | 'kept' | 'asking'> {
    const draft = s.callback as CallbackDraft;
    const a = ctx.activity;
    const text = a.text ?? '';
    const u = this.deps.understanding;
    if (u.is('cancel', text, s.locale)) return this.keep(ctx, s, escalationId);
    if (draft.stage === 'number') {
      const number = toE164(text);
      if (!number) {
        await ctx.sendActivity(this.msg(s, 'callback.number-invalid'));
        return 'asking';
      }
      draft.number = number;
      draft.stage = 'when';
      await this.askWhen(ctx, s, 'callback.ask-when');
      return 'asking';
    }
    if (draft.stage === 'when') {
      const v = a.value as { field?: string; value?: string } | undefined;
      const now = this.clock.now();
      const tapped = (v?.field === 'callback-when' && v.value === WHEN_NOW) || normalize(text) === normalize(this.deps.wording.msg('callback.now', s.locale));
      const at = tapped ? null : readTime(text, s.locale, now, draft.timeZone);
      // A time already gone ("today at 1pm" at 3pm) is asked again rather than read as "now".
      if (!tapped && (!at || at.getTime() <= now.getTime())) {
        await this.askWhen(ctx, s, 'callback.when-invalid');
        return 'asking';
      }
      if (at && at.getTime() > now.getTime() + CALLBACK_HORIZON_DAYS * 86_400_000) {
        await this.askWhen(ctx, s, 'callback.when-too-far');
        return 'asking';
      }
      if (at) draft.at = at.toISOString();
      else delete draft.at;
      draft.stage = 'confirm';
      await this.askConfirm(ctx, s);
      return 'asking';
    }
    const yes = u.yesNo(text, s.locale);
    if (yes === false) return this.keep(ctx, s, escalationId);
    if (yes === null) {
      await this.askConfirm(ctx, s);
      return 'asking';
    }
    try {
      const booked = await this.deps.care.escalations.requestCallback(escalationId, { number: draft.number as string, ...(draft.at ? { at: draft.at } : {}) });
      const at = booked.callback?.at;
      s.callback = undefined;
      const number = sayNumber(booked.callback?.number ?? draft.number ?? '');
      if (at) {
        await ctx.sendActivity(this.msg(s, 'callback.booked-at', { number, at: sayTime(at, s.locale, draft.timeZone) }));
        return 'booked';
      }
      // "As soon as possible" with the queue's own estimate when it has recent handling to go by.
      const waitSec = await this.deps.care.escalations.estimatedWaitSec(escalationId).catch(() => undefined);
      const minutes = waitSec === undefined ? undefined : Math.max(1, Math.ceil(waitSec / 60));
      await ctx.sendActivity(this.msg(s, minutes === undefined ? 'callback.booked-now' : 'callback.booked-now-wait', { number, ...(minutes === undefined ? {} : { minutes }) }));
      return 'booked';
    } catch (err) {
      if (!isDomainError(err)) this.deps.logger.error({ err, escalationId }, 'chat: the callback could not be booked');
      s.callback = undefined;
      await ctx.sendActivity(this.msg(s, 'callback.failed'));
      return 'kept';
    }
  }

  private async keep(ctx: TurnContext, s: ChatSession, escalationId: string): Promise<'kept'> {
    s.callback = undefined;
    const position = await this.deps.care.escalations.position(escalationId).catch(() => 1);
    const buttons = [callbackButton(this.deps, s.locale), button(this.deps.wording.msg('handoff.leave', s.locale), { field: 'command', value: 'leave-queue' })];
    await ctx.sendActivity(MessageFactory.suggestedActions(buttons, this.deps.wording.msg('callback.kept', s.locale, { position })));
    return 'kept';
  }

  private async askWhen(ctx: TurnContext, s: ChatSession, key: string): Promise<void> {
    const now = button(this.deps.wording.msg('callback.now', s.locale), { field: 'callback-when', value: WHEN_NOW });
    await ctx.sendActivity(MessageFactory.suggestedActions([now], this.msg(s, key, { number: sayNumber(s.callback?.number ?? ''), days: CALLBACK_HORIZON_DAYS }).text));
  }

  private async askConfirm(ctx: TurnContext, s: ChatSession): Promise<void> {
    const d = s.callback as CallbackDraft;
    const w = this.deps.wording;
    const text = this.msg(s, d.at ? 'callback.confirm-at' : 'callback.confirm-now', { number: sayNumber(d.number ?? ''), ...(d.at ? { at: sayTime(d.at, s.locale, d.timeZone) } : {}) }).text;
    await ctx.sendActivity(MessageFactory.suggestedActions([button(w.msg('yes', s.locale), { field: 'confirm', value: 'yes' }), button(w.msg('no', s.locale), { field: 'confirm', value: 'no' })], text));
  }

  private msg(s: ChatSession, key: string, params: Record<string, string | number> = {}): Partial<Activity> {
    return MessageFactory.text(this.deps.wording.msg(key, s.locale, params));
  }
}
