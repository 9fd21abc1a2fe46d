import type { Catalog } from '../catalog/catalog-schema';
import type { AdjustableItem } from '../care';
import type { Actor, CsrRole } from '../shared/actor';
import type { Bill, BillAdjustment } from './billing';
import { money } from '../shared/money';
import { remainingAdjustable } from './bill-math';

/** Adjustments that are accepted but not yet on the bill: they use up an item's room too. */
export const IN_FLIGHT: readonly BillAdjustment['status'][] = ['pending-approval', 'submitted'];

/**
 * The items of a bill a customer may ask a credit on: adjustable type, at least one valid
 * reason, and room left after applied and in-flight adjustments.
 */
export function adjustableItems(bill: Bill, catalog: Catalog, inFlight: readonly BillAdjustment[], withOfferReasons = false): AdjustableItem[] {
  const { adjustableItemTypes } = catalog.adjustments;
  const reasons = catalog.adjustments.reasons.filter((r) => withOfferReasons || !r.offerOnly);
  return bill.items.flatMap((item) => {
    if (!adjustableItemTypes.includes(item.type)) return [];
    const valid = reasons.filter((r) => r.appliesTo.includes(item.type)).map((r) => ({ id: r.code, label: r.label }));
    const pending = inFlight.filter((a) => a.billId === bill.id && a.itemId === item.id).reduce((n, a) => n + a.amount.amountMinor, 0);
    const left = remainingAdjustable(item).amountMinor - pending;
    if (valid.length === 0 || left <= 0) return [];
    return [{ ...item, reasons: valid, maxAdjustable: money(left, item.amount.currency) }];
  });
}

export interface ApprovalLimit {
  limitMinor: number;
  /** Audit text naming the limit, e.g. "self-service-limit:voice:2000". */
  basis: string;
}

/** The limit for this actor: the channel's self-service limit for customers, the role limit for CSRs. */
export function approvalLimit(actor: Actor, catalog: Catalog): ApprovalLimit {
  const { selfServiceLimitMinor } = catalog.adjustments;
  if (actor.kind === 'csr') return csrLimit(actor.csrRole ?? 'agent', catalog);
  const channel = actor.channel;
  if (channel === 'voice' || channel === 'chat' || channel === 'portal' || channel === 'api') {
    const limitMinor = selfServiceLimitMinor[channel];
    return { limitMinor, basis: `self-service-limit:${channel}:${limitMinor}` };
  }
  // No self-service limit is defined for this channel: nothing is auto-approved.
  return { limitMinor: 0, basis: `self-service-limit:${channel}:0` };
}

export function csrLimit(role: CsrRole, catalog: Catalog): ApprovalLimit {
  const limitMinor = catalog.adjustments.csrLimitMinor[role];
  return { limitMinor, basis: `csr-limit:${role}:${limitMinor}` };
}

export const requesterOf = (actor: Actor): BillAdjustment['requestedBy'] => ({
  kind: actor.kind === 'csr' ? 'csr' : 'customer',
  channel: actor.channel,
  ...(actor.csrId ? { csrId: actor.csrId } : {}),
});
