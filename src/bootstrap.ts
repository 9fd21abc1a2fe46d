/**
 * The composition root: builds everything from the validated config (stores, Redis, throttle,
 * hasher, ids, catalog, rules, the domain with its back-ends and outbox, the channels, the app)
 * without listening. A broken data file or an unreachable store stops start-up with one clear
 * message naming the file and place, or the setting.
 */
import type { Server } from 'node:http';
import type express from 'express';
import { generatedSecrets, type Config } from './config/config';
import type { Care } from './domain/care';
import type { CareDeps } from './domain/deps';
import type { Catalog } from './domain/catalog/catalog-schema';
import type { Stores } from './domain/ports/store';
import { systemClock, type Clock } from './domain/shared/ports';
import type { Outbox } from './domain/submissions/outbox';
import { startOutboxLoop } from './domain/submissions/outbox-loop';
import { composeCare, type ComposeOptions, type Composed } from './compose';
import { createStores } from './adapters/stores';
import { startRetentionSweep } from './adapters/stores/retention-sweep';
import type { RetentionPolicy } from './domain/interactions/retention';
import { createRedis, pingRedis, waitForRedis, type Redis } from './adapters/redis';
import { createThrottle } from './adapters/throttle';
import { createHttpLimits } from './adapters/throttle/abuse-limits';
import { createScryptHasher } from './adapters/crypto/scrypt-hasher';
import { createIds } from './adapters/crypto/ids';
import { loadCatalogVersion, problemsOf } from './adapters/files/catalog-file';
import { createLiveCatalog, type CatalogRead, type CatalogVersion, type LiveCatalog } from './domain/catalog/live-catalog';
import { catalogFileReader, watchCatalog } from './catalog-mount';
import { FileValidationError } from './adapters/files/file-error';
import { createRulesEngine, type RulesEngine } from './adapters/rules/rules-engine';
import { checkRuleReferences } from './adapters/rules/rule-references';
import { seedDemo } from './demo/seed-demo';
import { createLogger, type Logger } from './shared/logger';
import { ordersOverdue, recordOutcome } from './shared/metrics';
import { makeApp, type ChannelMount } from './app';
import { createChatChannel, ChatDialogsError } from './channels/chat'; // chat channel
import { NlpUnderstanding } from './adapters/understanding/nlp-understanding';
import type { LanguageUnderstanding } from './domain/understanding/language-understanding';
import { createCatalogText, missingCatalogText, type CatalogText } from './domain/catalog/catalog-text';
import { loadCatalogTexts, loadDiagnosisTexts, loadRuleTexts } from './adapters/files/catalog-text-file';
// Languages a catalog text file may exist for (the flow's settings.locales says which are required).
import { LOCALES } from './shared/wording/locales';

import { createChatState } from './adapters/chat-state'; // chat channel
import { mountVoiceChannel } from './adapters/voice-state/mount-voice-channel'; // voice channel
import { createEventBus } from './adapters/event-bus'; // event port
import type { EventPort } from './domain/events/care-events'; // event port
import { mountStaffApi } from './staff-mount'; // staff API
import { mountConsole } from './console-mount'; // CSR console
import { mountPortal } from './portal-mount'; // customer portal
import { mountTmf } from './tmf-mount'; // TM Forum APIs
import { createHttpListenerDelivery } from './adapters/tmf/listener-delivery'; // TM Forum listeners
import { bondFromConfig } from './bond-mount'; // TMF clients behind the back-end ports
import { mountCampaigns } from './campaigns-mount'; // outbound campaigns
import type { Telemarketing } from './domain/campaigns'; // outbound campaigns

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
  overrides?: Partial<Pick<ComposeOptions, 'hasher' | 'ids' | 'throttle' | 'limits' | 'backends' | 'completeAfterMs' | 'network' | 'policy'>> & {
    stores?: Stores;
    /** Embedded store in memory (no files under DATA_DIR). */
    inMemory?: boolean;
    /** Watch the catalog and rules files for edits (default: on outside NODE_ENV=test). */
    watchFiles?: boolean;
    /** Load the demo operator into an empty store (default: config.demoData). The worker never seeds. */
    seedDemo?: boolean;
    /** Run the outbox loop here (default: config.workerInProcess, else on when there is no MONGODB_URI). */
    workerInProcess?: boolean;
    /** Sweep expired interactions and transcripts on the embedded store (default on), and how often (default hourly). */
    retentionSweep?: boolean;
    retentionSweepMs?: number;
    /** Start the campaign dialer's scheduler (default on; tests driving dialer turns themselves turn it off). */
    campaignDialer?: boolean;
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
  /** Free text and speech understood (one classifier for chat and voice, trained at start-up). */
  language: LanguageUnderstanding;
  /** Catalog content in the customer's language (catalog-text.<locale>.yaml). */
  catalogText: CatalogText;
}

