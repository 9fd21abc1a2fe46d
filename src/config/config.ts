/**
 * The one configuration schema: every setting has its environment name, a doc line and a
 * default (secrets have none in production). This module is the only reader of process.env.
 */
import { z } from 'zod';

const bool = z.enum(['true', 'false', '1', '0']).transform((v) => v === 'true' || v === '1');
const int = (min: number, max: number) => z.coerce.number().int().min(min).max(max);

interface Setting<T extends z.ZodType> {
  env: string;
  doc: string;
  schema: T;
  /** Default when unset; `devDefault` applies only outside production (secrets). */
  default?: string;
  devDefault?: string;
}
const s = <T extends z.ZodType>(x: Setting<T>): Setting<T> => x;

export const SETTINGS = {
  env: s({ env: 'NODE_ENV', doc: 'development | test | production', schema: z.enum(['development', 'test', 'production']), default: 'development' }),
  port: s({ env: 'PORT', doc: 'HTTP port (0 picks a free one)', schema: int(0, 65535), default: '3000' }),
  host: s({ env: 'HOST', doc: 'Interface to listen on', schema: z.string().min(1), default: '0.0.0.0' }),
  publicBaseUrl: s({ env: 'PUBLIC_BASE_URL', doc: 'URL the outside world (Twilio, browsers) uses to reach this server; Twilio signatures are checked against it', schema: z.url(), default: 'http://localhost:3000' }),
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
  demoData: s({ env: 'DEMO_DATA', doc: 'Load the demo operator on first start of an empty store', schema: bool, default: 'true' }),
  sessionSecret: s({ env: 'SESSION_SECRET', doc: 'Signs portal and Direct Line tokens (32+ chars)', schema: z.string().min(32, 'must be at least 32 characters'), devDefault: 'dev-only-session-secret-change-me-0123456789' }),
  twilioAuthToken: s({ env: 'TWILIO_AUTH_TOKEN', doc: 'Twilio auth token: validates X-Twilio-Signature', schema: z.string().min(16, 'must be at least 16 characters'), devDefault: 'dev-twilio-auth-token-0000' }),
  twilioAccountSid: s({ env: 'TWILIO_ACCOUNT_SID', doc: 'Twilio account SID (outbound REST calls only)', schema: z.string().regex(/^AC[0-9a-f]{32}$/).optional() }),
  twilioValidateSignature: s({ env: 'TWILIO_VALIDATE_SIGNATURE', doc: 'Check X-Twilio-Signature; may be false only in development', schema: bool, default: 'true' }),
  twilioWorkflowSid: s({ env: 'TWILIO_WORKFLOW_SID', doc: 'TaskRouter workflow for escalations; unset = <Enqueue> to a queue per skill', schema: z.string().regex(/^WW[0-9a-f]{32}$/).optional() }),
  microsoftAppId: s({ env: 'MICROSOFT_APP_ID', doc: 'Bot Framework app id; unset = /api/messages unauthenticated (Emulator)', schema: z.string().optional() }),
  microsoftAppPassword: s({ env: 'MICROSOFT_APP_PASSWORD', doc: 'Bot Framework app password', schema: z.string().optional() }),
  microsoftAppTenantId: s({ env: 'MICROSOFT_APP_TENANT_ID', doc: 'Bot Framework tenant (single-tenant bots)', schema: z.string().optional() }),
  resumeWindowHours: s({ env: 'RESUME_WINDOW_HOURS', doc: 'How long an unfinished interaction can be resumed', schema: int(1, 24 * 30), default: '72' }),
  lockoutThreshold: s({ env: 'LOCKOUT_THRESHOLD', doc: 'Consecutive verification failures that lock an account', schema: int(1, 20), default: '5' }),
  lockoutMinutes: s({ env: 'LOCKOUT_MINUTES', doc: 'How long an account stays locked', schema: int(1, 24 * 60), default: '30' }),
  throttlePerMinute: s({ env: 'THROTTLE_PER_MINUTE', doc: 'Verification attempts allowed per source per minute', schema: int(1, 10000), default: '20' }),
  outboxMaxAttempts: s({ env: 'OUTBOX_MAX_ATTEMPTS', doc: 'Delivery attempts before a submission is dead-lettered', schema: int(1, 100), default: '8' }),
  outboxBaseDelayMs: s({ env: 'OUTBOX_BASE_DELAY_MS', doc: 'First retry delay; doubles each attempt', schema: int(1, 3_600_000), default: '1000' }),
  outboxPollMs: s({ env: 'OUTBOX_POLL_MS', doc: 'How often the worker looks for due submissions', schema: int(10, 60_000), default: '500' }),
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

/** Parses the environment; throws ConfigError with one line per bad setting. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const production = (env.NODE_ENV ?? 'development') === 'production';
  const out: Record<string, unknown> = {};
  const problems: string[] = [];
  for (const [key, setting] of Object.entries(SETTINGS) as [keyof Settings, Setting<z.ZodType>][]) {
    const raw = env[setting.env];
    const given = raw === undefined || raw === '' ? undefined : raw;
    let value = given ?? setting.default ?? (production ? undefined : setting.devDefault);
    if (key === 'publicBaseUrl' && given === undefined) value = `http://localhost:${env.PORT ?? '3000'}`;
    if (value === undefined && setting.devDefault !== undefined) {
      problems.push(`${setting.env} is required in production (${setting.doc})`);
      continue;
    }
    const parsed = setting.schema.safeParse(value);
    if (!parsed.success) {
      problems.push(`${setting.env}=${JSON.stringify(given ?? value)} is invalid: ${parsed.error.issues.map((i) => i.message).join('; ')}`);
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
  if (problems.length > 0) throw new ConfigError(`invalid configuration:\n  ${problems.join('\n  ')}`);
  return config;
}

/** For .env.example and the check command: every setting with its doc and default. */
export function describeSettings(): string {
  return Object.values(SETTINGS as Record<string, Setting<z.ZodType>>)
    .map((x) => `# ${x.doc}${x.default !== undefined ? ` (default ${x.default})` : x.devDefault !== undefined ? ' (required in production; development has a default)' : ' (optional)'}\n# ${x.env}=`)
    .join('\n\n');
}
