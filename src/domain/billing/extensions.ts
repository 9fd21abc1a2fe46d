import type { CareDeps } from '../deps';
import type { BillingApi } from '../care';
import type { Actor } from '../shared/actor';
import type { Bill, PaymentExtension } from './billing';
import { fail, isDomainError } from '../shared/errors';
import { newSubmission, requireLevel, scopedKey } from '../shared/guards';
import { findByKey, insertOnce } from '../submissions/insert-once';
import { billOf } from './bill-queries';
import { addDays, daysPastDue } from './bill-math';
import { extensionRefusal, extensionVerdict, type ExtensionVerdict } from './extension-policy';
import { refuse } from '../shared/refusal';
import { requireOwnInteraction } from '../interactions/ownership';
import { requesterOf } from './adjustment-policy';

const DAY_MS = 86_400_000;
const DATE = /^\d{4}-\d{2}-\d{2}$/;
const daysBetween = (from: string, to: string): number => Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / DAY_MS);

export function createExtensions(deps: CareDeps): Pick<BillingApi, 'extensionOptions' | 'requestExtension' | 'decideExtension'> {
  async function verdictFor(actor: Actor): Promise<ExtensionVerdict> {
    requireLevel(actor, 'verified');
    const customerId = actor.customerId as string;
    const [bills, extensions] = await Promise.all([
      deps.stores.bills.find({ customerId }),
      deps.stores.extensions.find({ customerId }),
    ]);
    return extensionVerdict({ bills, extensions, catalog: deps.catalog(), now: deps.clock.now() });
  }

  /**
   * What the policy refused a CSR could still ask a supervisor for: the rules of
   * extension-approval decide (none held: it stays refused). Returns the rule's basis, or null.
   */
  async function approvalHold(actor: Actor, verdict: ExtensionVerdict, input: { billId: string; toDate: string }): Promise<string | null> {
    if (actor.kind !== 'csr' || !verdict.bill || verdict.bill.id !== input.billId || !DATE.test(input.toDate)) return null;
    const bill: Bill = verdict.bill;
    const today = deps.clock.now().toISOString().slice(0, 10);
    if (input.toDate <= bill.dueDate || input.toDate <= today) return null;
    const latest = addDays(bill.dueDate, deps.catalog().extensions.maxDays);
    const daysBeyondLimit = Math.max(0, daysBetween(latest, input.toDate));
    const refusal = verdict.allowed ? (daysBeyondLimit > 0 ? 'beyond-max-days' : null) : verdict.reason;
    if (!refusal) return null;
    const bills = await deps.stores.bills.find({ customerId: bill.customerId });
    try {
      const decisions = await deps.rules.decide('extension-approval', {
        actorKind: actor.kind, csrRole: actor.csrRole ?? null, channel: actor.channel, refusal, daysBeyondLimit, daysPastDue: daysPastDue(bills, today),
      });
      const hold = decisions.find((d) => d.type === 'require-approval');
      return hold ? `rule:${hold.rule}` : null;
    } catch {
      return null; // rules we cannot read hold nothing: the policy's refusal stands
    }
  }

  return {
    async extensionOptions(actor) {
      const verdict = await verdictFor(actor);
      if (!verdict.allowed) return null;
      return { billId: verdict.bill.id, currentDueDate: verdict.currentDueDate, latestDate: verdict.latestDate, dates: verdict.dates };
    },

    async requestExtension(actor, input, opts) {
      requireLevel(actor, 'verified');
      await requireOwnInteraction(deps.stores, actor, opts.interactionId);
      const key = scopedKey(actor, 'extension', opts.idempotencyKey);
      const existing = await findByKey(deps.stores.extensions, key);
      if (existing) return existing;

      await billOf(deps, actor, input.billId); // NOT_FOUND for a bill that is not theirs
      const verdict = await verdictFor(actor);
      const withinPolicy = verdict.allowed && verdict.bill.id === input.billId && verdict.dates.includes(input.toDate);
      const now = deps.clock.now();
      if (!withinPolicy) {
        const basis = await approvalHold(actor, verdict, input);
        if (basis && verdict.bill) {
          const { record } = await insertOnce<PaymentExtension>(deps.stores.extensions, {
            id: deps.ids.next('ext'),
            customerId: verdict.bill.customerId,
            billId: verdict.bill.id,
            fromDate: verdict.bill.dueDate,
            toDate: input.toDate,
            status: 'pending-approval',
            approval: 'pending-approval',
            approvalBasis: basis,
            requestedBy: requesterOf(actor),
            ...(opts.interactionId ? { interactionId: opts.interactionId } : {}),
            idempotencyKey: key,
            createdAt: now.toISOString(),
          });
          return record;
        }
      }
      if (!verdict.allowed) {
        const bills = await deps.stores.bills.find({ customerId: actor.customerId as string });
        refuse('EXTENSION_NOT_ALLOWED', extensionRefusal(verdict.reason, { bills, catalog: deps.catalog(), now, bill: verdict.bill }), { reason: verdict.reason });
      }
      if (verdict.bill.id !== input.billId) fail('EXTENSION_NOT_ALLOWED', 'only the latest unpaid bill can be extended', { reason: 'not-latest-unpaid', billId: verdict.bill.id });
      if (!verdict.dates.includes(input.toDate)) {
        fail('EXTENSION_NOT_ALLOWED', 'that date is not one of the dates offered', { reason: 'date-not-offered', dates: verdict.dates });
      }

      const { record, created } = await insertOnce<PaymentExtension>(deps.stores.extensions, {
        id: deps.ids.next('ext'),
        customerId: verdict.bill.customerId,
        billId: verdict.bill.id,
        fromDate: verdict.currentDueDate,
        toDate: input.toDate,
        status: 'submitted',
        ...(opts.interactionId ? { interactionId: opts.interactionId } : {}),
        idempotencyKey: key,
        createdAt: now.toISOString(),
        submission: newSubmission(key, now),
      });
      if (!created) return record;
      await deps.deliverNow('extension', record.id);
      return (await deps.stores.extensions.get(record.id)) ?? record;
    },

    async decideExtension(csr, extensionId, decision, note) {
      if (csr.kind !== 'csr' || !csr.csrId || csr.csrRole !== 'supervisor') fail('NOT_PERMITTED', 'an extension beyond the policy is decided by a supervisor');
      for (let attempt = 1; ; attempt += 1) {
        const extension = await deps.stores.extensions.get(extensionId);
        if (!extension) fail('NOT_FOUND', 'no such extension', { extensionId });
        if ((decision === 'approve' && extension.approval === 'approved') || (decision === 'reject' && extension.approval === 'rejected')) return extension;
        if (extension.approval !== 'pending-approval') fail('CONFLICT', `the extension is already ${extension.approval ?? extension.status}`, { approval: extension.approval ?? extension.status });
        const now = deps.clock.now();
        const decidedBy = { csrId: csr.csrId, role: 'supervisor' as const, at: now.toISOString() };
        const noted = note ? { decisionNote: note } : {};
        const next: PaymentExtension =
          decision === 'reject'
            ? { ...extension, approval: 'rejected', status: 'rejected', approvalBasis: `rejected-by:${csr.csrId}`, decidedBy, ...noted }
            : { ...extension, approval: 'approved', status: 'submitted', approvalBasis: `approved-by:${csr.csrId}:${extension.approvalBasis ?? ''}`, decidedBy, ...noted, submission: newSubmission(extension.idempotencyKey, now) };
        try {
          const saved = await deps.stores.extensions.replace(next);
          if (!saved.submission) return saved;
          await deps.deliverNow('extension', saved.id);
          return (await deps.stores.extensions.get(saved.id)) ?? saved;
        } catch (e) {
          if (!isDomainError(e) || e.code !== 'CONFLICT' || attempt >= 3) throw e;
        }
      }
    },
  };
}
