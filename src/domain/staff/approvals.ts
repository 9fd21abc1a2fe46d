/**
 * The supervisor's approvals: adjustments above the requester's limit (self-service channel or
 * CSR role, see catalog adjustments and rules/adjustment-approval.json) and payment extensions
 * beyond the policy that a CSR asked for (rules/extension-approval.json) wait here. One decision
 * wins (the adjustment is replaced on its version); an approval goes to billing through the
 * outbox; nobody decides their own request. Every view and decision is audited, and the
 * decision is written on the customer's interaction, so their next contact can tell them, and
 * sent to them at once where the notifier can (SMS to their first phone, else email).
 */
import type { BillingApi } from '../care';
import type { Catalog } from '../catalog/catalog-schema';
import type { Stores } from '../ports/store';
import type { Clock } from '../shared/ports';
import type { Money } from '../shared/money';
import type { BillAdjustment, PaymentExtension } from '../billing/billing';
import type { Notifier } from '../ports/backends';
import type { Interaction } from '../interactions/interaction';
import type { AuditLog } from './audit';
import type { StaffView } from './staff';
import { fullName } from '../customers/customer';
import { appendStep } from '../interactions/interactions-api';
import { maskDigitRuns } from '../interactions/redaction';
import { fail } from '../shared/errors';
import { updateWithRetry } from '../shared/update-with-retry';

export interface PendingApproval {
  id: string;
  kind: 'adjustment' | 'extension';
  customer: { id: string; name: string; accountNumber: string } | null;
  /** The credit asked for (adjustment), or the bill's balance whose due date moves (extension). */
  amount: Money;
  /** The adjustment's reason; for an extension, "payment-extension" and the dates in words. */
  reason: { code: string; label: string };
  billId: string;
  /** Adjustments: the bill item credited. */
  itemId?: string;
  /** Extensions: the due date now and the date asked for. */
  extension?: { fromDate: string; toDate: string };
  /** Self-service (which channel) or which CSR. */
  requestedBy: { kind: 'self-service'; channel: string } | { kind: 'csr'; csrId: string; name: string };
  /** The rule or limit that sent it here, e.g. "above-csr-limit:agent:5000" or "rule:frequent-adjustments". */
  rule: string;
  requestedAt: string;
  interactionId?: string;
}

export type ApprovalDecision = 'approve' | 'reject';

export interface Approvals {
  pending(staff: StaffView): Promise<PendingApproval[]>;
  decide(staff: StaffView, id: string, input: { decision: ApprovalDecision; note?: string }): Promise<BillAdjustment | PaymentExtension>;
}

export interface ApprovalsDeps {
  stores: Pick<Stores, 'adjustments' | 'extensions' | 'bills' | 'customers' | 'staff' | 'interactions'>;
  clock: Clock;
  catalog: () => Catalog;
  billing: Pick<BillingApi, 'decideAdjustment' | 'decideExtension'>;
  audit: AuditLog;
  /** Tells the customer at once where it can (absent, or without sendNotice: the next contact tells them). */
  notifier?: Notifier;
}

const MAX_NOTE = 1000;

function supervisorOnly(staff: StaffView): void {
  if (staff.role !== 'supervisor') fail('NOT_PERMITTED', 'approvals are given by a supervisor', { role: staff.role });
}

