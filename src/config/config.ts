/**
 * The one configuration schema: every setting has its environment name, a doc line and a
 * default (secrets have none in production). This module is the only reader of process.env.
 */
import { randomBytes } from 'node:crypto';
import { isIP } from 'node:net';
import { z } from 'zod';

const bool = z.enum(['true', 'false', '1', '0']).transform((v) => v === 'true' || v === '1');
const int = (min: number, max: number) => z.coerce.number().int().min(min).max(max);
/** Express's `trust proxy`: true/false, a hop count, or addresses/CIDRs/named ranges separated by commas. */
const NAMED_RANGES = ['loopback', 'linklocal', 'uniquelocal'];
const trustProxy = z.string().transform((v, ctx): boolean | number | string[] => {
  if (v === 'true' || v === 'false') return v === 'true';
  if (/^\d{1,3}$/.test(v)) return Number(v);
  const items = v.split(',').map((x) => x.trim());
  const bad = items.find((x) => !NAMED_RANGES.includes(x) && !isAddressOrCidr(x));
  if (bad === undefined) return items;
  ctx.addIssue({ code: 'custom', message: `"${bad}" is not true, false, a hop count, an IP address, a CIDR or one of ${NAMED_RANGES.join(', ')}` });
  return z.NEVER;
});
function isAddressOrCidr(x: string): boolean {
  const [addr, bits, extra] = x.split('/');
  const family = isIP(addr);
  if (family === 0 || extra !== undefined) return false;
  return bits === undefined || (/^\d{1,3}$/.test(bits) && Number(bits) <= (family === 4 ? 32 : 128));
}
const LOOPBACK_HOST = /^(127(\.\d{1,3}){3}|::1|localhost)$/;

interface Setting<T extends z.ZodType> {
  env: string;
  doc: string;
  schema: T;
  /** Default when unset; `devDefault` applies only outside production (secrets). */
  default?: string;
  devDefault?: string;
  /** Default in production when it differs from `default` (fail closed: demo off, listen everywhere in a container). */
  prodDefault?: string;
  /** Outside production, unset means a random value per process (a secret nobody else knows); required in production. */
  devRandom?: true;
}
const s = <T extends z.ZodType>(x: Setting<T>): Setting<T> => x;

/** Public on purpose: accepted only outside production on a loopback HOST, so the call simulator works with no settings. */
export const DEV_TWILIO_AUTH_TOKEN = 'dev-twilio-auth-token-0000';

