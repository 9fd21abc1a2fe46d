/**
 * The supervisor's approvals: adjustments above the requester's limit (self-service channel or
 * CSR role, see catalog adjustments and rules/adjustment-approval.json) wait here. One decision
 * wins (the adjustment is replaced on its version); an approval goes to billing through the
 * outbox; nobody decides their own request. Every view and decision is audited, and the
 * decision is written on the customer's interaction, so their next contact can tell them.
 */
import type { BillingApi } from '../care';
import type { Catalog } from '../catalog/catalog-schema';
import type { Stores } from '../ports/store';
import type { Clock } from '../shared/ports';
import type { Money } from '../shared/money';
import type { BillAdjustment } from '../billing/billing';
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
  kind: 'adjustment';
  customer: { id: string; name: string; accountNumber: string } | null;
  amount: Money;
  reason: { code: string; label: string };
  billId: string;
  itemId: string;
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
  decide(staff: StaffView, id: string, input: { decision: ApprovalDecision; note?: string }): Promise<BillAdjustment>;
}

export interface ApprovalsDeps {
  stores: Pick<Stores, 'adjustments' | 'customers' | 'staff' | 'interactions'>;
  clock: Clock;
  catalog: () => Catalog;
  billing: Pick<BillingApi, 'decideAdjustment'>;
  audit: AuditLog;
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

  async function tellCustomer(a: BillAdjustment, decision: ApprovalDecision, note: string): Promise<void> {
    if (!a.interactionId) return;
    const at = deps.clock.now().toISOString();
    await updateWithRetry(stores.interactions, a.interactionId, (i): Interaction | null => {
      if (i.steps.some((s) => s.name === 'adjustment.decided' && s.detail?.adjustmentId === a.id)) return null;
      return { ...i, steps: appendStep(i, { at, name: 'adjustment.decided', procedure: 'bill-adjustment', detail: { adjustmentId: a.id, decision, status: a.status, ...(note ? { note } : {}) } }) };
    });
  }

  return {
    async pending(staff) {
      return audit.audited(
        { staffId: staff.id, username: staff.username, action: 'approval.view' },
        async () => {
          supervisorOnly(staff);
          const waiting = (await stores.adjustments.find({ approval: 'pending-approval' })).sort((a, b) => a.createdAt.localeCompare(b.createdAt));
          const staffNames = new Map((await stores.staff.find({})).map((s) => [s.id, s.displayName] as const));
          return Promise.all(waiting.map((a) => describe(a, staffNames)));
        },
        (items) => ({ detail: { count: items.length } }),
      );
    },

    async decide(staff, id, input) {
      const known = await stores.adjustments.get(id);
      const note = maskDigitRuns((input.note ?? '').trim()).slice(0, MAX_NOTE);
      return audit.audited(
        { staffId: staff.id, username: staff.username, action: 'approval.decide', ...(known ? { customerId: known.customerId } : {}), ...(known?.interactionId ? { interactionId: known.interactionId } : {}), detail: { adjustmentId: id, decision: input.decision } },
        async () => {
          supervisorOnly(staff);
          if (!known) fail('NOT_FOUND', 'no such approval', { approvalId: id });
          if (known.requestedBy.csrId === staff.id) fail('NOT_PERMITTED', 'nobody approves or rejects their own request; another supervisor decides it', {});
          if (input.decision === 'reject' && !note) fail('VALIDATION_FAILED', 'say why it is rejected (note)', { field: 'note' });
          if (known.approval !== 'pending-approval') fail('CONFLICT', `this request is already ${known.approval}`, { approval: known.approval });
          const role = 'supervisor' as const;
          const decided = await deps.billing.decideAdjustment({ kind: 'csr', channel: 'csr', verification: 'verified', csrId: staff.id, csrRole: role }, id, input.decision, note || undefined);
          // The use case answers a repeated decision with the record; one made by someone else is a lost race.
          if (decided.decidedBy?.csrId !== staff.id) fail('CONFLICT', `another supervisor decided this request first (${decided.approval})`, { approval: decided.approval });
          await tellCustomer(decided, input.decision, note);
          return decided;
        },
        (a) => ({ detail: { status: a.status } }),
      );
    },
  };
}
