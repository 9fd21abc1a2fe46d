import type { Money } from '../shared/money';
import type { StoredRecord, Submission } from '../shared/record';
import type { Channel } from '../shared/actor';
import type { PostalAddress } from '../customers/customer';

export type OrderType = 'new' | 'modify' | 'disconnect';
export type OrderStatus = 'acknowledged' | 'inProgress' | 'completed' | 'failed' | 'cancelled';

export type OrderItem =
  | {
      action: 'add';
      productId: string;
      config: Record<string, string>;
      addons: string[];
      serviceAddress?: PostalAddress;
      serviceId: string;
      /** Monthly promotions it was sold with, and until when (YYYY-MM-DD). */
      promotions?: { id: string; until: string }[];
    }
  | { action: 'change-product'; serviceId: string; fromProductId: string; toProductId: string }
  | { action: 'add-addon' | 'remove-addon'; serviceId: string; addonId: string }
  | { action: 'feature-on' | 'feature-off'; serviceId: string; featureId: string }
  | { action: 'change-config'; serviceId: string; key: string; value: string }
  | { action: 'disconnect'; serviceId: string; productId: string };

/** A line of a quote: what changes on the bill. */
export interface QuoteLine {
  label: string;
  kind: 'one-time' | 'monthly' | 'promotion' | 'pro-rated' | 'early-termination' | 'final-charge' | 'usage';
  amount: Money;
  /** For promotions: how many months it lasts. */
  months?: number;
}

export interface Quote {
  lines: QuoteLine[];
  oneTimeTotal: Money;
  /** New monthly recurring total for the items quoted (after promotions, first month). */
  monthlyTotal: Money;
  /** Change in the customer's monthly bill (positive = more). */
  monthlyDelta: Money;
  /** Plain-language consequences (contract restart, early-termination fee...). */
  notes: string[];
  validUntil: string;
}

export interface Order extends StoredRecord {
  customerId: string;
  type: OrderType;
  items: OrderItem[];
  quote: Quote;
  status: OrderStatus;
  statusHistory: { status: OrderStatus; at: string; note?: string }[];
  channel: Channel;
  interactionId?: string;
  /** Discontinuation only. */
  reasonCode?: string;
  /** Discontinuation only: the day (YYYY-MM-DD) the customer asked the service to end, when later than the order's day. */
  requestedDate?: string;
  /** Discontinuation only: the customer's answers to the marketing questions. */
  marketing?: { questionId: string; answerId: string }[];
  /** Retries with the same key return this order instead of placing another. */
  idempotencyKey: string;
  createdAt: string;
  completedAt?: string;
  submission: Submission;
  /**
   * While provisioning works on an accepted order: when to ask it next (a poll from the outbox, so
   * progress survives a restart on either side) and when the order is overdue. `overdueSince` is
   * set once the deadline passes without completion: the order is surfaced (log, metric, API).
   */
  progress?: OrderProgressTracking;
}

export interface OrderProgressTracking {
  nextCheckAt: string;
  deadline: string;
  overdueSince?: string;
}