export interface Runtime {
  app: express.Express;
  care: Care;
  deps: CareDeps;
  stores: Stores;
  redis?: Redis;
  /** The event port (Redis pub/sub when REDIS_URL is set). */
  events: EventPort;
  /** Outbound campaigns: the supervisor's API, the dialer, the calls. */
  telemarketing: Telemarketing;
  outbox: Outbox;
  /** The reference back-ends in use (test hooks such as the notifier's last code). */
  backends: Composed['backends'];
  /** The chat channel's sweep for queued customers who left, and its streams (test hooks: the sweep also runs on a timer). */
  chat: Pick<ReturnType<typeof createChatChannel>, 'sweepLeftChats' | 'stream'>;
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

/** What a deployment should know about its settings, said once when the web process starts (startServer). */
export function startupWarnings(config: Config): string[] {
  const out = generatedSecrets(config).map((env) => `${env} is unset: using a random secret for this process only; tokens signed now will not survive a restart`);
  if (config.env === 'production' && !config.mongodbUri) out.push(`production on the embedded store (${config.dataDir}): run exactly one web process on a persistent local disk; set MONGODB_URI for anything more`);
  if (config.env === 'production' && !config.metricsToken) out.push('/metrics is not served: set METRICS_TOKEN to expose it to a scraper with that bearer token');
  return out;
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
    let initialCatalog: CatalogVersion;
    try {
      initialCatalog = loadCatalogVersion(config.catalogFile);
    } catch (e) {
      if (e instanceof FileValidationError) throw fileProblem('CATALOG_FILE', e);
      throw e;
    }
    const rules = await loadRules(config, watch, logger);
    cleanups.push(() => rules.close());
    const references = checkRuleReferences(rules.definitions(), initialCatalog.catalog);
    if (references.length > 0) throw fileProblem('RULES_DIR', Object.assign(references[0], { problems: references.map((p) => ({ place: p.place, reason: p.reason })) }));

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

    const retention: RetentionPolicy = { interactionDays: config.interactionRetentionDays, transcriptDays: config.transcriptRetentionDays };
    let stores: Stores;
    try {
      stores = o.stores ?? (await createStores({ mongodbUri: config.mongodbUri, dataDir: config.dataDir, inMemory: o.inMemory, retention }));
    } catch (e) {
      const setting = config.mongodbUri ? 'MONGODB_URI' : 'DATA_DIR';
      throw new StartupError(`${setting}: cannot open the store (${(e as Error).message})`, { cause: e });
    }
    const ownedStores = stores;
    if (!o.stores) cleanups.push(() => ownedStores.close());

    // --- events (Redis pub/sub across processes when REDIS_URL is set, else in this process)
    let events: EventPort;
    try {
      events = await createEventBus({ redisUrl: config.redisUrl, prefix: config.redisKeyPrefix, onError: (err, context) => logger.warn({ err }, context) });
    } catch (e) {
      throw new StartupError(`REDIS_URL: cannot subscribe to events (${(e as Error).message})`, { cause: e });
    }
    const ownedEvents = events;
    cleanups.push(() => ownedEvents.close());
    // --- end events

    // The catalog in use; reloaded on an edit of the file (watch), by a supervisor (staff API), checked as at start-up.
    // Until the text files are loaded below, a reload is refused (start-up has not checked them yet).
    let readCatalog = (): CatalogRead => ({ ok: false, problems: [{ place: '(start-up)', reason: 'the server is still starting' }] });
    const live: LiveCatalog = createLiveCatalog({ initial: initialCatalog, read: () => readCatalog(), clock, events });
    const catalog = (): Catalog => live.current();

    const hasher = o.hasher ?? createScryptHasher();
    const bond = bondFromConfig(config, clock);
    const composed = composeCare({
      bond: (reference) => bond.backends(reference),
      events,
      stores,
      catalog,
      rules,
      clock,
      hasher,
      ids: o.ids ?? createIds(),
      throttle: o.throttle ?? createThrottle({ points: config.throttlePerMinute, durationSec: 60, redis, keyPrefix: 'throttle:verify' }),
      policy: { lockoutThreshold: config.lockoutThreshold, lockoutMinutes: config.lockoutMinutes, resumeWindowHours: config.resumeWindowHours, ...o.policy },
      codeSends: { perCustomer: config.codeSendsPerCustomer, perSource: config.codeSendsPerSource, windowMinutes: config.codeSendWindowMinutes },
      limits: o.limits,
      redis,
      outbox: { maxAttempts: config.outboxMaxAttempts, baseDelayMs: config.outboxBaseDelayMs },
      backends: o.backends,
      listenerDelivery: createHttpListenerDelivery({ allowPrivate: config.env !== 'production', clock }),
      completeAfterMs: o.completeAfterMs,
      network: o.network,
      onDeadLetter: (kind, id, error) => logger.error({ kind, id, error }, 'submission dead-lettered after its last attempt; a person must look at it'),
      progress: { checkMs: config.orderCheckSeconds * 1000, overdueMs: config.orderOverdueMinutes * 60_000 },
      onOrderOverdue: (order) => {
        ordersOverdue.inc();
        logger.error({ orderId: order.id, deadline: order.progress?.deadline, externalRef: order.submission.externalRef }, 'order still in progress past its deadline; a person must look at it');
      },
      onProcedureOutcome: (e) => recordOutcome(e.channel, e.procedure, e.outcome),
    });

    if (o.seedDemo ?? config.demoData) {
      if (config.env === 'production') logger.warn('DEMO_DATA=true in production: the demo operator, whose PINs and passwords are public, is loaded into an empty store. Anyone can sign in as the demo customers. Unset DEMO_DATA for a real deployment.');
      const seeded = await seedDemo({ stores, hasher, catalog: catalog(), clock, history: config.demoHistory, partners: config.env !== 'production' });
      if (seeded.seeded) logger.info({ customers: seeded.customers }, 'demo operator loaded into the empty store');
    }

    // ---------------------------------------------------------------- channels
    // Voice and chat build their routers from `channelContext` and push them here
    // (one block each); attach/close, when given, get the server and the shutdown.
    const httpLimits = createHttpLimits(config, redis);
    // One classifier for chat and voice, trained here from CHAT_DIALOGS_DIR (bad training data stops start-up).
    const language = new NlpUnderstanding(config.chatDialogsDir);
    try {
      await language.ready();
    } catch (e) {
      throw new StartupError(`CHAT_DIALOGS_DIR: ${(e as Error).message}`, { cause: e });
    }
    let catalogTexts: ReturnType<typeof loadCatalogTexts>;
    let diagnosisTexts: ReturnType<typeof loadDiagnosisTexts>;
    let ruleTexts: ReturnType<typeof loadRuleTexts>;
    try {
      catalogTexts = loadCatalogTexts(config.catalogFile, LOCALES);
      diagnosisTexts = loadDiagnosisTexts(config.rulesDir);
      ruleTexts = loadRuleTexts(config.rulesDir);
    } catch (e) {
      throw new StartupError(`CATALOG_FILE: ${(e as Error).message}`, { cause: e });
    }
    const catalogText = createCatalogText(catalog, diagnosisTexts, catalogTexts, ruleTexts);
    const channelContext: ChannelContext = { config, care: composed.care, stores, redis, logger, clock, catalog, language, catalogText };
    const channels: ChannelMount[] = [];
    // --- voice (Twilio IVR under /voice; flows from IVR_FLOWS_DIR, call state in Redis or in process)
    let voice: ReturnType<typeof mountVoiceChannel>;
    try {
      voice = mountVoiceChannel(channelContext);
      channels.push(voice);
    } catch (e) {
      throw new StartupError(`IVR_FLOWS_DIR: ${(e as Error).message}`, { cause: e });
    }
    // Every customer-facing catalog text in every language the flow offers, or no start.
    const untranslated = missingCatalogText(catalog(), diagnosisTexts, catalogTexts, voice.flows.settings.locales, ruleTexts);
    if (untranslated.length > 0) throw new StartupError(`CATALOG_FILE: catalog text without a translation (catalog-text.<locale>.yaml next to the catalog):\n${untranslated.slice(0, 20).join('\n')}`);
    readCatalog = catalogFileReader({ file: config.catalogFile, textLocales: LOCALES, requiredLocales: voice.flows.settings.locales, rules: () => rules.definitions(), diagnosis: diagnosisTexts, ruleTexts, texts: catalogTexts });
    if (watch) cleanups.push(watchCatalog(config.catalogFile, live, logger));
    // --- end voice
    // --- chat (Direct Line 3.0 under /v3/directline, /api/messages, demo page /chat; state in Redis or in process)
    let chatHandoff: ReturnType<typeof createChatChannel>['relay'] | undefined; // the staff API's way into chats
    let chatHandover: ReturnType<typeof createChatChannel>['verifiedToken'] | undefined; // the portal's way into chat, verified
    let chatHooks: Runtime['chat'] | undefined;
    try {
      const chat = createChatChannel({
        care: composed.care,
        config,
        logger,
        clock,
        state: createChatState({ redis: channelContext.redis, prefix: 'chat:', maxActivities: config.directLineMaxActivities }),
        limits: { chatTokens: httpLimits.chatTokens, directLineConversations: httpLimits.directLineConversations, directLineActivities: httpLimits.directLineActivities },
        // Chat offers a person after as many misses as the IVR retries (one number, in ivr-flows/flow.yaml).
        missesBeforeAgent: voice.flows.settings.gather.retries,
        language,
        timeZone: voice.flows.settings.timeZone,
        catalogText,
        events,
      });
      chatHandoff = chat.relay;
      chatHandover = (session) => chat.verifiedToken(session);
      chatHooks = { sweepLeftChats: () => chat.sweepLeftChats(), stream: chat.stream };
      channels.push({ path: '/', router: chat.router, early: (common) => chat.early(common), attach: (server) => chat.attachWebSocket(server), close: () => chat.close() });
    } catch (e) {
      if (e instanceof ChatDialogsError) throw new StartupError(`CHAT_DIALOGS_DIR: ${e.message}`, { cause: e });
      throw e;
    }
    // --- end chat
    // --- outbound campaigns (dialer on BullMQ or in process, /voice-outbound webhooks, supervisor routes in the staff API)
    let campaigns: ReturnType<typeof mountCampaigns>;
    try {
      campaigns = mountCampaigns(config, composed, voice.flows, logger);
      channels.push(campaigns.channel);
      if (!campaigns.dialing) logger.info('campaigns: no calls are placed until TWILIO_ACCOUNT_SID and CAMPAIGN_CALLER_ID are set');
    } catch (e) {
      throw new StartupError(`IVR_FLOWS_DIR: ${(e as Error).message}`, { cause: e });
    }
    // --- end outbound campaigns
    // --- staff API (/api/v1/staff: sign-in, queue and its live events, accept, wrap-up; dispositions from DISPOSITIONS_FILE)
    try {
      channels.push(mountStaffApi(config, composed, live, chatHandoff, logger, campaigns.telemarketing.campaigns));
      if (config.env === 'production' && !config.twilioAccountSid && !config.twilioWorkflowSid) logger.warn('voice pickup is off: neither TWILIO_ACCOUNT_SID (calls redirected to the CSR who accepts) nor TWILIO_WORKFLOW_SID (TaskRouter) is set; queued callers wait until they hang up, and accepting a call tells the CSR to call back');
    } catch (e) {
      if (e instanceof FileValidationError) throw fileProblem('DISPOSITIONS_FILE', e);
      throw e;
    }
    // --- end staff API
    // --- CSR console (/console: sign-in, live queue, screen pop, wrap-up; server-rendered pages over the staff desk)
    channels.push(mountConsole(config, composed, chatHandoff, campaigns.telemarketing.campaigns));
    // --- end CSR console
    // --- TM Forum APIs (/oauth/token, /tmf-api/<api>/v5: partners' orders, tickets, catalog, customers, inventory, bills; hub events)
    channels.push(mountTmf(config, composed, logger, { catalogAt: (revision) => live.at(revision), ...(bond.active ? { bondListenerKey: bond.listenerKey } : {}) }));
    // --- end TM Forum APIs
    // --- customer portal (/: sign-in, home, bills, chat with us; pages from web-portal/; last, it answers only its own paths)
    channels.push(mountPortal(config, composed, { catalogText: channelContext.catalogText, chatToken: chatHandover, limits: { registrations: httpLimits.registrations, chatTokens: httpLimits.chatTokens } }));
    // --- end customer portal
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
      limits: { registrations: httpLimits.registrations },
      trustProxy: config.trustProxy,
      metrics: { serve: config.env !== 'production' || config.metricsToken !== undefined, token: config.metricsToken },
    });

    await campaigns.telemarketing.start({ dialer: o.campaignDialer ?? true });

    const workerInProcess = o.workerInProcess ?? config.workerInProcess ?? !config.mongodbUri;
    if (workerInProcess) {
      const loop = startOutboxLoop(composed.outbox, { pollMs: config.outboxPollMs, onError: (err) => logger.error({ err }, 'outbox drain failed') });
      cleanups.push(() => loop.stop());
    }

    // MongoDB expires interactions and transcripts with TTL indexes; the embedded store is swept here.
    if (!config.mongodbUri && (o.retentionSweep ?? true)) {
      const sweep = startRetentionSweep({
        stores,
        clock,
        policy: retention,
        intervalMs: o.retentionSweepMs ?? 3_600_000,
        onSwept: (removed) => {
          if (removed.interactions + removed.transcripts > 0) logger.info(removed, 'retention: expired interactions and transcript pages removed');
        },
        onError: (err) => logger.error({ err }, 'retention sweep failed'),
      });
      cleanups.push(() => sweep.stop());
    }

    let closing: Promise<void> | undefined;
    return {
      app,
      care: composed.care,
      deps: composed.deps,
      stores,
      redis,
      events,
      telemarketing: campaigns.telemarketing,
      outbox: composed.outbox,
      backends: composed.backends,
      chat: chatHooks as Runtime['chat'],
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
