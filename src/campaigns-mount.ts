/**
 * Composition of outbound campaigns: the dialer's scheduler (BullMQ on REDIS_URL, else in
 * process), Twilio REST for the calls (TWILIO_ACCOUNT_SID + CAMPAIGN_CALLER_ID; otherwise no
 * call is placed and start-up says so), the target rules over json-rules-engine, the campaign
 * call's webhooks under /voice-outbound (flow ivr-flows/outbound.yaml) and the supervisor's
 * routes in the staff API.
 */
import type { Config } from './config/config';
import type { Composed } from './compose';
import type { ChannelMount } from './app';
import type { Logger } from './shared/logger';
import type { Flows } from './channels/voice/flows/load-flows';
import { FlowError } from './channels/voice/flows/load-flows';
import { createTelemarketing, type Telemarketing } from './domain/campaigns';
import type { DialScheduler, OutboundCalls } from './domain/campaigns/ports';
import { createAuditLog } from './domain/staff/audit';
import { createTargetRules } from './adapters/rules/target-rules';
import { createInProcessScheduler } from './adapters/campaigns/in-process-scheduler';
import { createBullmqScheduler } from './adapters/campaigns/bullmq-scheduler';
import { createTwilioOutboundCalls } from './adapters/twilio-rest/twilio-outbound-calls';
import { checkOutboundFlow } from './channels/voice/outbound/outbound-flow';
import { createOutboundVoiceRouter, OUTBOUND_VOICE_PATH } from './channels/voice/outbound/outbound-router';

export interface CampaignsMount {
  telemarketing: Telemarketing;
  channel: ChannelMount;
  /** Whether calls can be placed (TWILIO_ACCOUNT_SID and CAMPAIGN_CALLER_ID are set). */
  dialing: boolean;
}

/** Without an account or caller ID nothing is dialled: campaigns can be prepared, their targets stay queued. */
const noCalls = (detail: string): OutboundCalls => ({
  place: async () => ({ ok: false, detail }),
  leaveVoicemail: async () => ({ ok: false, detail }),
});
const idleScheduler = (): DialScheduler => ({ schedule: async () => undefined, start: async () => undefined, close: async () => undefined });

export function mountCampaigns(config: Config, composed: Pick<Composed, 'care' | 'deps'>, flows: Flows, logger: Logger): CampaignsMount {
  const { deps, care } = composed;
  const outbound = checkOutboundFlow(config.ivrFlowsDir, flows);
  if (!outbound.flow) throw new FlowError(outbound.problems);
  const origin = config.publicBaseUrl.replace(/\/+$/, '');
  const dialing = Boolean(config.twilioAccountSid && config.campaignCallerId);
  const calls = dialing
    ? createTwilioOutboundCalls({ accountSid: config.twilioAccountSid as string, authToken: config.twilioAuthToken, apiBaseUrl: config.twilioApiBaseUrl, callerId: config.campaignCallerId as string, webhookBase: `${origin}${OUTBOUND_VOICE_PATH}` })
    : noCalls('TWILIO_ACCOUNT_SID and CAMPAIGN_CALLER_ID are needed to place campaign calls');
  const scheduler = !dialing
    ? idleScheduler()
    : config.redisUrl
      ? createBullmqScheduler({ redisUrl: config.redisUrl, prefix: `${config.redisKeyPrefix}bull`, onError: (err) => logger.warn({ err }, 'campaign scheduler: Redis error') })
      : createInProcessScheduler();
  const telemarketing = createTelemarketing({
    stores: deps.stores,
    clock: deps.clock,
    ids: deps.ids,
    catalog: deps.catalog,
    care,
    events: deps.events,
    audit: createAuditLog({ audit: deps.stores.audit, clock: deps.clock, ids: deps.ids }),
    rules: createTargetRules(),
    calls,
    scheduler,
    onError: (err, context) => logger.error({ err }, context),
  });
  const router = createOutboundVoiceRouter({ calls: telemarketing.calls, flows, flow: outbound.flow, config, logger });
  return { telemarketing, dialing, channel: { path: OUTBOUND_VOICE_PATH, router, close: () => telemarketing.close() } };
}
