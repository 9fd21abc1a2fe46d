import type { CareDeps } from '../deps';
import type { BillingApi } from '../care';
import type { Actor } from '../shared/actor';
import type { BillAdjustment } from './billing';
import type { NewRecord } from '../ports/store';
import { fail, isDomainError } from '../shared/errors';
import { money } from '../shared/money';
import { newSubmission, requireLevel, scopedKey } from '../shared/guards';
import { findByKey, insertOnce } from '../submissions/insert-once';
import { updateWithRetry } from '../shared/update-with-retry';
import { requireOwnInteraction } from '../interactions/ownership';
import { refuse } from '../shared/refusal';
import { billOf } from './bill-queries';
import { IN_FLIGHT, adjustableItems, approvalLimit, csrLimit, requesterOf, type ApprovalLimit } from './adjustment-policy';

const DAY_MS = 86_400_000;

type Approval = Pick<BillAdjustment, 'approval' | 'approvalBasis' | 'status'>;

export function createAdjustments(deps: CareDeps): Pick<BillingApi, 'adjustableItems' | 'requestAdjustment' | 'decideAdjustment'> {
  const inFlightFor = (customerId: string) =>
    deps.stores.adjustments.find({ customerId, status: { $in: IN_FLIGHT as string[] } });

  async function itemsOf(actor: Actor, billId: string, excludeId?: string, withOfferReasons = false) {
    const bill = await billOf(deps, actor, billId);
    const inFlight = (await inFlightFor(bill.customerId)).filter((a) => a.id !== excludeId);
    return { bill, items: adjustableItems(bill, deps.catalog(), inFlight, withOfferReasons) };
  }

  /** At or below the limit the rules may still ask for a person; above it, always a person. */
  /**
   * Reserves this request on the customer's document and returns how many other adjustments
   * were requested in the last 90 days. The reservation is a versioned replace of one document,
   * so parallel requests are counted one after another: never two "second" adjustments.
   */
  async function reserveAndCount(customerId: string, key: string): Promise<number> {
    const now = deps.clock.now();
    const since = new Date(now.getTime() - 90 * DAY_MS).toISOString();
    let others = 0;
    await updateWithRetry(deps.stores.customers, customerId, async (c) => {
      const [recent, rejected] = await Promise.all([
        deps.stores.adjustments.find({ customerId, createdAt: { $gte: since }, status: { $ne: 'rejected' } }),
        deps.stores.adjustments.find({ customerId, status: 'rejected' }),
      ]);
      const dropped = new Set(rejected.map((a) => a.idempotencyKey));
      const reserved = (c.adjustmentReservations ?? []).filter((r) => r.at >= since);
      const keys = new Set([...recent.map((a) => a.idempotencyKey), ...reserved.filter((r) => !dropped.has(r.key)).map((r) => r.key)]);
      keys.delete(key);
      others = keys.size;
      if (reserved.some((r) => r.key === key) && reserved.length === (c.adjustmentReservations ?? []).length) return null;
      return { ...c, adjustmentReservations: [...reserved.filter((r) => r.key !== key), { key, at: now.toISOString() }] };
    });
    return others;
  }

  async function approvalFor(actor: Actor, limit: ApprovalLimit, facts: { amountMinor: number; itemType: string; reasonCode: string; key: string; customerId: string }): Promise<Approval> {
    const pending = (basis: string): Approval => ({ approval: 'pending-approval', approvalBasis: basis, status: 'pending-approval' });
    const recent = await reserveAndCount(facts.customerId, facts.key);
    if (facts.amountMinor > limit.limitMinor) return pending(`above-${limit.basis}`);
    try {
      const decisions = await deps.rules.decide('adjustment-approval', {
        channel: actor.channel,
        actorKind: actor.kind,
        csrRole: actor.csrRole ?? null,
        amountMinor: facts.amountMinor,
        limitMinor: limit.limitMinor,
        itemType: facts.itemType,
        reasonCode: facts.reasonCode,
        adjustmentsLast90Days: recent,
      });
      const hold = decisions.find((d) => d.type === 'require-approval');
      if (hold) return pending(`rule:${hold.rule}`);
      const approve = decisions.find((d) => d.type === 'auto-approve');
      if (approve) return { approval: 'auto-approved', approvalBasis: `rule:${approve.rule} (${limit.basis})`, status: 'submitted' };
    } catch {
      // Rules we cannot evaluate never approve money: a person decides.
      return pending('rules-unavailable');
    }
    return { approval: 'auto-approved', approvalBasis: limit.basis, status: 'submitted' };
  }

  async function submitted(adjustment: BillAdjustment): Promise<BillAdjustment> {
    await deps.deliverNow('adjustment', adjustment.id);
    return (await deps.stores.adjustments.get(adjustment.id)) ?? adjustment;
  }

  return {
    async adjustableItems(actor, billId) {
      return (await itemsOf(actor, billId)).items;
    },

    async requestAdjustment(actor, input, opts) {
      requireLevel(actor, 'verified');
      await requireOwnInteraction(deps.stores, actor, opts.interactionId);
      const key = scopedKey(actor, 'adjustment', opts.idempotencyKey);
      const existing = await findByKey(deps.stores.adjustments, key);
      if (existing) return existing;

      const { bill, items } = await itemsOf(actor, input.billId, undefined, opts.operatorOffer === true);
      const item = items.find((i) => i.id === input.itemId);
      if (!item) {
        refuse(
          'ITEM_NOT_ADJUSTABLE',
          { reasonCode: 'item-not-adjustable', reason: 'this charge cannot be adjusted here (taxes and discounts never are, and a charge already credited in full has no room left)', nextSteps: ['choose-other', 'agent'], facts: { adjustable: items.map((i) => i.description) } },
          { billId: bill.id, itemId: input.itemId },
        );
      }
      if (!item.reasons.some((r) => r.id === input.reasonCode)) {
        fail('REASON_NOT_VALID', 'this reason does not apply to this item', { reasonCode: input.reasonCode, valid: item.reasons.map((r) => r.id) });
      }
      const amountMinor = input.amountMinor;
      if (!Number.isSafeInteger(amountMinor) || amountMinor <= 0 || amountMinor > item.maxAdjustable.amountMinor) {
        fail('AMOUNT_NOT_VALID', 'the amount must be a whole positive amount no larger than the item allows', { maxAdjustableMinor: item.maxAdjustable.amountMinor });
      }

      const now = deps.clock.now();
      const approval = await approvalFor(actor, approvalLimit(actor, deps.catalog()), { amountMinor, itemType: item.type, reasonCode: input.reasonCode, key, customerId: bill.customerId });
      const doc: NewRecord<BillAdjustment> = {
        id: deps.ids.next('adj'),
        customerId: bill.customerId,
        billId: bill.id,
        itemId: item.id,
        reasonCode: input.reasonCode,
        amount: money(amountMinor, item.amount.currency),
        requestedBy: requesterOf(actor),
        ...approval,
        ...(opts.interactionId ? { interactionId: opts.interactionId } : {}),
        idempotencyKey: key,
        createdAt: now.toISOString(),
        ...(approval.approval === 'auto-approved' ? { submission: newSubmission(key, now) } : {}),
      };
      const { record, created } = await insertOnce(deps.stores.adjustments, doc);
      return created && record.submission ? submitted(record) : record;
    },

    async decideAdjustment(csr, adjustmentId, decision, note) {
      if (csr.kind !== 'csr' || !csr.csrId) fail('NOT_VERIFIED', 'only a CSR may decide an adjustment');
      const role = csr.csrRole ?? 'agent';
      for (let attempt = 1; ; attempt += 1) {
        const adjustment = await deps.stores.adjustments.get(adjustmentId);
        if (!adjustment) fail('NOT_FOUND', 'no such adjustment', { adjustmentId });
        const alreadyApproved = adjustment.approval === 'approved' || adjustment.approval === 'auto-approved';
        if ((decision === 'approve' && alreadyApproved) || (decision === 'reject' && adjustment.approval === 'rejected')) return adjustment;
        if (adjustment.approval !== 'pending-approval') fail('CONFLICT', `the adjustment is already ${adjustment.approval}`, { approval: adjustment.approval });

        const now = deps.clock.now();
        const decidedBy = { csrId: csr.csrId, role, at: now.toISOString() };
        const noted = note ? { decisionNote: note } : {};
        let next: BillAdjustment;
        if (decision === 'reject') {
          next = { ...adjustment, approval: 'rejected', status: 'rejected', approvalBasis: `rejected-by:${csr.csrId}`, decidedBy, ...noted };
        } else {
          const limit = csrLimit(role, deps.catalog());
          if (adjustment.amount.amountMinor > limit.limitMinor) {
            refuse(
              'LIMIT_EXCEEDED',
              { reasonCode: 'above-approval-limit', reason: `the amount is above the ${role}'s approval limit; a more senior representative must approve it`, nextSteps: ['agent'], facts: { limitMinor: limit.limitMinor, role } },
              { limitMinor: limit.limitMinor, role },
            );
          }
          const owner: Actor = { kind: 'csr', channel: csr.channel, verification: 'verified', customerId: adjustment.customerId, csrId: csr.csrId, csrRole: role };
          const room = (await itemsOf(owner, adjustment.billId, adjustment.id, true)).items.find((i) => i.id === adjustment.itemId);
          if (!room || adjustment.amount.amountMinor > room.maxAdjustable.amountMinor) {
            fail('AMOUNT_NOT_VALID', 'the item no longer allows this amount', { maxAdjustableMinor: room?.maxAdjustable.amountMinor ?? 0 });
          }
          next = {
            ...adjustment,
            approval: 'approved',
            status: 'submitted',
            approvalBasis: `approved-by:${csr.csrId}:${limit.basis}`,
            decidedBy,
            ...noted,
            submission: newSubmission(adjustment.idempotencyKey, now),
          };
        }
        try {
          const saved = await deps.stores.adjustments.replace(next);
          return saved.submission ? submitted(saved) : saved;
        } catch (e) {
          if (!isDomainError(e) || e.code !== 'CONFLICT' || attempt >= 3) throw e;
        }
      }
    },
  };
}
