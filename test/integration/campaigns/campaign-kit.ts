/**
 * Campaigns over the whole domain (in-memory store, demo operator, settable clock) with the real
 * Twilio REST adapter talking to the REST stand-in: what the dialer places is what reaches
 * "Twilio" at its HTTP boundary.
 */
import { makeCare, type CareFixture } from '../../support/care-fixture';
import { startTwilioRestStandin, type PlacedCall, type TwilioRestStandin } from '../../../scripts/support/twilio-rest-standin';
import { createTelemarketing, type Telemarketing } from '../../../src/domain/campaigns';
import { createTargetRules } from '../../../src/adapters/rules/target-rules';
import { createInProcessScheduler } from '../../../src/adapters/campaigns/in-process-scheduler';
import { createTwilioOutboundCalls } from '../../../src/adapters/twilio-rest/twilio-outbound-calls';
import { createAuditLog } from '../../../src/domain/staff/audit';
import { staffView, type StaffView } from '../../../src/domain/staff/staff';
import type { CampaignInput } from '../../../src/domain/campaigns/campaign';
import type { DialScheduler } from '../../../src/domain/campaigns/ports';

export const ACCOUNT_SID = `AC${'2'.repeat(32)}`;
export const CALLER_ID = '+12175550100';

export interface CampaignKit {
  care: CareFixture;
  rest: TwilioRestStandin;
  placed: PlacedCall[];
  tm: Telemarketing;
  scheduler: DialScheduler;
  supervisor: StaffView;
  csr: StaffView;
  close(): Promise<void>;
}

export async function campaignKit(opts: { scheduler?: DialScheduler } = {}): Promise<CampaignKit> {
  const care = await makeCare();
  const placed: PlacedCall[] = [];
  const rest = await startTwilioRestStandin({ onCall: (c) => void placed.push(c) });
  const scheduler = opts.scheduler ?? createInProcessScheduler();
  const { deps } = care;
  const tm = createTelemarketing({
    stores: deps.stores,
    clock: deps.clock,
    ids: deps.ids,
    catalog: deps.catalog,
    care: care.care,
    events: deps.events,
    audit: createAuditLog({ audit: deps.stores.audit, clock: deps.clock, ids: deps.ids }),
    rules: createTargetRules(),
    calls: createTwilioOutboundCalls({ accountSid: ACCOUNT_SID, authToken: 'test-auth-token-0000', apiBaseUrl: rest.url, callerId: CALLER_ID, webhookBase: 'https://care.example.test/voice-outbound' }),
    scheduler,
  });
  const staff = async (username: string) => staffView((await care.stores.staff.findOne({ username }))!);
  return {
    care,
    rest,
    placed,
    tm,
    scheduler,
    supervisor: await staff('jordan.reyes'),
    csr: await staff('alex.morgan'),
    close: async () => {
      await tm.close();
      await rest.close();
      await care.close();
    },
  };
}

/** A campaign selling Mobile Unlimited to broadband customers without a mobile, open all day, every day. */
export function mobileCampaign(now: string, over: Partial<CampaignInput> = {}): CampaignInput {
  return {
    name: 'Mobile for broadband homes',
    offer: { kind: 'new-service', productId: 'mobile-unlimited' },
    targetRule: { conditions: { all: [{ fact: 'hasBroadband', operator: 'equal', value: true }, { fact: 'hasMobile', operator: 'equal', value: false }] } },
    window: { from: '00:00', to: '23:59', days: [1, 2, 3, 4, 5, 6, 7], defaultTimeZone: 'America/Chicago' },
    maxAttempts: 2,
    retryAfterMinutes: 60,
    pacing: { callsPerMinute: 60 },
    voicemail: { en: 'Call us about Mobile Unlimited at 217 555 0100.', es: 'Llámenos por Mobile Unlimited al 217 555 0100.' },
    startAt: now,
    endAt: new Date(new Date(now).getTime() + 7 * 86_400_000).toISOString(),
    ...over,
  };
}
