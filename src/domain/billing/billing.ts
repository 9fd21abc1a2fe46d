import type { BillItemType } from '../catalog/catalog-schema';
import type { Money } from '../shared/money';
import type { StoredRecord, Submission } from '../shared/record';
import type { Channel, CsrRole } from '../shared/actor';

export interface BillItem {
  id: string;
  type: BillItemType;
  description: string;
  amount: Money;
  /** The service instance the charge is for, when it is for one. */
  serviceId?: string;
  /** Sum of applied adjustments against this item (negative = credit). */
  adjusted: Money;
}

export interface Payment {
  id: string;
  amount: Money;
  receivedAt: string;
  method: 'card' | 'bank' | 'cash' | 'other';
}

export interface Bill extends StoredRecord {
  customerId: string;
  accountNumber: string;
  /** YYYY-MM */
  period: string;
  issuedAt: string;
  /** YYYY-MM-DD; moved by an approved payment extension. */
  dueDate: string;
  originalDueDate: string;
  items: BillItem[];
  total: Money;
  payments: Payment[];
  /** Applied adjustments by id (kept so the billing system's ack is idempotent). */
  appliedAdjustmentIds: string[];
  /** total − payments + adjustments; kept consistent by the bill's own methods. */
  balance: Money;
  status: 'open' | 'paid' | 'overdue';
}

export type ApprovalState = 'auto-approved' | 'approved' | 'pending-approval' | 'rejected';

export interface BillAdjustment extends StoredRecord {
  customerId: string;
  billId: string;
  itemId: string;
  reasonCode: string;
  /** Positive amount to credit. */
  amount: Money;
  requestedBy: { kind: 'customer' | 'csr'; channel: Channel; csrId?: string };
  approval: ApprovalState;
  /** The rule or limit that decided the approval. */
  approvalBasis: string;
  status: 'pending-approval' | 'submitted' | 'applied' | 'rejected' | 'failed';
  interactionId?: string;
  idempotencyKey: string;
  createdAt: string;
  /** Present once approved: the submission to the billing system. */
  submission?: Submission;
  /** The CSR who approved or rejected a pending adjustment. */
  decidedBy?: { csrId: string; role: CsrRole; at: string };
  /** Why it was approved or rejected, as the deciding person wrote it. */
  decisionNote?: string;
  /** When the customer was told the decision on a later contact (decision-notices.ts). */
  customerToldAt?: string;
}

export interface PaymentExtension extends StoredRecord {
  customerId: string;
  billId: string;
  fromDate: string;
  toDate: string;
  /** pending-approval: beyond the policy, asked by a CSR, held by a rule for a supervisor (see rules/extension-approval.json). */
  status: 'pending-approval' | 'submitted' | 'applied' | 'rejected' | 'failed';
  interactionId?: string;
  idempotencyKey: string;
  createdAt: string;
  /** Present once it may go to billing (at once within the policy; after a supervisor's approval beyond it). */
  submission?: Submission;
  /** Absent on extensions within the policy (from before approvals existed, too). */
  approval?: ApprovalState;
  /** The rule that held it for approval, then who decided. */
  approvalBasis?: string;
  requestedBy?: BillAdjustment['requestedBy'];
  decidedBy?: { csrId: string; role: CsrRole; at: string };
  decisionNote?: string;
  customerToldAt?: string;
}
