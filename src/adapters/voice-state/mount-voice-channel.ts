/**
 * Composition for the voice channel (called from bootstrap's channels section): validated
 * flows (a broken flow stops start-up naming file, step and reason), the call-state store
 * (Redis when configured, else in-process) and the /voice router.
 */
import type Redis from 'ioredis';
import type { Config } from '../../config/config';
import type { Care } from '../../domain/care';
import type { CatalogText } from '../../domain/catalog/catalog-text';
import type { LanguageUnderstanding } from '../../domain/understanding/language-understanding';
import { createVoiceChannel, loadFlows, type VoiceLogger } from '../../channels/voice';
import { createCallStateStore } from './create-call-state-store';
import type { Stores } from '../../domain/ports/store';
import { createVoicePickup } from '../../domain/staff/voice-pickup';
import { callControlUnavailable } from '../../domain/ports/call-control';

export interface VoiceMountContext {
  config: Config;
  care: Care;
  /** The app's shared client (already prefixed with config.redisKeyPrefix). */
  redis?: Redis;
  logger: VoiceLogger;
  /** For the dial plans of calls CSRs took (voice pickup). */
  stores?: Pick<Stores, 'escalations' | 'staff'>;
  /** Speech understood through the classifier chat uses. */
  language?: LanguageUnderstanding;
  catalogText?: CatalogText;
}

export function mountVoiceChannel(ctx: VoiceMountContext) {
  const flows = loadFlows(ctx.config.ivrFlowsDir);
  // Own connection (same URL, prefix and fail-fast options) with auto-pipelining: under load the
  // read and CAS of many concurrent webhooks share writes instead of one syscall each.
  const redis = ctx.redis?.duplicate({ enableAutoPipelining: true });
  redis?.on('error', () => undefined);
  const store = createCallStateStore({ redis, keyPrefix: '' });
  const callState = { ...store, close: async () => redis?.disconnect() };
  if (!ctx.redis) ctx.logger.info({}, 'voice: call state kept in process (REDIS_URL unset): run one web process');
  // The TwiML side of a pickup only reads who holds the call; the redirect itself is the staff desk's.
  const pickup = ctx.stores ? createVoicePickup({ stores: ctx.stores, calls: callControlUnavailable('read-only'), routing: ctx.config.twilioWorkflowSid ? 'taskrouter' : 'enqueue', ...(ctx.config.twilioCallerId ? { callerId: ctx.config.twilioCallerId } : {}) }) : undefined;
  const router = createVoiceChannel({ care: ctx.care, config: ctx.config, callState, logger: ctx.logger, flows, ...(pickup ? { pickup } : {}), ...(ctx.language ? { language: ctx.language } : {}), ...(ctx.catalogText ? { catalogText: ctx.catalogText } : {}) });
  return { path: '/voice', router, hot: true, close: () => callState.close(), flows };
}
