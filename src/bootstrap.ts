/**
 * The composition root: builds everything from the validated config (stores, Redis, throttle,
 * hasher, ids, catalog, rules, the domain with its back-ends and outbox, the channels, the app)
 * without listening. A broken data file or an unreachable store stops start-up with one clear
 * message naming the file and place, or the setting.
 */
import type { Server } from 'node:http';
import type express from 'express';
import type { Config } from './config/config';
import type { Care } from './domain/care';
import type { CareDeps } from './domain/deps';
import type { Catalog } from './domain/catalog/catalog-schema';
import type { Stores } from './domain/ports/store';
import { systemClock, type Clock } from './domain/shared/ports';
import type { Outbox } from './domain/submissions/outbox';
import { startOutboxLoop } from './domain/submissions/outbox-loop';
import { composeCare, type ComposeOptions, type Composed } from './compose';
import { createStores } from './adapters/stores';
import { createRedis, pingRedis, waitForRedis, type Redis } from './adapters/redis';
import { createThrottle } from './adapters/throttle';
import { createScryptHasher } from './adapters/crypto/scrypt-hasher';
import { createIds } from './adapters/crypto/ids';
import { loadCatalogFile, problemsOf, watchCatalogFile } from './adapters/files/catalog-file';
import { FileValidationError } from './adapters/files/file-error';
import { createRulesEngine, type RulesEngine } from './adapters/rules/rules-engine';
import { checkRuleReferences } from './adapters/rules/rule-references';
import { seedDemo } from './demo/seed-demo';
import { createLogger, type Logger } from './shared/logger';
import { recordOutcome } from './shared/metrics';
import { makeApp, type ChannelMount } from './app';
import { createChatChannel, ChatDialogsError } from './channels/chat'; // chat channel
import { createChatState } from './adapters/chat-state'; // chat channel
import { mountVoiceChannel } from './adapters/voice-state/mount-voice-channel'; // voice channel

/** Start-up refused: the message says what to fix (file and place, or setting). */
export class StartupError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'StartupError';
  }
}

export interface BootstrapOptions {
  logger?: Logger;
  clock?: Clock;
  /** Parts to replace (tests): an in-memory store, a cheap hasher, failing back-ends... */
  overrides?: Partial<Pick<ComposeOptions, 'hasher' | 'ids' | 'throttle' | 'backends' | 'completeAfterMs' | 'network' | 'policy'>> & {
    stores?: Stores;
    /** Embedded store in memory (no files under DATA_DIR). */
    inMemory?: boolean;
    /** Watch the catalog and rules files for edits (default: on outside NODE_ENV=test). */
    watchFiles?: boolean;
    /** Load the demo operator into an empty store (default: config.demoData). The worker never seeds. */
    seedDemo?: boolean;
    /** Run the outbox loop here (default: config.workerInProcess, else on when there is no MONGODB_URI). */
    workerInProcess?: boolean;
  };
}

/** What the voice and chat routers are built from. */
export interface ChannelContext {
  config: Config;
  care: Care;
  stores: Stores;
  redis?: Redis;
  logger: Logger;
  clock: Clock;
  catalog: () => Catalog;
}

export interface Runtime {
  app: express.Express;
  care: Care;
  deps: CareDeps;
  stores: Stores;
  redis?: Redis;
  outbox: Outbox;
  /** The reference back-ends in use (test hooks such as the notifier's last code). */
  backends: Composed['backends'];
  config: Config;
  logger: Logger;
  /** True when the outbox loop runs in this process. */
  workerInProcess: boolean;
  /** Gives channels the listening server (WebSocket upgrades). */
  attach(server: Server): void;
  /** Stops the outbox loop and watchers, closes channels, stores and Redis. Safe to call twice. */
  close(): Promise<void>;
}

function fileProblem(setting: string, e: FileValidationError): StartupError {
  const all = problemsOf(e);
  const more = all.length > 1 ? `\n${all.slice(1, 10).map((p) => `  also ${e.file}: ${p.place}: ${p.reason}`).join('\n')}` : '';
  return new StartupError(`${setting}: ${e.file}: ${e.place}: ${e.reason}${more}`, { cause: e });
}

async function loadRules(config: Config, watch: boolean, logger: Logger): Promise<RulesEngine> {
  try {
    return await createRulesEngine({
      dir: config.rulesDir,
      watch,
      onReload: () => logger.info({ dir: config.rulesDir }, 'rules reloaded'),
      onReloadError: (e) => logger.error({ err: e }, 'rules edit rejected; the previous rules stay in use'),
    });
  } catch (e) {
    if (e instanceof FileValidationError) throw fileProblem('RULES_DIR', e);
    throw e;
  }
}