export const SETTINGS = {
  env: s({ env: 'NODE_ENV', doc: 'development | test | production', schema: z.enum(['development', 'test', 'production']), default: 'development' }),
  port: s({ env: 'PORT', doc: 'HTTP port (0 picks a free one)', schema: int(0, 65535), default: '3000' }),
  host: s({ env: 'HOST', doc: 'Interface to listen on (outside production only this machine can connect by default)', schema: z.string().min(1), default: '127.0.0.1', prodDefault: '0.0.0.0' }),
  publicBaseUrl: s({ env: 'PUBLIC_BASE_URL', doc: 'URL the outside world (Twilio, browsers) uses to reach this server; Twilio signatures are checked against it, generated URLs (Direct Line streamUrl) take its scheme and host; development: http://localhost:<PORT>', schema: z.url(), devDefault: 'http://localhost:3000' }),
  trustProxy: s({ env: 'TRUST_PROXY', doc: "Express 'trust proxy': false, true, a hop count (1 = one load balancer) or trusted proxy addresses/CIDRs (comma-separated); sets the client IP used by rate limits and logs", schema: trustProxy, default: 'false' }),
  metricsToken: s({ env: 'METRICS_TOKEN', doc: 'Bearer token required by /metrics (16+ chars); in production /metrics is not served without it', schema: z.string().min(16, 'must be at least 16 characters').optional() }),
  logLevel: s({ env: 'LOG_LEVEL', doc: 'pino level: fatal, error, warn, info, debug, trace or silent', schema: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']), default: 'info' }),
  dataDir: s({ env: 'DATA_DIR', doc: 'Where the embedded store keeps its files (when MONGODB_URI is unset)', schema: z.string().min(1), default: './data' }),
  mongodbUri: s({ env: 'MONGODB_URI', doc: 'MongoDB connection string; unset = embedded store under DATA_DIR', schema: z.string().regex(/^mongodb(\+srv)?:\/\//, 'must start with mongodb:// or mongodb+srv://').optional() }),
  redisUrl: s({ env: 'REDIS_URL', doc: 'Redis for sessions, call state, locks and rate limits; unset = in-process', schema: z.string().regex(/^rediss?:\/\//, 'must start with redis:// or rediss://').optional() }),
  redisKeyPrefix: s({ env: 'REDIS_KEY_PREFIX', doc: 'Prefix of every Redis key this server writes', schema: z.string().min(1), default: 'telecare:' }),
  catalogFile: s({ env: 'CATALOG_FILE', doc: 'The product catalog (JSON) the operator edits', schema: z.string().min(1), default: './catalog/catalog.json' }),
  dispositionsFile: s({ env: 'DISPOSITIONS_FILE', doc: 'Wrap-up dispositions CSRs choose from (JSON)', schema: z.string().min(1), default: './catalog/dispositions.json' }),
  rulesDir: s({ env: 'RULES_DIR', doc: 'Decision rules (json-rules-engine files)', schema: z.string().min(1), default: './rules' }),
  ivrFlowsDir: s({ env: 'IVR_FLOWS_DIR', doc: 'Voice menu flows', schema: z.string().min(1), default: './ivr-flows' }),
  chatDialogsDir: s({ env: 'CHAT_DIALOGS_DIR', doc: 'Chat dialog definitions', schema: z.string().min(1), default: './chat-dialogs' }),
  demoData: s({ env: 'DEMO_DATA', doc: 'Load the demo operator (public PINs and passwords) on first start of an empty store; production only when set to true', schema: bool, default: 'true', prodDefault: 'false' }),
  demoHistory: s({ env: 'DEMO_HISTORY', doc: 'With DEMO_DATA: also load three weeks of generated contact history (reports and wallboard have something to show)', schema: bool, default: 'true', prodDefault: 'false' }),
  demoChatPage: s({ env: 'DEMO_CHAT_PAGE', doc: 'Serve the demo chat page at /chat; production only when set to true', schema: bool, default: 'true', prodDefault: 'false' }),
  sessionSecret: s({ env: 'SESSION_SECRET', doc: 'Signs portal and Direct Line tokens (32+ chars); a random one does not survive a restart', schema: z.string().min(32, 'must be at least 32 characters'), devRandom: true }),
  twilioAuthToken: s({ env: 'TWILIO_AUTH_TOKEN', doc: 'Twilio auth token: validates X-Twilio-Signature; the call simulator signs with the same variable. Outside production with a loopback HOST the default is a public development token', schema: z.string().min(16, 'must be at least 16 characters'), devDefault: DEV_TWILIO_AUTH_TOKEN }),
  twilioAccountSid: s({ env: 'TWILIO_ACCOUNT_SID', doc: 'Twilio account SID (outbound REST calls only)', schema: z.string().regex(/^AC[0-9a-f]{32}$/).optional() }),
  twilioCallerId: s({ env: 'TWILIO_CALLER_ID', doc: 'Our number (E.164, on the Twilio account) that callbacks are placed from when the customer did not phone us (a chat customer who left a number); unset: such callbacks cannot be placed and the CSR is told so', schema: z.string().regex(/^\+[1-9]\d{7,14}$/, 'must be an E.164 number such as +12175550100').optional() }),
  twilioApiBaseUrl: s({ env: 'TWILIO_API_BASE_URL', doc: 'Where Twilio REST requests go (voice pickup redirects); only a stand-in (tests, the call simulator --csr) changes it', schema: z.url(), default: 'https://api.twilio.com' }),
  twilioValidateSignature: s({ env: 'TWILIO_VALIDATE_SIGNATURE', doc: 'Check X-Twilio-Signature; may be false only in development', schema: bool, default: 'true' }),
  campaignCallerId: s({ env: 'CAMPAIGN_CALLER_ID', doc: 'The number (E.164, a Twilio number of TWILIO_ACCOUNT_SID) outbound campaign calls come from; with TWILIO_ACCOUNT_SID it turns the campaign dialer on', schema: z.string().regex(/^\+[1-9]\d{6,14}$/, 'must be an E.164 number such as +12175550100').optional() }),
  twilioWorkflowSid: s({ env: 'TWILIO_WORKFLOW_SID', doc: 'TaskRouter workflow for escalations; unset = <Enqueue> to a queue per skill', schema: z.string().regex(/^WW[0-9a-f]{32}$/).optional() }),
  microsoftAppId: s({ env: 'MICROSOFT_APP_ID', doc: 'Bot Framework app id; unset = /api/messages not mounted in production, unauthenticated with loopback serviceUrls only elsewhere (Emulator)', schema: z.string().optional() }),
  microsoftAppPassword: s({ env: 'MICROSOFT_APP_PASSWORD', doc: 'Bot Framework app password', schema: z.string().optional() }),
  microsoftAppTenantId: s({ env: 'MICROSOFT_APP_TENANT_ID', doc: 'Bot Framework tenant (single-tenant bots)', schema: z.string().optional() }),
  resumeWindowHours: s({ env: 'RESUME_WINDOW_HOURS', doc: 'How long an unfinished interaction can be resumed', schema: int(1, 24 * 30), default: '72' }),
  lockoutThreshold: s({ env: 'LOCKOUT_THRESHOLD', doc: 'Consecutive verification failures that lock an account', schema: int(1, 20), default: '5' }),
  lockoutMinutes: s({ env: 'LOCKOUT_MINUTES', doc: 'How long an account stays locked', schema: int(1, 24 * 60), default: '30' }),
  throttlePerMinute: s({ env: 'THROTTLE_PER_MINUTE', doc: 'Verification attempts allowed per source per minute', schema: int(1, 10000), default: '20' }),
  codeSendsPerCustomer: s({ env: 'CODE_SENDS_PER_CUSTOMER', doc: 'One-time codes sent to one customer (or one unknown account) per CODE_SEND_WINDOW_MINUTES, every channel together', schema: int(1, 100), default: '3' }),
  codeSendsPerSource: s({ env: 'CODE_SENDS_PER_SOURCE', doc: 'One-time code requests per source (client IP) per CODE_SEND_WINDOW_MINUTES', schema: int(1, 10000), default: '10' }),
  codeSendWindowMinutes: s({ env: 'CODE_SEND_WINDOW_MINUTES', doc: 'Window of the one-time code send limits', schema: int(1, 24 * 60), default: '15' }),
  registrationsPerHour: s({ env: 'REGISTRATIONS_PER_HOUR', doc: 'POST /api/v1/customers per source (client IP) per hour', schema: int(1, 100000), default: '20' }),
  chatTokensPerMinute: s({ env: 'CHAT_TOKENS_PER_MINUTE', doc: 'POST /chat/token per source (client IP) per minute', schema: int(1, 100000), default: '30' }),
  directLineConversationsPerMinute: s({ env: 'DIRECTLINE_CONVERSATIONS_PER_MINUTE', doc: 'Direct Line conversations started per source (client IP) per minute', schema: int(1, 100000), default: '30' }),
  directLineActivitiesPerMinute: s({ env: 'DIRECTLINE_ACTIVITIES_PER_MINUTE', doc: 'Direct Line activities posted per source (client IP) per minute', schema: int(1, 1000000), default: '300' }),
  directLineMaxActivities: s({ env: 'DIRECTLINE_MAX_ACTIVITIES', doc: 'Activities one Direct Line conversation keeps (customer and bot together); past it the client must start a new one', schema: int(50, 100000), default: '1000' }),
  chatLeftGraceSeconds: s({ env: 'CHAT_LEFT_GRACE_SECONDS', doc: 'A queued Direct Line chat with no open stream and no poll from its customer on any web process for this long leaves the queue (Web Chat reconnects well within it after a network blip or a page reload)', schema: int(15, 3600), default: '60' }),
  directLineSecret: s({ env: 'DIRECTLINE_SECRET', doc: 'Direct Line secret for POST /v3/directline/tokens/generate (Authorization: Bearer <secret>), 32+ chars; unset = a random one per process outside production, the endpoint off in production', schema: z.string().min(32, 'must be at least 32 characters').optional() }),
  outboxMaxAttempts: s({ env: 'OUTBOX_MAX_ATTEMPTS', doc: 'Delivery attempts before a submission is dead-lettered', schema: int(1, 100), default: '8' }),
  outboxBaseDelayMs: s({ env: 'OUTBOX_BASE_DELAY_MS', doc: 'First retry delay; doubles each attempt', schema: int(1, 3_600_000), default: '1000' }),
  outboxPollMs: s({ env: 'OUTBOX_POLL_MS', doc: 'How often the worker looks for due submissions', schema: int(10, 60_000), default: '500' }),
  orderCheckSeconds: s({ env: 'ORDER_CHECK_SECONDS', doc: 'How often the worker asks provisioning about each order still in progress', schema: int(1, 86_400), default: '30' }),
  orderOverdueMinutes: s({ env: 'ORDER_OVERDUE_MINUTES', doc: 'An order still in progress this long after provisioning accepted it is flagged overdue (logged, counted, shown by the API)', schema: int(1, 60 * 24 * 60), default: '1440' }),
  interactionRetentionDays: s({ env: 'INTERACTION_RETENTION_DAYS', doc: 'Days an interaction is kept after its last activity (MongoDB TTL index; the embedded store sweeps hourly)', schema: int(7, 36_500), default: '400' }),
  transcriptRetentionDays: s({ env: 'TRANSCRIPT_RETENTION_DAYS', doc: 'Days a transcript page is kept after its last entry (at most INTERACTION_RETENTION_DAYS; escalations keep their own copy)', schema: int(7, 36_500), default: '90' }),
  provisioningBackend: s({ env: 'PROVISIONING_BACKEND', doc: "Where orders are provisioned: 'reference' (built in) or 'tmf622' (a partner's TM Forum Product Ordering API at PROVISIONING_TMF_URL)", schema: z.enum(['reference', 'tmf622']), default: 'reference' }),
  provisioningTmfUrl: s({ env: 'PROVISIONING_TMF_URL', doc: "The partner's TMF622 base URL, e.g. https://partner.example/tmf-api/productOrderingManagement/v5 (PROVISIONING_BACKEND=tmf622)", schema: z.url().optional() }),
  provisioningTmfTokenUrl: s({ env: 'PROVISIONING_TMF_TOKEN_URL', doc: "The partner's OAuth token endpoint (client credentials); default <origin of PROVISIONING_TMF_URL>/oauth/token", schema: z.url().optional() }),
  provisioningTmfClientId: s({ env: 'PROVISIONING_TMF_CLIENT_ID', doc: 'Our client id at the provisioning partner', schema: z.string().min(1).optional() }),
  provisioningTmfClientSecret: s({ env: 'PROVISIONING_TMF_CLIENT_SECRET', doc: 'Our client secret at the provisioning partner', schema: z.string().min(1).optional() }),
  workforceBackend: s({ env: 'WORKFORCE_BACKEND', doc: "Who repairs what needs a technician: 'reference' (built in) or 'tmf621' (a contractor's TM Forum Trouble Ticket API at WORKFORCE_TMF_URL; slots stay built in)", schema: z.enum(['reference', 'tmf621']), default: 'reference' }),
  workforceTmfUrl: s({ env: 'WORKFORCE_TMF_URL', doc: "The contractor's TMF621 base URL, e.g. https://contractor.example/tmf-api/troubleTicket/v5 (WORKFORCE_BACKEND=tmf621)", schema: z.url().optional() }),
  workforceTmfTokenUrl: s({ env: 'WORKFORCE_TMF_TOKEN_URL', doc: "The contractor's OAuth token endpoint; default <origin of WORKFORCE_TMF_URL>/oauth/token", schema: z.url().optional() }),
  workforceTmfClientId: s({ env: 'WORKFORCE_TMF_CLIENT_ID', doc: 'Our client id at the contractor', schema: z.string().min(1).optional() }),
  workforceTmfClientSecret: s({ env: 'WORKFORCE_TMF_CLIENT_SECRET', doc: 'Our client secret at the contractor', schema: z.string().min(1).optional() }),
  bondTimeoutMs: s({ env: 'BOND_TIMEOUT_MS', doc: 'Longest wait for one call to a partner back-end (TMF clients)', schema: int(100, 120_000), default: '10000' }),
  bondBreakerFailures: s({ env: 'BOND_BREAKER_FAILURES', doc: 'Consecutive failed calls that open the circuit to a partner back-end (calls then fail at once; the outbox retries later)', schema: int(1, 1000), default: '5' }),
  bondBreakerCooldownMs: s({ env: 'BOND_BREAKER_COOLDOWN_MS', doc: 'How long the circuit stays open before one trial call', schema: int(100, 3_600_000), default: '30000' }),
  bondListenerKey: s({ env: 'BOND_LISTENER_KEY', doc: "Secret in the callback URL we register at partner back-ends (their events to our /tmf-api/.../listener routes must carry it), 24+ chars; required in production when a TMF back-end is set", schema: z.string().min(24, 'must be at least 24 characters').optional() }),
  workerInProcess: s({ env: 'WORKER_IN_PROCESS', doc: 'Run the outbox worker inside the web process (default on the embedded store)', schema: bool.optional() }),
} as const;

type Settings = typeof SETTINGS;
export type Config = { [K in keyof Settings]: z.output<Settings[K]['schema']> };

export class ConfigError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ConfigError';
  }
}

/** Which settings of a loaded config were generated or left to their default (see generatedSecrets, wasGiven). */
const origins = new WeakMap<Config, { generated: string[]; given: Set<string> }>();

/** Env names of secrets made up for this process (unset outside production): start-up says so. */
export function generatedSecrets(config: Config): string[] {
  return origins.get(config)?.generated ?? [];
}

/** True when the environment set this setting (false for defaults, and for configs not made by loadConfig). */
export function wasGiven(config: Config, key: keyof Config): boolean {
  return origins.get(config)?.given.has(key) ?? false;
}

export const isLoopbackHost = (host: string): boolean => LOOPBACK_HOST.test(host.replace(/^\[|\]$/g, ''));

/** Parses the environment; throws ConfigError with one line per bad setting. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const production = (env.NODE_ENV ?? 'development') === 'production';
  const out: Record<string, unknown> = {};
  const problems: string[] = [];
  const generated: string[] = [];
  const given = new Set<string>();
  for (const [key, setting] of Object.entries(SETTINGS) as [keyof Settings, Setting<z.ZodType>][]) {
    const raw = env[setting.env];
    const value0 = raw === undefined || raw === '' ? undefined : raw;
    if (value0 !== undefined) given.add(key);
    let value = value0 ?? (production ? (setting.prodDefault ?? setting.default) : (setting.default ?? setting.devDefault));
    if (key === 'publicBaseUrl' && value0 === undefined && !production) value = `http://localhost:${env.PORT ?? '3000'}`;
    if (value === undefined && setting.devRandom && !production) {
      value = randomBytes(32).toString('base64url');
      generated.push(setting.env);
    }
    if (value === undefined && (setting.devDefault !== undefined || setting.devRandom)) {
      problems.push(`${setting.env} is required in production (${setting.doc})`);
      continue;
    }
    const parsed = setting.schema.safeParse(value);
    if (!parsed.success) {
      problems.push(`${setting.env}=${JSON.stringify(value0 ?? value)} is invalid: ${parsed.error.issues.map((i) => i.message).join('; ')}`);
      continue;
    }
    out[key] = parsed.data;
  }
  const config = out as Config;
  if (problems.length === 0 && config.twilioValidateSignature === false && config.env !== 'development' && config.env !== 'test') {
    problems.push('TWILIO_VALIDATE_SIGNATURE=false is allowed only when NODE_ENV is development');
  }
  if (problems.length === 0 && config.microsoftAppId && !config.microsoftAppPassword) {
    problems.push('MICROSOFT_APP_PASSWORD is required when MICROSOFT_APP_ID is set');
  }
  if (problems.length === 0 && !production && !given.has('twilioAuthToken') && !isLoopbackHost(config.host)) {
    problems.push(`TWILIO_AUTH_TOKEN is required when HOST (${config.host}) is not a loopback address: the development default is public, anyone could sign Twilio webhooks with it`);
  }
  if (problems.length === 0 && config.transcriptRetentionDays > config.interactionRetentionDays) {
    problems.push('TRANSCRIPT_RETENTION_DAYS must not exceed INTERACTION_RETENTION_DAYS (a transcript would outlive its interaction)');
  }
  if (problems.length === 0) problems.push(...bondProblems(config, production));
  if (problems.length > 0) throw new ConfigError(`invalid configuration:\n  ${problems.join('\n  ')}`);
  origins.set(config, { generated, given });
  return config;
}

/** A TMF back-end needs its URL and our credentials there; production also https and a listener key (fail closed). */
function bondProblems(config: Config, production: boolean): string[] {
  const out: string[] = [];
  const need = (prefix: string, url: string | undefined, id: string | undefined, secret: string | undefined, tokenUrl: string | undefined) => {
    if (!url) out.push(`${prefix}_TMF_URL is required when ${prefix}_BACKEND is a TMF API`);
    if (!id || !secret) out.push(`${prefix}_TMF_CLIENT_ID and ${prefix}_TMF_CLIENT_SECRET are required when ${prefix}_BACKEND is a TMF API`);
    if (production && [url, tokenUrl].some((u) => u !== undefined && !u.startsWith('https://'))) out.push(`${prefix}_TMF_URL and ${prefix}_TMF_TOKEN_URL must be https in production`);
  };
  if (config.provisioningBackend === 'tmf622') need('PROVISIONING', config.provisioningTmfUrl, config.provisioningTmfClientId, config.provisioningTmfClientSecret, config.provisioningTmfTokenUrl);
  if (config.workforceBackend === 'tmf621') need('WORKFORCE', config.workforceTmfUrl, config.workforceTmfClientId, config.workforceTmfClientSecret, config.workforceTmfTokenUrl);
  if (production && (config.provisioningBackend !== 'reference' || config.workforceBackend !== 'reference') && !config.bondListenerKey) out.push('BOND_LISTENER_KEY is required in production when a TMF back-end is set (partners\' events to our listener routes must prove themselves)');
  return out;
}

/** For .env.example and the check command: every setting with its doc and default. */
export function describeSettings(): string {
  return Object.values(SETTINGS as Record<string, Setting<z.ZodType>>)
    .map((x) => `# ${x.doc}${describeDefault(x)}\n# ${x.env}=`)
    .join('\n\n');
}

function describeDefault(x: Setting<z.ZodType>): string {
  if (x.default !== undefined) return x.prodDefault !== undefined ? ` (default ${x.default}; in production ${x.prodDefault})` : ` (default ${x.default})`;
  if (x.devRandom) return ' (required in production; development generates one per process)';
  if (x.devDefault !== undefined) return ' (required in production; development has a default)';
  return ' (optional)';
}
