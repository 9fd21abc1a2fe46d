import type { StoredRecord } from '../shared/record';
import type { Customer } from '../customers/customer';
import type { Bill, BillAdjustment, PaymentExtension } from '../billing/billing';
import type { Order } from '../orders/order';
import type { RepairTicket } from '../repair/ticket';
import type { Interaction, TranscriptPage } from '../interactions/interaction';
import type { Escalation } from '../escalation/escalation';
import type { RetentionPolicy } from '../interactions/retention';
import type { StaffMember } from '../staff/staff';
import type { AuditEntry } from '../staff/audit';
import type { ReportStore } from '../reports/report-store';
import type { Partner } from '../partners/partner';
import type { PartnerListener, PartnerNotification } from '../partners/listeners';
import type { Campaign, CampaignTarget, Suppression } from '../campaigns/campaign';

/**
 * The storage port. Both adapters (embedded nedb, MongoDB through mongoose) implement it and
 * pass one contract suite. Every state change is one document: no multi-document transactions.
 *
 * Filters are a small Mongo-style subset both stores understand: equality on (dotted) fields
 * and the operators below.
 */
export type FieldCondition =
  | string
  | number
  | boolean
  | null
  | { $in: readonly (string | number)[] }
  | { $ne: string | number | boolean | null }
  | { $lt: string | number }
  | { $lte: string | number }
  | { $gt: string | number }
  | { $gte: string | number }
  | { $exists: boolean };
export type Filter = Record<string, FieldCondition>;

export interface FindOptions {
  /** Field to sort by, with direction. */
  sort?: Record<string, 1 | -1>;
  limit?: number;
  skip?: number;
}

export type NewRecord<T extends StoredRecord> = Omit<T, 'version'>;

export interface Collection<T extends StoredRecord> {
  get(id: string): Promise<T | null>;
  findOne(filter: Filter): Promise<T | null>;
  find(filter: Filter, options?: FindOptions): Promise<T[]>;
  count(filter: Filter): Promise<number>;
  /** Inserts with version 1. A duplicate id or unique key throws DomainError DUPLICATE (details.key names it). */
  insert(doc: NewRecord<T>): Promise<T>;
  /**
   * Replaces the whole document if its stored version equals doc.version; returns it with
   * version + 1. A stale version throws DomainError CONFLICT; a missing id throws NOT_FOUND.
   */
  replace(doc: T): Promise<T>;
  /** Removes a document; true if it existed. */
  delete(id: string): Promise<boolean>;
}

/** A stored API response for Idempotency-Key replay. */
export interface IdempotencyRecord extends StoredRecord {
  /** scope + key, e.g. 'cust_123:POST /api/v1/orders:abc'. Is the id. */
  requestHash: string;
  state: 'in-progress' | 'done';
  status?: number;
  body?: unknown;
  createdAt: string;
  expiresAt: string;
}

/** All collections, with the unique keys each must enforce (see COLLECTION_SPECS). */
export interface Stores {
  customers: Collection<Customer>;
  bills: Collection<Bill>;
  adjustments: Collection<BillAdjustment>;
  extensions: Collection<PaymentExtension>;
  orders: Collection<Order>;
  tickets: Collection<RepairTicket>;
  interactions: Collection<Interaction>;
  transcripts: Collection<TranscriptPage>;
  escalations: Collection<Escalation>;
  idempotency: Collection<IdempotencyRecord>;
  /**
   * Removes interactions and transcript pages whose last activity is older than the policy
   * allows (see domain/interactions/retention.ts); returns how many of each. The embedded store
   * runs it on a timer; MongoDB also has TTL indexes doing the same on its own.
   */
  sweepExpired(now: Date, policy: RetentionPolicy): Promise<{ interactions: number; transcripts: number }>;
  /** CSRs and supervisors (unique username). */
  staff: Collection<StaffMember>;
  /** Every staff action, insert-only. */
  audit: Collection<AuditEntry>;
  /** The reports' aggregations (database aggregation on MongoDB, folds on the embedded store). */
  reports: ReportStore;
  /** Partners bonded through the TM Forum APIs (unique clientId). */
  partners: Collection<Partner>;
  /** Partners' listener registrations (TMF POST /hub). */
  listeners: Collection<PartnerListener>;
  /** Events owed to partners' listeners: the outbox delivers each (at-least-once, dead-lettered). */
  notifications: Collection<PartnerNotification>;
  /** Outbound campaigns, their targets (one document each, with every call attempt) and the suppression list. */
  campaigns: Collection<Campaign>;
  campaignTargets: Collection<CampaignTarget>;
  suppressions: Collection<Suppression>;
  /** Is the store reachable (for /readyz)? */
  ping(): Promise<boolean>;
  close(): Promise<void>;
}

export type CollectionName = Exclude<keyof Stores, 'ping' | 'close' | 'sweepExpired' | 'reports'>;

/** Unique and secondary indexes every adapter declares. `sparse` keys ignore missing values. */
export const COLLECTION_SPECS: Record<CollectionName, { unique: { fields: string[]; sparse?: boolean }[]; indexes: string[][] }> = {
  customers: { unique: [{ fields: ['accountNumber'] }, { fields: ['email'] }], indexes: [['phones']] },
  bills: { unique: [{ fields: ['customerId', 'period'] }], indexes: [['customerId', 'issuedAt']] },
  adjustments: { unique: [{ fields: ['idempotencyKey'] }], indexes: [['customerId'], ['submission.state', 'submission.nextAttemptAt'], ['approval']] },
  extensions: { unique: [{ fields: ['idempotencyKey'] }], indexes: [['customerId'], ['submission.state', 'submission.nextAttemptAt']] },
  orders: { unique: [{ fields: ['idempotencyKey'] }], indexes: [['customerId', 'createdAt'], ['submission.state', 'submission.nextAttemptAt'], ['status'], ['status', 'progress.nextCheckAt'], ['submission.externalRef']] },
  tickets: { unique: [{ fields: ['idempotencyKey'] }], indexes: [['customerId'], ['submission.state', 'submission.nextAttemptAt'], ['submission.externalRef']] },
  interactions: { unique: [], indexes: [['customerId', 'startedAt'], ['channel', 'channelRef'], ['status']] },
  transcripts: { unique: [], indexes: [['interactionId', 'seq']] },
  escalations: { unique: [{ fields: ['idempotencyKey'] }], indexes: [['status', 'skill', 'priority'], ['interactionId']] },
  idempotency: { unique: [], indexes: [['expiresAt']] },
  staff: { unique: [{ fields: ['username'] }], indexes: [] },
  audit: { unique: [], indexes: [['staffId', 'at'], ['customerId', 'at'], ['partnerId', 'at']] },
  partners: { unique: [{ fields: ['clientId'] }], indexes: [] },
  listeners: { unique: [], indexes: [['partnerId'], ['api']] },
  notifications: { unique: [], indexes: [['submission.state', 'submission.nextAttemptAt'], ['listenerId']] },
  campaigns: { unique: [], indexes: [['status']] },
  campaignTargets: { unique: [{ fields: ['campaignId', 'customerId'] }], indexes: [['campaignId', 'status', 'nextAttemptAt'], ['customerId', 'status']] },
  suppressions: { unique: [], indexes: [['customerId']] },
};
