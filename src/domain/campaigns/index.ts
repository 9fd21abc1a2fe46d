/**
 * Outbound campaigns, composed: the supervisor's campaigns and suppression list, the dialer run
 * by the scheduler, what happens on each call, and inbound conversions heard on the event port.
 */
import type { Care } from '../care';
import type { Catalog } from '../catalog/catalog-schema';
import type { EventPort } from '../events/care-events';
import type { Stores } from '../ports/store';
import type { Clock, IdGenerator } from '../shared/ports';
import type { AuditLog } from '../staff/audit';
import type { DialScheduler, OutboundCalls, TargetRules } from './ports';
import { createCampaigns, type Campaigns } from './campaigns-api';
import { createDialer, type Dialer } from './dialer';
import { createCampaignCalls, type CampaignCalls } from './campaign-calls';
import { listenForConversions } from './conversions';

export interface TelemarketingDeps {
  stores: Stores;
  clock: Clock;
  ids: IdGenerator;
  catalog: () => Catalog;
  care: Pick<Care, 'verification' | 'orders' | 'catalog'>;
  events: EventPort;
  audit: AuditLog;
  rules: TargetRules;
  calls: OutboundCalls;
  scheduler: DialScheduler;
  onError?: (err: unknown, context: string) => void;
}

export interface Telemarketing {
  campaigns: Campaigns;
  calls: CampaignCalls;
  dialer: Dialer;
  /** Listens for inbound conversions; unless `dialer` is false, starts the scheduler and schedules every active campaign. */
  start(opts?: { dialer?: boolean }): Promise<void>;
  close(): Promise<void>;
}

export function createTelemarketing(deps: TelemarketingDeps): Telemarketing {
  const { stores, clock, scheduler } = deps;
  const dialer = createDialer({ stores, clock, calls: deps.calls, scheduler, onDialError: (targetId, detail) => deps.onError?.(new Error(detail), `campaign call to target ${targetId} not placed`) });
  const campaigns = createCampaigns({ stores, clock, ids: deps.ids, catalog: deps.catalog, rules: deps.rules, scheduler, audit: deps.audit });
  const calls = createCampaignCalls({ stores, clock, care: deps.care, calls: deps.calls, scheduler });
  let stopListening: (() => void) | undefined;
  return {
    campaigns,
    calls,
    dialer,
    async start(opts = {}) {
      stopListening = listenForConversions({ stores, clock, events: deps.events, onError: (err) => deps.onError?.(err, 'campaign conversion not recorded') });
      if (opts.dialer === false) return;
      await scheduler.start((campaignId) => dialer.run(campaignId).catch((err: unknown) => {
        deps.onError?.(err, `campaign ${campaignId}: dialer turn failed`);
        // Try again a little later rather than stall the campaign.
        return scheduler.schedule(campaignId, 5_000);
      }));
      for (const c of await stores.campaigns.find({ status: 'active' })) await scheduler.schedule(c.id, 0);
    },
    async close() {
      stopListening?.();
      await scheduler.close();
    },
  };
}
