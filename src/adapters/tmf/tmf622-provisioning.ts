/**
 * Provisioning through a partner's TMF622 Product Ordering API. An order goes out as a
 * productOrder (one item, as ours are), keyed by its submission's idempotency key (Idempotency-Key
 * header and externalId, so a retried POST never orders twice at the partner); their order id is
 * our externalRef. Where it stands is asked by GET (the outbox's progress check) and told by their
 * ProductOrderStateChangeEvents on our listener route; we register that listener (POST /hub) before
 * the first order and until it has worked once. Serviceability and remote resets are not in TMF622
 * and stay with the built-in provisioning.
 */
import type { ProvisioningSystem } from '../../domain/ports/backends';
import type { Order, OrderItem } from '../../domain/orders/order';
import type { TmfClient } from './tmf-client';

type TmfState = 'acknowledged' | 'rejected' | 'pending' | 'held' | 'inProgress' | 'cancelled' | 'completed' | 'failed' | 'partial' | 'assessingCancellation' | 'pendingCancellation' | 'draft' | 'inProgress.accepted';

/** Their order's state as ours: still going, done, or not done. */
export function progressOf(state: string | undefined): 'inProgress' | 'completed' | 'failed' {
  if (state === 'completed') return 'completed';
  if (state === 'failed' || state === 'rejected' || state === 'cancelled' || state === 'partial') return 'failed';
  return 'inProgress';
}

const chars = (entries: [string, string][]) => entries.map(([name, value]) => ({ '@type': 'StringCharacteristic', name, value, valueType: 'string' }));

function itemOf(item: OrderItem, reasonCode: string | undefined): Record<string, unknown> {
  const offering = (id: string) => ({ productOffering: { '@type': 'ProductOfferingRef', id } });
  const product = (extra: Record<string, unknown> = {}) => ({ product: { '@type': 'Product', id: item.serviceId, ...extra } });
  const base = { '@type': 'ProductOrderItem', id: '1', quantity: 1 };
  switch (item.action) {
    case 'add':
      return { ...base, action: 'add', ...offering(item.productId), product: { '@type': 'Product', productCharacteristic: chars(Object.entries(item.config)) } };
    case 'change-product':
      return { ...base, action: 'modify', ...offering(item.toProductId), ...product() };
    case 'add-addon':
      return { ...base, action: 'add', ...offering(item.addonId), ...product() };
    case 'remove-addon':
      return { ...base, action: 'delete', ...offering(item.addonId), ...product() };
    case 'feature-on':
    case 'feature-off':
      return { ...base, action: 'modify', ...product({ productCharacteristic: chars([[item.featureId, item.action === 'feature-on' ? 'on' : 'off']]) }) };
    case 'change-config':
      return { ...base, action: 'modify', ...product({ productCharacteristic: chars([[item.key, item.value]]) }) };
    case 'disconnect':
      return { ...base, action: 'delete', ...offering(item.productId), ...product({ productCharacteristic: chars(reasonCode ? [['reasonCode', reasonCode]] : []) }) };
  }
}

/** Our order as a TMF622 ProductOrder_FVO. */
export function productOrderRequest(order: Order, idempotencyKey: string): Record<string, unknown> {
  return {
    '@type': 'ProductOrder',
    category: order.type,
    externalId: [{ '@type': 'ExternalIdentifier', id: idempotencyKey, owner: 'telecare', externalIdentifierType: 'idempotencyKey' }],
    relatedParty: [{ '@type': 'RelatedPartyRefOrPartyRoleRef', role: 'customer', partyOrPartyRole: { '@type': 'PartyRoleRef', id: order.customerId } }],
    ...(order.requestedDate ? { requestedCompletionDate: `${order.requestedDate}T00:00:00.000Z` } : {}),
    productOrderItem: order.items.map((item) => itemOf(item, order.reasonCode)),
  };
}

export interface Tmf622Options {
  client: TmfClient;
  /** serviceability, remoteReset (not in TMF622). */
  fallback: ProvisioningSystem;
  /** Our listener for their ProductOrderStateChangeEvents (with its key). */
  callbackUrl: string;
}

export function createTmf622Provisioning(opts: Tmf622Options): ProvisioningSystem & { hubRegistered(): boolean } {
  let hubId: string | undefined;
  async function ensureHub(): Promise<void> {
    if (hubId) return;
    try {
      const hub = await opts.client.call<{ id?: string }>('POST', '/hub', { '@type': 'Hub', callback: opts.callbackUrl, query: 'eventType=ProductOrderStateChangeEvent' });
      hubId = hub?.id ?? 'registered';
    } catch {
      // Events are a shortcut: the outbox's progress check asks for the state anyway. Next order tries again.
    }
  }
  return {
    hubRegistered: () => hubId !== undefined,
    async submitOrder(order, idempotencyKey) {
      await ensureHub();
      const answer = await opts.client.call<{ id?: string; state?: TmfState; expectedCompletionDate?: string }>('POST', '/productOrder', productOrderRequest(order, idempotencyKey), { 'Idempotency-Key': idempotencyKey });
      if (!answer?.id) throw new Error('the partner accepted the order without an id');
      // A refusal is still an answer: the order is theirs to report, and the progress check hears it failed.
      const completedNow = progressOf(answer.state) === 'completed';
      return { externalRef: answer.id, completedNow, ...(answer.expectedCompletionDate ? { expectedCompletionAt: answer.expectedCompletionDate } : {}) };
    },
    async orderStatus(order) {
      const ref = order.submission.externalRef;
      if (!ref) return { status: 'inProgress' };
      const answer = await opts.client.call<{ state?: string }>('GET', `/productOrder/${encodeURIComponent(ref)}`);
      const status = progressOf(answer?.state);
      return status === 'inProgress' ? { status } : { status, note: `the partner's order ${ref} is ${answer?.state}` };
    },
    serviceability: (address) => opts.fallback.serviceability(address),
    remoteReset: (lineId) => opts.fallback.remoteReset(lineId),
  };
}
