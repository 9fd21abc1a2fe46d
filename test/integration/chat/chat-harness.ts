/** The chat channel on a real HTTP server (port 0) over the care fixture, with in-process or Redis state. */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { randomBytes } from 'node:crypto';
import express from 'express';
import Redis from 'ioredis';
import pino from 'pino';
import { makeCare, type CareFixture, type FixtureOptions } from '../../support/care-fixture';
import { createChatChannel, type ChatChannel, type ChatChannelDeps } from '../../../src/channels/chat';
import { createChatState, type ChatState } from '../../../src/adapters/chat-state';
import { loadConfig, type Config } from '../../../src/config/config';
import { CATALOG_TEXT, DIALOGS, LANGUAGE, MISSES_BEFORE_AGENT, TIME_ZONE } from '../../unit/chat/chat-test-kit';

export interface ChatServer {
  base: string;
  fixture: CareFixture;
  config: Config;
  chat: ChatChannel;
  state: ChatState;
  server: http.Server;
  /** The Redis key prefix of its chat state. */
  prefix: string;
  close(): Promise<void>;
}

/**
 * `early`: the Direct Line post is served by the channel's early handler, as the whole app does; otherwise by its router.
 * `fixtureClock`: tokens are issued and checked by the fixture's settable clock (default: the system clock).
 * `peerOf`: a second web process beside that one: the same care fixture (store, clock) and the same
 * Redis chat state; closing it leaves both to the first.
 */
export async function startChatServer(opts: { redis?: boolean; early?: boolean; env?: Record<string, string>; care?: FixtureOptions; limits?: ChatChannelDeps['limits']; config?: Partial<Config>; fixtureClock?: boolean; peerOf?: ChatServer } = {}): Promise<ChatServer> {
  const peer = opts.peerOf;
  const fixture = peer ? peer.fixture : await makeCare(opts.care);
  const config: Config = { ...loadConfig({ NODE_ENV: 'test', LOG_LEVEL: 'silent', ...opts.env }), ...opts.config, ...(peer ? { sessionSecret: peer.config.sessionSecret } : {}) };
  const prefix = peer ? peer.prefix : `test:chat:${randomBytes(4).toString('hex')}:`;
  const redis = opts.redis ? new Redis('redis://127.0.0.1:6379', { enableAutoPipelining: true }) : undefined;
  const state = createChatState({ redis, prefix });
  const chat = createChatChannel({ care: fixture.care, config, logger: pino({ level: 'silent' }), state, dialogs: DIALOGS, limits: opts.limits, missesBeforeAgent: MISSES_BEFORE_AGENT, language: LANGUAGE, timeZone: TIME_ZONE, catalogText: CATALOG_TEXT, ...(opts.fixtureClock ? { clock: fixture.clock } : {}) });
  const app = express();
  if (opts.early) app.use(chat.early([]));
  app.use(express.json({ limit: '64kb' }));
  app.use(chat.router);
  const server = http.createServer(app);
  chat.attachWebSocket(server);
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as AddressInfo;
  return {
    base: `http://127.0.0.1:${port}`,
    fixture,
    config,
    chat,
    state,
    server,
    prefix,
    async close() {
      await chat.close();
      server.closeAllConnections();
      await new Promise<void>((r) => server.close(() => r()));
      if (peer) return void (await redis?.quit());
      if (redis) {
        const keys = await redis.keys(`${prefix}*`);
        if (keys.length) await redis.del(...keys);
        await redis.quit();
      }
      await fixture.close();
    },
  };
}

/** POST /chat/token, as the demo page does. */
export async function newToken(base: string, portalToken?: string): Promise<{ token: string; conversationId: string }> {
  const res = await fetch(`${base}/chat/token`, { method: 'POST', headers: { 'content-type': 'application/json', ...(portalToken ? { authorization: `Bearer ${portalToken}` } : {}) }, body: '{}' });
  if (res.status !== 200) throw new Error(`token: ${res.status}`);
  return (await res.json()) as { token: string; conversationId: string };
}
