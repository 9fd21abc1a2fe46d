/**
 * The domain's abuse budgets (one-time code sends, decoy counters for identifiers that name no
 * account) and the HTTP edge's per-source limits, all on rate-limiter-flexible: in Redis when a
 * client is given (shared by every instance), in process otherwise.
 */
import type { Redis } from 'ioredis';
import type { AbuseLimits, Policy } from '../../domain/deps';
import type { RateLimit } from '../../domain/shared/ports';
import { CODE_ATTEMPTS } from '../../domain/customers/one-time-code';
import { createThrottle } from './index';

export interface CodeSendLimits {
  perCustomer: number;
  perSource: number;
  windowMinutes: number;
}

export const DEFAULT_CODE_SEND_LIMITS: CodeSendLimits = { perCustomer: 3, perSource: 10, windowMinutes: 15 };

/** A decoy's failure count is kept this long without a failure (a real account's is kept until it succeeds). */
const DECOY_MEMORY_SEC = 24 * 3600;

export function createAbuseLimits(opts: { policy: Pick<Policy, 'lockoutThreshold' | 'lockoutMinutes' | 'oneTimeCodeMinutes'>; codeSends?: CodeSendLimits; redis?: Redis }): AbuseLimits {
  const { policy, redis } = opts;
  const sends = opts.codeSends ?? DEFAULT_CODE_SEND_LIMITS;
  const windowSec = sends.windowMinutes * 60;
  return {
    codeSendsPerCustomer: createThrottle({ points: sends.perCustomer, durationSec: windowSec, redis, keyPrefix: 'limit:code-sends:customer' }),
    codeSendsPerSource: createThrottle({ points: sends.perSource, durationSec: windowSec, redis, keyPrefix: 'limit:code-sends:source' }),
    decoyFailures: createThrottle({
      points: Math.max(0, policy.lockoutThreshold - 1),
      durationSec: DECOY_MEMORY_SEC,
      blockDurationSec: policy.lockoutMinutes * 60,
      redis,
      keyPrefix: 'limit:decoy:failures',
    }),
    decoyCodes: createThrottle({ points: CODE_ATTEMPTS + 1, durationSec: policy.oneTimeCodeMinutes * 60, redis, keyPrefix: 'limit:decoy:codes' }),
  };
}

export interface HttpLimitSettings {
  registrationsPerHour: number;
  chatTokensPerMinute: number;
  directLineConversationsPerMinute: number;
  directLineActivitiesPerMinute: number;
}

/** Per-source (client IP) budgets of the HTTP edge. */
export interface HttpLimits {
  registrations: RateLimit;
  chatTokens: RateLimit;
  directLineConversations: RateLimit;
  directLineActivities: RateLimit;
}

export function createHttpLimits(settings: HttpLimitSettings, redis?: Redis): HttpLimits {
  return {
    registrations: createThrottle({ points: settings.registrationsPerHour, durationSec: 3600, redis, keyPrefix: 'limit:registrations' }),
    chatTokens: createThrottle({ points: settings.chatTokensPerMinute, durationSec: 60, redis, keyPrefix: 'limit:chat-tokens' }),
    directLineConversations: createThrottle({ points: settings.directLineConversationsPerMinute, durationSec: 60, redis, keyPrefix: 'limit:dl-conversations' }),
    directLineActivities: createThrottle({ points: settings.directLineActivitiesPerMinute, durationSec: 60, redis, keyPrefix: 'limit:dl-activities' }),
  };
}
