/**
 * The chat channel, assembled: the bot, our Direct Line 3.0 endpoint (HTTP + WebSocket) with the
 * bot in-process, /api/messages through CloudAdapter, the demo page, and the handoff relay for
 * the CSR console. State (botbuilder Storage, Direct Line store, lock) is injected.
 */
import type { Server } from 'node:http';
import express from 'express';
import type { Storage } from 'botbuilder';
import type { Config } from '../../config/config';
import type { Care } from '../../domain/care';
import type { Actor } from '../../domain/shared/actor';
import type { Logger } from '../../shared/logger';
import { createTokenSigner } from '../../shared/tokens';
import { CareBot } from './bot/care-bot';
import { loadChatDialogs, type ChatDialogs } from './dialogs-data/load-chat-dialogs';
import { DirectLineService } from './directline/directline-service';
import { directLinePostEarly, directLineRouter, DIRECTLINE_PATH } from './directline/directline-router';
import { DirectLineStream } from './directline/directline-stream';
import { DirectLineTokens } from './directline/tokens';
import type { ConversationLock, DirectLineStore } from './directline/ports';
import { HandoffRelay } from './handoff/handoff-relay';
import { botFrameworkRoute, createCloudAdapter } from './messages/bot-framework-route';
import { demoRouter } from './demo/demo-page';

export interface ChatChannelDeps {
  care: Care;
  config: Config;
  logger: Logger;
  state: { storage: Storage; directLine: DirectLineStore; lock: ConversationLock; close?(): Promise<void> };
  /** Already loaded chat-dialogs (tests); default: loaded from config.chatDialogsDir. */
  dialogs?: ChatDialogs;
  /** Misses in a row before a person is offered: the IVR flow's settings.gather.retries (one number for both channels). */
  missesBeforeAgent: number;
  /** The portal token's actor (default: verified with config.sessionSecret, audience 'portal'). */
  portalActor?: (token: string) => Actor | null;
}

export interface ChatChannel {
  router: express.Router;
  /** The Direct Line post served ahead of the app's routers (see directLinePostEarly). */
  early(common: readonly express.RequestHandler[]): express.RequestHandler;
  attachWebSocket(server: Server): void;
  relay: HandoffRelay;
  bot: CareBot;
  directLine: DirectLineService;
  tokens: DirectLineTokens;
  close(): Promise<void>;
}

export function createChatChannel(deps: ChatChannelDeps): ChatChannel {
  const dialogs = deps.dialogs ?? loadChatDialogs(deps.config.chatDialogsDir);
  const logger = deps.logger.child({ channel: 'chat' });
  const relay = new HandoffRelay();
  const bot = new CareBot({ care: deps.care, dialogs, storage: deps.state.storage, relay, logger, missesBeforeAgent: deps.missesBeforeAgent });
  const tokens = new DirectLineTokens(deps.config.sessionSecret);
  const directLine = new DirectLineService({ store: deps.state.directLine, lock: deps.state.lock, logic: (ctx) => bot.run(ctx), logger });
  relay.connect((conversationId, event) => directLine.inject(conversationId, event));
  const stream = new DirectLineStream(directLine);
  const portalSigner = createTokenSigner(deps.config.sessionSecret);
  const portalActor = deps.portalActor ?? ((t: string) => portalSigner.verify(t, 'portal'));

  const router = express.Router();
  router.use(DIRECTLINE_PATH, directLineRouter(directLine, tokens));
  router.use(botFrameworkRoute(createCloudAdapter(deps.config), deps.state.lock, (ctx) => bot.run(ctx), logger));
  router.use(demoRouter(tokens, portalActor));

  return {
    router,
    early: (common) => directLinePostEarly(directLine, tokens, common),
    attachWebSocket: (server) => stream.attach(server),
    relay,
    bot,
    directLine,
    tokens,
    async close() {
      await stream.close();
      await directLine.drain();
      await bot.flushTranscripts();
      await deps.state.close?.();
    },
  };
}
