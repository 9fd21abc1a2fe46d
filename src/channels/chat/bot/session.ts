/** What the bot keeps per conversation besides dialog state (in ConversationState, so in Redis when configured). */
import type { TurnContext, StatePropertyAccessor } from 'botbuilder';
import { anonymous, type Actor } from '../../../domain/shared/actor';
import type { Care } from '../../../domain/care';
import type { Logger } from '../../../shared/logger';
import type { Locale } from '../dialogs-data/schema';
import type { Wording } from '../render/wording';
import type { StepView } from '../render/step-view';
import type { Understanding } from './understanding';
import type { TranscriptQueue } from './transcript-queue';
import type { HandoffRelay } from '../handoff/handoff-relay';

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
  /** A next-best offer was shown and not answered yet. */
  offerPending?: boolean;
}

export const newSession = (locale: Locale): ChatSession => ({ actor: anonymous('chat'), locale, mode: 'bot' });

export interface BotDeps {
  care: Care;
  wording: Wording;
  view: StepView;
  understanding: Understanding;
  session: StatePropertyAccessor<ChatSession>;
  transcripts: TranscriptQueue;
  relay: HandoffRelay;
  logger: Pick<Logger, 'warn' | 'error' | 'debug'>;
}

export async function getSession(deps: BotDeps, ctx: TurnContext): Promise<ChatSession> {
  return deps.session.get(ctx, newSession('en'));
}

/** Sends a message by key in the session's locale. */
export async function say(deps: BotDeps, ctx: TurnContext, key: string, params: Record<string, string | number | null> = {}): Promise<void> {
  const s = await getSession(deps, ctx);
  await ctx.sendActivity(deps.wording.msg(key, s.locale, params));
}
