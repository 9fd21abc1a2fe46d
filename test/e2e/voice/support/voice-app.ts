/**
 * The voice channel over the real domain (makeCare: embedded store in memory, demo operator,
 * settable clock) listening on 127.0.0.1:0, with call state in a real Redis under a test key
 * prefix (or in process). The router is the one bootstrap mounts at /voice.
 */
import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import crypto from 'node:crypto';
import { NlpUnderstanding } from '../../../../src/adapters/understanding/nlp-understanding';
import { CATALOG_TEXT } from '../../../unit/chat/chat-test-kit';
import express from 'express';
import Redis from 'ioredis';
import { makeCare, ROOT, type CareFixture } from '../../../support/care-fixture';
import type { DemoPerson } from '../../../../src/demo/demo-people';
import { createVoiceChannel, loadFlows, type CallStateStore, type Flows } from '../../../../src/channels/voice';
import { createCallStateStore } from '../../../../src/adapters/voice-state/create-call-state-store';
import { createRedis } from '../../../../src/adapters/redis';
import { createThrottle } from '../../../../src/adapters/throttle';
import { TwilioCaller } from '../../../../src/channels/voice/twiml/twilio-caller';
import type { VoiceLogger } from '../../../../src/channels/voice/voice-logger';

export const PUBLIC_BASE_URL = 'https://ivr.example.test';
export const AUTH_TOKEN = 'test-twilio-auth-token-0123456789';
export const FLOWS: Flows = loadFlows(`${ROOT}/ivr-flows`);

export interface LogLine {
  level: string;
  obj: object;
  msg?: string;
}

export interface VoiceApp {
  url: string;
  fx: CareFixture;
  store: CallStateStore;
  keyPrefix: string;
  logs: LogLine[];
  call(from: string, opts?: { signWith?: string; callSid?: string }): TwilioCaller;
  person(key: DemoPerson['key']): DemoPerson;
  /** Call-state keys this app wrote in Redis. */
  redisKeys(): Promise<string[]>;
  close(): Promise<void>;
}

export interface VoiceAppOptions {
  /** Redis for call state; null = in process. Default: the local redis-server. */
  redisUrl?: string | null;
  workflowSid?: string;
  validateSignature?: boolean;
  env?: 'development' | 'test' | 'production';
  /** Verification attempts allowed per source per minute (default: the fixture's 1000). */
  throttlePoints?: number;
  /** Share another app's domain and Redis key prefix (a second web process); its owner closes the fixture. */
  shareWith?: VoiceApp;
  /** Wraps the call-state store (tests that control timing). */
  wrapStore?: (store: CallStateStore) => CallStateStore;
  /** Other flows than ivr-flows/ (a test of wording not shipped yet). */
  flows?: Flows;
}

/** As bootstrap wires it: the classifier chat uses (trained once per process). */
export const LANGUAGE = new NlpUnderstanding(`${ROOT}/chat-dialogs`);

export async function startVoiceApp(opts: VoiceAppOptions = {}): Promise<VoiceApp> {
  const keyPrefix = opts.shareWith?.keyPrefix ?? `test:voice:${crypto.randomBytes(4).toString('hex')}:`;
  const redisUrl = opts.redisUrl === null ? undefined : (opts.redisUrl ?? 'redis://127.0.0.1:6379');
  const fx = opts.shareWith?.fx ?? (await makeCare(opts.throttlePoints ? { throttle: createThrottle({ points: opts.throttlePoints, durationSec: 60 }) } : {}));
  const redis = redisUrl ? createRedis(redisUrl, { keyPrefix, name: 'voice-test' }) : undefined;
  if (redis) await new Promise<void>((resolve) => (redis.status === 'ready' ? resolve() : redis.once('ready', () => resolve())));
  const plain = createCallStateStore({ redis, keyPrefix: '' });
  const store = opts.wrapStore ? opts.wrapStore(plain) : plain;
  const logs: LogLine[] = [];
  const at = (level: string) => (obj: object, msg?: string) => void logs.push({ level, obj, msg });
  const logger: VoiceLogger = { info: at('info'), warn: at('warn'), error: at('error'), debug: at('debug') };
  const app = express();
  app.use(
    '/voice',
    createVoiceChannel({
      care: fx.care,
      config: { env: opts.env ?? 'test', publicBaseUrl: PUBLIC_BASE_URL, twilioAuthToken: AUTH_TOKEN, twilioValidateSignature: opts.validateSignature ?? true, twilioWorkflowSid: opts.workflowSid, ivrFlowsDir: `${ROOT}/ivr-flows` },
      callState: store,
      logger,
      flows: opts.flows ?? FLOWS,
      language: LANGUAGE,
      catalogText: CATALOG_TEXT,
    }),
  );
  const server: Server = await new Promise((resolve) => {
    const s = app.listen(0, '127.0.0.1', () => resolve(s));
  });
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const inspector = redisUrl ? new Redis(redisUrl, { maxRetriesPerRequest: 1, enableOfflineQueue: false }) : undefined;
  inspector?.on('error', () => undefined);
  // Without an offline queue a command before the connection is up fails ("Stream isn't writeable"): wait for it.
  if (inspector) await new Promise<void>((resolve) => (inspector.status === 'ready' ? resolve() : inspector.once('ready', () => resolve())));
  return {
    url,
    fx,
    store,
    keyPrefix,
    logs,
    call: (from, o = {}) => new TwilioCaller({ serverUrl: url, publicBaseUrl: PUBLIC_BASE_URL, authToken: AUTH_TOKEN, from, ...o }),
    person: (key) => fx.people.find((p) => p.key === key) as DemoPerson,
    redisKeys: async () => (inspector ? inspector.keys(`${keyPrefix}voice:*`) : []),
    async close() {
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
      if (inspector) {
        const keys = await inspector.keys(`${keyPrefix}*`).catch(() => [] as string[]);
        if (keys.length) await inspector.del(...keys).catch(() => 0);
        inspector.disconnect();
      }
      redis?.disconnect();
      if (!opts.shareWith) await fx.close();
    },
  };
}
