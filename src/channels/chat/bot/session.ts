/** What the bot keeps per conversation besides dialog state (in ConversationState, so in Redis when configured). */
import type { Activity, TurnContext, StatePropertyAccessor } from 'botbuilder';
import { button } from '../render/step-view';
import { anonymous, type Actor } from '../../../domain/shared/actor';
import type { Care } from '../../../domain/care';
import type { ProductFamily } from '../../../domain/catalog/catalog-schema';
import type { Logger } from '../../../shared/logger';
import type { Locale } from '../dialogs-data/schema';
import type { Wording } from '../render/wording';
import type { StepView } from '../render/step-view';
import type { Understanding } from './understanding';
import type { CatalogText } from '../../../domain/catalog/catalog-text';
import type { LanguageUnderstanding } from '../../../domain/understanding/language-understanding';
import type { TranscriptQueue } from './transcript-queue';
import type { HandoffRelay } from '../handoff/handoff-relay';
import type { Clock } from '../../../domain/shared/ports';
import type { CallbackDraft } from './callback-offer';

export interface ChatSession {
  actor: Actor;
  firstName?: string;
  locale: Locale;
  interactionId?: string;
  /** bot: the assistant answers; waiting: queued for a CSR; agent: a CSR is relaying. */
  mode: 'bot' | 'waiting' | 'agent';
  escalationId?: string;
  agentName?: string;
  /** The next customer message is a PIN or code: kept out of the transcript. */
  expectingSecret?: boolean;
  greeted?: boolean;
  /** Messages in a row the bot could not use (blank, no intent, not an option). */
  misses?: number;
  /** A next-best offer was shown and not answered yet. */
  offerPending?: boolean;
  /** The product family a repair message named ("my TV"), kept across verification until the repair starts. */
  repairFamily?: ProductFamily;
  /** Leaving a number to be called back while queued (callback-offer.ts). */
  callback?: CallbackDraft;
  /** The language the customer's first message was written in (it outranks the client's locale). */
  writtenIn?: Locale;
}

export const newSession = (locale: Locale): ChatSession => ({ actor: anonymous('chat'), locale, mode: 'bot' });

export interface BotDeps {
  care: Care;
  wording: Wording;
  view: StepView;
  understanding: Understanding;
  /** Intents and answers in free text (the classifier shared with voice). */
  language: LanguageUnderstanding;
  /** The operator's time zone (dates said are read in it). */
  timeZone: string;
  now(): Date;
  /** Catalog and rule text (offers, pitches) in the customer's language. */
  catalogText?: CatalogText;
  session: StatePropertyAccessor<ChatSession>;
  transcripts: TranscriptQueue;
  relay: HandoffRelay;
  logger: Pick<Logger, 'warn' | 'error' | 'debug'>;
  /** Misses in a row before a person is offered: the IVR flow's settings.gather.retries, so both channels agree. */
  missesBeforeAgent: number;
  /** The domain's clock: times the customer types ("tomorrow at 10") are read from its now. */
  clock: Clock;
}

/** turnState key: this turn's message could not be used (the miss count goes on instead of resetting). */
export const MISSED = Symbol('telecare.chat.missed');

/**
 * Counts a message the bot could not use; true once the count reaches missesBeforeAgent, when the
 * reply must offer a person (withAgentOffer). Any usable message resets the count (CareBot.run).
 */
export async function missed(deps: BotDeps, ctx: TurnContext): Promise<boolean> {
  const s = await getSession(deps, ctx);
  ctx.turnState.set(MISSED, true);
  s.misses = (s.misses ?? 0) + 1;
  if (s.misses < deps.missesBeforeAgent) return false;
  await ctx.sendActivity(deps.wording.msg('agent.offer', s.locale));
  return true;
}

/** Adds a "talk to a person" button to a reply's suggested actions. */
export function withAgentOffer(deps: BotDeps, activity: Partial<Activity>, locale: Locale): Partial<Activity> {
  const actions = [...(activity.suggestedActions?.actions ?? []), button(deps.wording.msg('agent.offer.button', locale), { field: 'command', value: 'agent' })];
  return { ...activity, suggestedActions: { to: [], actions } };
}

export async function getSession(deps: BotDeps, ctx: TurnContext): Promise<ChatSession> {
  return deps.session.get(ctx, newSession('en'));
}

/** Sends a message by key in the session's locale. */
export async function say(deps: BotDeps, ctx: TurnContext, key: string, params: Record<string, string | number | null> = {}): Promise<void> {
  const s = await getSession(deps, ctx);
  await ctx.sendActivity(deps.wording.msg(key, s.locale, params));
}
