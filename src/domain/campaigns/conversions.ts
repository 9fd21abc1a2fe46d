/**
 * Inbound closes the loop: when a targeted customer orders their campaign's offer on any channel
 * (voice, chat, portal, API), the target is converted, attributed to the campaign with the
 * channel and the order, and leaves the dialer's queue. Heard on the event port; the dialer also
 * checks "already bought" before every call, so a lost event never means a needless call.
 */
import type { Stores } from '../ports/store';
import type { Clock } from '../shared/ports';
import type { CareEvent, EventPort } from '../events/care-events';
import { FINAL_TARGET_STATUSES, withoutNextAttempt, type CampaignTarget } from './campaign';
import { offeredProduct } from './suppression';
import { updateWithRetry } from '../shared/update-with-retry';

type OrderPlaced = Extract<CareEvent, { type: 'order.placed' }>;

export interface ConversionsDeps {
  stores: Pick<Stores, 'campaigns' | 'campaignTargets'>;
  clock: Clock;
}

/** Marks the customer's open targets whose offer this order buys; returns the ids converted. */
export async function recordConversion(deps: ConversionsDeps, e: OrderPlaced): Promise<string[]> {
  const converted: string[] = [];
  const open = await deps.stores.campaignTargets.find({ customerId: e.customerId, status: { $in: ['queued', 'dialing'] } });
  for (const target of open) {
    const campaign = await deps.stores.campaigns.get(target.campaignId);
    if (!campaign || !e.productIds.includes(offeredProduct(campaign.offer))) continue;
    let changed = false;
    await updateWithRetry(deps.stores.campaignTargets, target.id, (t): CampaignTarget | null => {
      if (FINAL_TARGET_STATUSES.includes(t.status)) return null;
      changed = true;
      return { ...withoutNextAttempt(t), status: 'converted', conversion: { via: e.channel, orderId: e.orderId, at: e.at }, updatedAt: deps.clock.now().toISOString() };
    });
    if (changed) converted.push(target.id);
  }
  return converted;
}

/** Listens on the event port until the returned function is called. */
export function listenForConversions(deps: ConversionsDeps & { events: EventPort; onError?: (err: unknown) => void; onConverted?: (targetIds: string[], e: OrderPlaced) => void }): () => void {
  return deps.events.subscribe((event) => {
    if (event.type !== 'order.placed') return;
    recordConversion(deps, event).then(
      (ids) => {
        if (ids.length) deps.onConverted?.(ids, event);
      },
      (err: unknown) => deps.onError?.(err),
    );
  });
}
