/**
 * Composition of the staff API: the dispositions file, the staff desk over the domain's
 * dependencies, and its router under /api/v1/staff, mounted like every other channel.
 */
import type { Config } from './config/config';
import type { Composed } from './compose';
import type { ChannelMount } from './app';
import type { Logger } from './shared/logger';
import { createStaffDesk } from './domain/staff/staff-desk';
import { createChatDesk, type ChatHandoffPort } from './domain/staff/chat-desk';
import { loadDispositionsFile } from './adapters/files/dispositions-file';
import { createTokenSigner } from './shared/tokens';
import { makeStaffApiRouter, STAFF_API_PATH } from './channels/staff-api';
import { createCsrActions } from './domain/staff/csr-actions';
import { createApprovals } from './domain/staff/approvals';
import { createReports } from './domain/reports/reports-api';
import { createWallboard } from './domain/reports/wallboard';
import { createIdempotency } from './channels/api/idempotency';
import { createVoicePickup, type VoicePickup } from './domain/staff/voice-pickup';
import { callControlUnavailable } from './domain/ports/call-control';
import { createTwilioCallControl } from './adapters/twilio-rest/twilio-call-control';
import { startRepeating } from './domain/shared/repeating';

/** How often callbacks booked for later are checked for having come due. */
export const DUE_CALLBACKS_EVERY_MS = 30_000;
import type { Campaigns } from './domain/campaigns/campaigns-api';
import type { LiveCatalog } from './domain/catalog/live-catalog';
import { createStaffCatalog } from './domain/staff/catalog-reload';

/** A shift: staff tokens last 8 hours unless signed out (sign-out revokes at once). */
export const STAFF_TOKEN_TTL_SECONDS = 8 * 3600;

export function mountStaffApi(config: Config, composed: Pick<Composed, 'care' | 'deps'>, live: Pick<LiveCatalog, 'reload'>, chat?: ChatHandoffPort, logger?: Pick<Logger, 'warn'>, campaigns?: Campaigns): ChannelMount {
  const dispositions = loadDispositionsFile(config.dispositionsFile);
  const { deps, care } = composed;
  const desk = createStaffDesk({ ...deps, escalations: care.escalations, dispositions: () => dispositions, pickup: voicePickup(config, deps.stores) });
  const tokens = createTokenSigner(config.sessionSecret, { clock: deps.clock, ttlSeconds: STAFF_TOKEN_TTL_SECONDS });
  const actions = createCsrActions({ stores: deps.stores, clock: deps.clock, care, audit: desk.audit, events: deps.events });
  const approvals = createApprovals({ stores: deps.stores, clock: deps.clock, catalog: deps.catalog, billing: care.billing, audit: desk.audit, notifier: deps.backends.notifier });
  const reports = createReports({ reports: deps.stores.reports, clock: deps.clock, catalog: deps.catalog, audit: desk.audit });
  const wallboard = createWallboard({ stores: deps.stores, clock: deps.clock });
  const catalog = createStaffCatalog({ live, audit: desk.audit });
  const idempotency = createIdempotency(deps.stores.idempotency, deps.clock);
  const chatDesk = chat ? createChatDesk({ escalations: deps.stores.escalations, interactions: deps.stores.interactions, audit: desk.audit, handoff: chat, transcript: (id) => care.interactions.transcriptOf(id) }) : undefined;
  // Callbacks booked for later reach the live queues at their time (every web process checks; each is announced once).
  const dueCallbacks = startRepeating(() => care.escalations.announceDueCallbacks(), {
    firstDelayMs: DUE_CALLBACKS_EVERY_MS,
    nextDelayMs: () => DUE_CALLBACKS_EVERY_MS,
    onError: (err) => logger?.warn({ err }, 'staff: callbacks that came due could not be announced'),
  });
  return {
    path: STAFF_API_PATH,
    close: () => dueCallbacks.stop(),
    router: makeStaffApiRouter({ desk, tokens, events: deps.events, clock: deps.clock, tokenTtlSeconds: STAFF_TOKEN_TTL_SECONDS, actions, approvals, reports, wallboard, catalog, idempotency, fingerprintKey: config.sessionSecret, ...(chatDesk ? { chat: chatDesk } : {}), ...(campaigns ? { campaigns } : {}) }),
  };
}

/** Voice pickup: Twilio REST when TWILIO_ACCOUNT_SID is set; otherwise accept says the call cannot be moved. */
export function voicePickup(config: Config, stores: Composed['deps']['stores']): VoicePickup {
  const origin = config.publicBaseUrl.replace(/\/+$/, '');
  const calls = config.twilioAccountSid
    ? createTwilioCallControl({
        accountSid: config.twilioAccountSid,
        authToken: config.twilioAuthToken,
        apiBaseUrl: config.twilioApiBaseUrl,
        dialUrl: (escalationId) => `${origin}/voice/pickup?e=${encodeURIComponent(escalationId)}`,
        callbackUrl: (escalationId) => `${origin}/voice/pickup/callback?e=${encodeURIComponent(escalationId)}`,
      })
    : callControlUnavailable('TWILIO_ACCOUNT_SID is not set');
  return createVoicePickup({ stores, calls, routing: config.twilioWorkflowSid ? 'taskrouter' : 'enqueue', ...(config.twilioCallerId ? { callerId: config.twilioCallerId } : {}) });
}