export async function bootstrap(config: Config, opts: BootstrapOptions = {}): Promise<Runtime> {
  const logger = opts.logger ?? createLogger({ level: config.logLevel });
  const clock = opts.clock ?? systemClock;
  const o = opts.overrides ?? {};
  const watch = o.watchFiles ?? config.env !== 'test';
  const cleanups: (() => Promise<void> | void)[] = [];
  const cleanUp = async () => {
    for (const fn of cleanups.splice(0).reverse()) await Promise.resolve(fn()).catch((err: unknown) => logger.warn({ err }, 'shutdown step failed'));
  };

  try {
    // Data files first: they are the likeliest to be wrong and cost nothing to check.
    let catalog: Catalog;
    try {
      catalog = loadCatalogFile(config.catalogFile);
    } catch (e) {
      if (e instanceof FileValidationError) throw fileProblem('CATALOG_FILE', e);
      throw e;
    }
    const rules = await loadRules(config, watch, logger);
    cleanups.push(() => rules.close());
    const references = checkRuleReferences(rules.definitions(), catalog);
    if (references.length > 0) throw fileProblem('RULES_DIR', Object.assign(references[0], { problems: references.map((p) => ({ place: p.place, reason: p.reason })) }));
    if (watch) {
      const stop = watchCatalogFile(
        config.catalogFile,
        (next) => {
          catalog = next;
          logger.info({ file: config.catalogFile }, 'catalog reloaded');
        },
        (err) => logger.error({ err }, 'catalog edit rejected; the previous catalog stays in use'),
      );
      cleanups.push(stop);
    }

    let redis: Redis | undefined;
    if (config.redisUrl) {
      const client = createRedis(config.redisUrl, { keyPrefix: config.redisKeyPrefix, name: 'telecare' });
      redis = client;
      cleanups.push(async () => {
        await client.quit().catch(() => client.disconnect());
      });
      try {
        await waitForRedis(client, 5000);
      } catch (e) {
        throw new StartupError(`REDIS_URL: Redis is not reachable (${(e as Error).message})`, { cause: e });
      }
    }

    let stores: Stores;
    try {
      stores = o.stores ?? (await createStores({ mongodbUri: config.mongodbUri, dataDir: config.dataDir, inMemory: o.inMemory }));
    } catch (e) {
      const setting = config.mongodbUri ? 'MONGODB_URI' : 'DATA_DIR';
      throw new StartupError(`${setting}: cannot open the store (${(e as Error).message})`, { cause: e });
    }
    const ownedStores = stores;
    if (!o.stores) cleanups.push(() => ownedStores.close());

    const hasher = o.hasher ?? createScryptHasher();
    const composed = composeCare({
      stores,
      catalog: () => catalog,
      rules,
      clock,
      hasher,
      ids: o.ids ?? createIds(),
      throttle: o.throttle ?? createThrottle({ points: config.throttlePerMinute, durationSec: 60, redis, keyPrefix: 'throttle:verify' }),
      policy: { lockoutThreshold: config.lockoutThreshold, lockoutMinutes: config.lockoutMinutes, resumeWindowHours: config.resumeWindowHours, ...o.policy },
      outbox: { maxAttempts: config.outboxMaxAttempts, baseDelayMs: config.outboxBaseDelayMs },
      backends: o.backends,
      completeAfterMs: o.completeAfterMs,
      network: o.network,
      onDeadLetter: (kind, id, error) => logger.error({ kind, id, error }, 'submission dead-lettered after its last attempt; a person must look at it'),
      onProcedureOutcome: (e) => recordOutcome(e.channel, e.procedure, e.outcome),
    });

    if (o.seedDemo ?? config.demoData) {
      if (config.env === 'production' && config.mongodbUri) {
        logger.warn('DEMO_DATA is ignored on MongoDB in production (demo credentials are public)');
      } else {
        const seeded = await seedDemo({ stores, hasher, catalog, clock });
        if (seeded.seeded) logger.info({ customers: seeded.customers }, 'demo operator loaded into the empty store');
      }
    }

    // ---------------------------------------------------------------- channels
    // Voice and chat build their routers from `channelContext` and push them here
    // (one block each); attach/close, when given, get the server and the shutdown.
    const channelContext: ChannelContext = { config, care: composed.care, stores, redis, logger, clock, catalog: () => catalog };
    const channels: ChannelMount[] = [];
    // --- voice (Twilio IVR under /voice; flows from IVR_FLOWS_DIR, call state in Redis or in process)
    try {
      channels.push(mountVoiceChannel(channelContext));
    } catch (e) {
      throw new StartupError(`IVR_FLOWS_DIR: ${(e as Error).message}`, { cause: e });
    }
    // --- end voice
    // --- chat (Direct Line 3.0 under /v3/directline, /api/messages, demo page /chat; state in Redis or in process)
    try {
      const chat = createChatChannel({ care: composed.care, config, logger, state: createChatState({ redis: channelContext.redis, prefix: 'chat:' }) });
      channels.push({ path: '/', router: chat.router, early: (common) => chat.early(common), attach: (server) => chat.attachWebSocket(server), close: () => chat.close() });
    } catch (e) {
      if (e instanceof ChatDialogsError) throw new StartupError(`CHAT_DIALOGS_DIR: ${e.message}`, { cause: e });
      throw e;
    }
    // --- end chat
    void channelContext;
    // ------------------------------------------------------------ end channels
    for (const channel of channels) if (channel.close) cleanups.push(() => channel.close?.());

    const app = makeApp({
      care: composed.care,
      stores,
      logger,
      clock,
      sessionSecret: config.sessionSecret,
      redis: redis ? { ping: () => pingRedis(redis) } : undefined,
      channels,
    });

    const workerInProcess = o.workerInProcess ?? config.workerInProcess ?? !config.mongodbUri;
    if (workerInProcess) {
      const loop = startOutboxLoop(composed.outbox, { pollMs: config.outboxPollMs, onError: (err) => logger.error({ err }, 'outbox drain failed') });
      cleanups.push(() => loop.stop());
    }

    let closing: Promise<void> | undefined;
    return {
      app,
      care: composed.care,
      deps: composed.deps,
      stores,
      redis,
      outbox: composed.outbox,
      backends: composed.backends,
      config,
      logger,
      workerInProcess,
      attach: (server) => {
        for (const channel of channels) channel.attach?.(server);
      },
      close: () => (closing ??= cleanUp()),
    };
  } catch (e) {
    await cleanUp();
    throw e;
  }
}
