/**
 * The chat channel, assembled: the bot, our Direct Line 3.0 endpoint (HTTP + WebSocket) with the
 * bot in-process, /api/messages through CloudAdapter, the demo page, and the handoff relay for
 * the CSR console. State (botbuilder Storage, Direct Line store, lock) is injected.
 */
import type { Server } from 'node:http';
import { randomBytes } from 'node:crypto';
import express from 'express';
import type { Storage } from 'botbuilder';
import { wasGiven, type Config } from '../../config/config';
import type { Care } from '../../domain/care';
import type { RateLimit } from '../../domain/shared/ports';
import type { EventPort } from '../../domain/events/care-events';
import type { CatalogText } from '../../domain/catalog/catalog-text';
import type { LanguageUnderstanding } from '../../domain/understanding/language-understanding';
import { systemClock, type Clock } from '../../domain/shared/ports';
import type { Logger } from '../../shared/logger';
import { createTokenSigner } from '../../shared/tokens';
import { createPortalSessions, type PortalSession } from '../../shared/portal-sessions';
import { CareBot } from './bot/care-bot';
import { loadChatDialogs, type ChatDialogs } from './dialogs-data/load-chat-dialogs';
import { DirectLineService } from './directline/directline-service';
import { directLinePostEarly, directLineRouter, DIRECTLINE_PATH } from './directline/directline-router';
import { DirectLineStream } from './directline/directline-stream';
import { DirectLineTokens } from './directline/tokens';
import type { ConversationLock, DirectLineStore } from './directline/ports';
import { HandoffRelay } from './handoff/handoff-relay';
import { botFrameworkRoute, createCloudAdapter } from './messages/bot-framework-route';
import { chatTokenFor, demoRouter, type ChatToken } from './demo/demo-page';
import { CUSTOMER_GONE_EVENT, sweepLeftChats } from './directline/left-chats';
import { startRepeating } from '../../domain/shared/repeating';

/**
 * How often each web process marks its open streams' customers as seen and checks the queued chats
 * for customers who left: every 15 s, or a quarter of the grace when that is shorter (a socket open
 * on another process is always seen well within the grace).
 */
export const leftChatsSweepMs = (graceMs: number): number => Math.max(1000, Math.min(15_000, Math.floor(graceMs / 4)));

export interface ChatChannelDeps {
  care: Care;
  config: Config;
  logger: Logger;
  state: { storage: Storage; directLine: DirectLineStore; lock: ConversationLock; close?(): Promise<void> };
  /** Already loaded chat-dialogs (tests); default: loaded from config.chatDialogsDir. */
  dialogs?: ChatDialogs;
  /** The live portal session a token stands for (default: verified with config.sessionSecret, audience 'portal', and care.sessions). */
  portalSession?: (token: string) => Promise<PortalSession | null>;
  /** The clock tokens are issued and checked by (the portal's). */
  clock?: Clock;
  /** Per-source (client IP) budgets; absent = unlimited (tests). */
  limits?: { chatTokens?: RateLimit; directLineConversations?: RateLimit; directLineActivities?: RateLimit };
  /** Misses in a row before a person is offered: the IVR flow's settings.gather.retries (one number for both channels). */
  missesBeforeAgent: number;
  /** Intents and step answers in free text (the classifier shared with voice). */
  language: LanguageUnderstanding;
  /** The operator's time zone (the IVR flow's settings.timeZone): dates said are read in it. */
  timeZone: string;
  /** Catalog content in the customer's language. */
  catalogText?: CatalogText;
  /** The event port: Direct Line streams hear other processes' activities, the console hears the customer. */
  events?: EventPort;
}

/** DIRECTLINE_SECRET, or outside production a random one for this process (token generation is then for nobody). */
const directLineSecret = (config: Config): string | undefined => config.directLineSecret ?? (config.env === 'production' ? undefined : randomBytes(32).toString('base64url'));

export interface ChatChannel {
  router: express.Router;
  /** The Direct Line post served ahead of the app's routers (see directLinePostEarly). */
  early(common: readonly express.RequestHandler[]): express.RequestHandler;
  attachWebSocket(server: Server): void;
  relay: HandoffRelay;
  bot: CareBot;
  directLine: DirectLineService;
  tokens: DirectLineTokens;
  /** Open Direct Line streams are checked against their token and portal session (also on a timer). */
  stream: DirectLineStream;
  /**
   * The verified handover: a Direct Line token for a new conversation bound to this live portal
   * session (the bot greets the customer as verified and never asks for a PIN); null when the
   * session is no longer live.
   */
  verifiedToken(session: PortalSession): Promise<ChatToken | null>;
  /** One pass of the left-chats sweep, heartbeat first (it also runs every leftChatsSweepMs): ids of the escalations taken out of the queue. */
  sweepLeftChats(): Promise<string[]>;
  close(): Promise<void>;
}

/** How /api/messages is served: with Bot Framework authentication, anonymous (loopback serviceUrls only), or not at all. */
export type BotFrameworkMode = 'authenticated' | 'anonymous' | 'absent';