export function createApprovals(deps: ApprovalsDeps): Approvals {
  const { stores, audit } = deps;

  async function describe(a: BillAdjustment, staffNames: Map<string, string>): Promise<PendingApproval> {
    const c = await stores.customers.get(a.customerId);
    const label = deps.catalog().adjustments.reasons.find((r) => r.code === a.reasonCode)?.label ?? a.reasonCode;
    const by = a.requestedBy;
    return {
      id: a.id,
      kind: 'adjustment',
      customer: c ? { id: c.id, name: fullName(c), accountNumber: c.accountNumber } : null,
      amount: a.amount,
      reason: { code: a.reasonCode, label },
      billId: a.billId,
      itemId: a.itemId,
      requestedBy: by.kind === 'csr' && by.csrId ? { kind: 'csr', csrId: by.csrId, name: staffNames.get(by.csrId) ?? by.csrId } : { kind: 'self-service', channel: by.channel },
      rule: a.approvalBasis,
      requestedAt: a.createdAt,
      ...(a.interactionId ? { interactionId: a.interactionId } : {}),
    };
  }

  async function describeExtension(e: PaymentExtension, staffNames: Map<string, string>): Promise<PendingApproval> {
    const [c, bill] = await Promise.all([stores.customers.get(e.customerId), stores.bills.get(e.billId)]);
    const by = e.requestedBy ?? { kind: 'csr' as const, channel: 'csr' as const };
    return {
      id: e.id,
      kind: 'extension',
      customer: c ? { id: c.id, name: fullName(c), accountNumber: c.accountNumber } : null,
      amount: bill?.balance ?? { amountMinor: 0, currency: deps.catalog().operator.currency },
      reason: { code: 'payment-extension', label: `Payment extension from ${e.fromDate} to ${e.toDate}` },
      billId: e.billId,
      extension: { fromDate: e.fromDate, toDate: e.toDate },
      requestedBy: by.kind === 'csr' && by.csrId ? { kind: 'csr', csrId: by.csrId, name: staffNames.get(by.csrId) ?? by.csrId } : { kind: 'self-service', channel: by.channel },
      rule: e.approvalBasis ?? 'extension-policy',
      requestedAt: e.createdAt,
      ...(e.interactionId ? { interactionId: e.interactionId } : {}),
    };
  }

  /** The decision in the customer's words: on their interaction (their next contact reads it) and, where the notifier can, sent now. */
  async function tellCustomer(kind: 'adjustment' | 'extension', r: BillAdjustment | PaymentExtension, decision: ApprovalDecision, note: string): Promise<void> {
    const at = deps.clock.now().toISOString();
    const name = `${kind}.decided`;
    if (r.interactionId) {
      await updateWithRetry(stores.interactions, r.interactionId, (i): Interaction | null => {
        if (i.steps.some((s) => s.name === name && (s.detail?.adjustmentId === r.id || s.detail?.extensionId === r.id))) return null;
        const ref = kind === 'adjustment' ? { adjustmentId: r.id } : { extensionId: r.id };
        return { ...i, steps: appendStep(i, { at, name, procedure: kind === 'adjustment' ? 'bill-adjustment' : 'payment-extension', detail: { ...ref, decision, status: r.status, ...(note ? { note } : {}) } }) };
      });
    }
    const send = deps.notifier?.sendNotice?.bind(deps.notifier);
    const customer = send ? await stores.customers.get(r.customerId) : null;
    if (!send || !customer) return;
    const what = kind === 'adjustment' ? 'bill adjustment' : `payment extension to ${(r as PaymentExtension).toDate}`;
    const text = decision === 'approve' ? `Brightwave: your ${what} was approved and is on its way to your bill.` : `Brightwave: your ${what} was not approved. Call us or chat with us to hear why.`;
    const to = customer.phones[0] ? { phone: customer.phones[0] } : { email: customer.email };
    await send(to, text).catch(() => undefined); // the interaction already carries it: the next contact tells them
  }

  return {
    async pending(staff) {
      return audit.audited(
        { staffId: staff.id, username: staff.username, action: 'approval.view' },
        async () => {
          supervisorOnly(staff);
          const [adjustments, extensions, people] = await Promise.all([
            stores.adjustments.find({ approval: 'pending-approval' }),
            stores.extensions.find({ approval: 'pending-approval' }),
            stores.staff.find({}),
          ]);
          const staffNames = new Map(people.map((s) => [s.id, s.displayName] as const));
          const items = await Promise.all([...adjustments.map((a) => describe(a, staffNames)), ...extensions.map((e) => describeExtension(e, staffNames))]);
          return items.sort((a, b) => a.requestedAt.localeCompare(b.requestedAt) || a.id.localeCompare(b.id));
        },
        (items) => ({ detail: { count: items.length } }),
      );
    },

    async decide(staff, id, input) {
      const known: BillAdjustment | PaymentExtension | null = (await stores.adjustments.get(id)) ?? (await stores.extensions.get(id));
      const kind = known && 'itemId' in known ? 'adjustment' : 'extension';
      const note = maskDigitRuns((input.note ?? '').trim()).slice(0, MAX_NOTE);
      return audit.audited(
        { staffId: staff.id, username: staff.username, action: 'approval.decide', ...(known ? { customerId: known.customerId } : {}), ...(known?.interactionId ? { interactionId: known.interactionId } : {}), detail: { [kind === 'adjustment' ? 'adjustmentId' : 'extensionId']: id, decision: input.decision } },
        async () => {
          supervisorOnly(staff);
          if (!known) fail('NOT_FOUND', 'no such approval', { approvalId: id });
          if (known.requestedBy?.csrId === staff.id) fail('NOT_PERMITTED', 'nobody approves or rejects their own request; another supervisor decides it', {});
          if (input.decision === 'reject' && !note) fail('VALIDATION_FAILED', 'say why it is rejected (note)', { field: 'note' });
          if (known.approval !== 'pending-approval') fail('CONFLICT', `this request is already ${known.approval}`, { approval: known.approval });
          const role = 'supervisor' as const;
          const actor = { kind: 'csr', channel: 'csr', verification: 'verified', csrId: staff.id, csrRole: role } as const;
          const decided = kind === 'adjustment' ? await deps.billing.decideAdjustment(actor, id, input.decision, note || undefined) : await deps.billing.decideExtension(actor, id, input.decision, note || undefined);
          // The use case answers a repeated decision with the record; one made by someone else is a lost race.
          if (decided.decidedBy?.csrId !== staff.id) fail('CONFLICT', `another supervisor decided this request first (${decided.approval})`, { approval: decided.approval });
          await tellCustomer(kind, decided, input.decision, note);
          return decided;
        },
        (a) => ({ detail: { status: a.status } }),
      );
    },
  };
}