export function botFrameworkMode(config: Pick<Config, 'env' | 'microsoftAppId'>): BotFrameworkMode {
  if (config.microsoftAppId) return 'authenticated';
  return config.env === 'production' ? 'absent' : 'anonymous';
}

const BOT_FRAMEWORK_MODES: Record<BotFrameworkMode, string> = {
  authenticated: 'chat: /api/messages requires Bot Framework authentication (MICROSOFT_APP_ID)',
  anonymous: 'chat: /api/messages is unauthenticated (MICROSOFT_APP_ID unset): only loopback serviceUrls (the Emulator on this machine) are accepted',
  absent: 'chat: /api/messages is not mounted: production needs MICROSOFT_APP_ID and MICROSOFT_APP_PASSWORD for Azure Bot Service',
};

export function createChatChannel(deps: ChatChannelDeps): ChatChannel {
  const dialogs = deps.dialogs ?? loadChatDialogs(deps.config.chatDialogsDir);
  const logger = deps.logger.child({ channel: 'chat' });
  const relay = new HandoffRelay(deps.events);
  const clock = deps.clock ?? systemClock;
  const bot = new CareBot({ care: deps.care, dialogs, storage: deps.state.storage, relay, logger, missesBeforeAgent: deps.missesBeforeAgent, clock, language: deps.language, timeZone: deps.timeZone, ...(deps.catalogText ? { catalogText: deps.catalogText } : {}) });
  const now = () => clock.now().getTime();
  const portal = createPortalSessions(createTokenSigner(deps.config.sessionSecret, { clock }), deps.care.sessions);
  const portalSession = deps.portalSession ?? ((t: string) => portal.authenticate(t));
  // A chat token derived from a portal session lives no longer than it, and no longer than it is live.
  const tokens = new DirectLineTokens(deps.config.sessionSecret, now, undefined, (customerId, ps) => portal.isActive({ customerId, jti: ps.jti, sessionVersion: ps.sv }));
  const directLine = new DirectLineService({ store: deps.state.directLine, lock: deps.state.lock, logic: (ctx) => bot.run(ctx), logger, events: deps.events, now });
  relay.connect((conversationId, event) => directLine.inject(conversationId, event));
  const stream = new DirectLineStream(directLine, { now, live: (grant) => tokens.live(grant) });
  // Queued chats whose customer left leave the queue. Every web process first marks the customers
  // with a stream open on it as seen (the heartbeat), then sweeps (abandoning is idempotent).
  const graceMs = deps.config.chatLeftGraceSeconds * 1000;
  const closeChat = (conversationId: string, escalationId: string) =>
    directLine.inject(conversationId, { name: CUSTOMER_GONE_EVENT, value: { escalationId } }).catch((err: unknown) => logger.warn({ err, conversationId, escalationId }, 'chat: the closing turn for a customer who left did not run'));
  const sweepLeft = async () => {
    await stream.heartbeat();
    return sweepLeftChats({ escalations: deps.care.escalations, store: deps.state.directLine, now, graceMs, closeChat });
  };
  const everyMs = leftChatsSweepMs(graceMs);
  const leftChats = startRepeating(sweepLeft, {
    firstDelayMs: everyMs,
    nextDelayMs: () => everyMs,
    onError: (err) => logger.warn({ err }, 'chat: the sweep for customers who left could not run'),
  });

  const router = express.Router();
  const guards = { conversations: deps.limits?.directLineConversations, activities: deps.limits?.directLineActivities, secret: directLineSecret(deps.config) };
  router.use(DIRECTLINE_PATH, directLineRouter(directLine, tokens, guards, wasGiven(deps.config, 'publicBaseUrl') ? deps.config.publicBaseUrl : undefined));
  const messages = botFrameworkMode(deps.config);
  if (messages !== 'absent') {
    router.use(botFrameworkRoute(createCloudAdapter(deps.config), deps.state.lock, (ctx) => bot.run(ctx), logger, { loopbackServiceUrlsOnly: messages === 'anonymous' }));
  }
  logger[messages === 'authenticated' ? 'info' : 'warn']({ mode: messages }, BOT_FRAMEWORK_MODES[messages]);
  router.use(demoRouter(tokens, portalSession, { page: deps.config.demoChatPage, tokenBudget: deps.limits?.chatTokens }));
  if (!deps.config.demoChatPage) logger.info('chat: the demo page /chat is off (DEMO_CHAT_PAGE=true serves it)');

  return {
    router,
    early: (common) => directLinePostEarly(directLine, tokens, common, guards),
    attachWebSocket: (server) => stream.attach(server),
    relay,
    bot,
    directLine,
    tokens,
    stream,
    async verifiedToken(session) {
      return (await portal.isActive(session)) ? chatTokenFor(tokens, session) : null;
    },
    sweepLeftChats: sweepLeft,
    async close() {
      await leftChats.stop();
      directLine.close();
      await stream.close();
      await directLine.drain();
      await bot.flushTranscripts();
      await deps.state.close?.();
    },
  };
}
