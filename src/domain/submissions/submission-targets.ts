import type { Stores, Collection } from '../ports/store';
import type { Backends, ProvisioningReports } from '../ports/backends';
import type { SubmissionKind } from '../deps';
import type { StoredRecord, Submission } from '../shared/record';
import type { Order, OrderStatus } from '../orders/order';
import type { BillAdjustment, PaymentExtension } from '../billing/billing';
import type { RepairTicket } from '../repair/ticket';
import { creditBill, extendBill } from '../billing/bill-effects';
import { updateWithRetry } from './insert-once';
import type { EventPort } from '../events/care-events';
import type { PartnerNotification } from '../partners/listeners';

export type Submittable = StoredRecord & { submission?: Submission };

export interface Delivery {
  externalRef: string;
  completedNow?: boolean;
  /** Orders: when provisioning expects to be done (the first progress check is then). */
  expectedCompletionAt?: string;
}

/** How orders in progress are followed: how often provisioning is asked, and when an order is overdue. */
export interface ProgressTiming {
  checkMs: number;
  overdueMs: number;
}

export const DEFAULT_PROGRESS_TIMING: ProgressTiming = { checkMs: 30_000, overdueMs: 24 * 3_600_000 };

/** How one kind of record is delivered to its back-end and what acceptance means for it. */
export interface Target<T extends Submittable> {
  collection: Collection<T>;
  send(record: T, idempotencyKey: string): Promise<Delivery>;
  /** The domain effect of acceptance, written before the record is marked delivered. Must be idempotent. */
  effect?(record: T, delivery: Delivery, now: Date): Promise<void>;
  /** The record's own fields once delivered (the submission itself is updated by the outbox). */
  delivered(record: T, now: Date, delivery?: Delivery): T;
  /** The record's own fields once dead-lettered. */
  dead(record: T, now: Date, error: string): T;
  /** Told after the outbox wrote the record delivered or dead (events about what changed). */
  changed?(previous: T, next: T): Promise<void>;
}

export type SubmissionRecords = { order: Order; adjustment: BillAdjustment; extension: PaymentExtension; ticket: RepairTicket; notification: PartnerNotification };
export type Targets = { [K in SubmissionKind]: Target<SubmissionRecords[K]> };

export const SUBMISSION_KINDS: readonly SubmissionKind[] = ['order', 'adjustment', 'extension', 'ticket', 'notification'];

const withStatus = (order: Order, status: OrderStatus, now: Date, note?: string): Order => ({
  ...order,
  status,
  statusHistory: [...order.statusHistory, { status, at: now.toISOString(), ...(note ? { note } : {}) }],
});

/** An order provisioning accepted is in progress, unless a progress report already moved it on. */
const accepted = (order: Order, now: Date): Order => (order.status === 'acknowledged' ? withStatus(order, 'inProgress', now, 'accepted by provisioning') : order);

/**
 * Accepted and not finished: from now on the outbox follows it (Outbox.drainOnce asks
 * provisioning when it is due), first when provisioning expects to be done, then every checkMs.
 */
function followed(order: Order, now: Date, delivery: Delivery | undefined, timing: ProgressTiming): Order {
  const next = accepted(order, now);
  if (next.status !== 'inProgress' || next.progress) return next;
  const expected = Date.parse(delivery?.expectedCompletionAt ?? '');
  const firstCheck = Number.isFinite(expected) ? Math.max(expected, now.getTime()) : now.getTime() + timing.checkMs;
  // Overdue counts from when provisioning expects to be done (a disconnection on a later day is not late before it).
  return { ...next, progress: { nextCheckAt: new Date(firstCheck).toISOString(), deadline: new Date(Math.max(now.getTime(), Number.isFinite(expected) ? expected : 0) + timing.overdueMs).toISOString() } };
}

export function submissionTargets(stores: Stores, backends: Backends, reports: ProvisioningReports, timing: ProgressTiming = DEFAULT_PROGRESS_TIMING, events?: EventPort): Targets {
  return {
    order: {
      collection: stores.orders,
      send: (order, key) => backends.provisioning.submitOrder(order, key),
      async effect(order, delivery, now) {
        if (!delivery.completedNow) return;
        let moved = false;
        await updateWithRetry(stores.orders, order.id, (o) => {
          moved = o.status === 'acknowledged';
          return moved ? accepted(o, now) : null;
        });
        if (moved) await events?.publish({ type: 'order.state', at: now.toISOString(), orderId: order.id, customerId: order.customerId, status: 'inProgress' });
        // Completion goes through the orders domain (it activates the services); a failure here retries the delivery.
        await reports.orderProgress(order.id, 'completed', 'activated at once by provisioning');
      },
      delivered: (order, now, delivery) => followed(order, now, delivery, timing),
      dead: (order, now, error) => withStatus(order, 'failed', now, `not delivered to provisioning: ${error}`),
      async changed(previous, next) {
        if (previous.status === next.status) return;
        const at = next.statusHistory[next.statusHistory.length - 1]?.at ?? new Date().toISOString();
        await events?.publish({ type: 'order.state', at, orderId: next.id, customerId: next.customerId, status: next.status });
      },
    },
    adjustment: {
      collection: stores.adjustments,
      send: (adjustment, key) => backends.billing.applyAdjustment(adjustment, key),
      async effect(adjustment, _delivery, now) {
        const bill = await creditBill(stores, adjustment, now);
        if (bill) await events?.publish({ type: 'bill.changed', at: now.toISOString(), billId: bill.id, customerId: bill.customerId, cause: 'adjustment', causeId: adjustment.id });
      },
      delivered: (adjustment) => ({ ...adjustment, status: 'applied' }),
      dead: (adjustment) => ({ ...adjustment, status: 'failed' }),
    },
    extension: {
      collection: stores.extensions,
      send: (extension, key) => backends.billing.extendDueDate(extension, key),
      async effect(extension, _delivery, now) {
        const bill = await extendBill(stores, extension, now);
        if (bill) await events?.publish({ type: 'bill.changed', at: now.toISOString(), billId: bill.id, customerId: bill.customerId, cause: 'extension', causeId: extension.id });
      },
      delivered: (extension) => ({ ...extension, status: 'applied' }),
      dead: (extension) => ({ ...extension, status: 'failed' }),
    },
    ticket: {
      collection: stores.tickets,
      /**
       * Tickets live in our own store (we are the ticketing system), so handing one over needs no
       * back-end call: the ack is immediate and the reference is the ticket id. A ticket that
       * already has an appointment confirms it with the workforce system (idempotent per ticket).
       */
      async send(ticket, key) {
        // A contractor doing the repairs (TMF621) gets the ticket first; its reference is ours to follow.
        const dispatched = backends.workforce.dispatch ? await backends.workforce.dispatch(ticket, key) : undefined;
        if (!ticket.appointment) return { externalRef: dispatched?.externalRef ?? ticket.id };
        const booked = await backends.workforce.book(ticket, ticket.appointment.slotId);
        return { externalRef: dispatched?.externalRef ?? `${ticket.id}:${booked.slotId}` };
      },
      delivered: (ticket) => ticket,
      dead: (ticket) => ticket,
    },
    notification: {
      collection: stores.notifications,
      /** A listener removed since (DELETE /hub/{id}) is owed nothing more: accepted with no call. */
      async send(notification) {
        const listener = await stores.listeners.get(notification.listenerId);
        if (!listener) return { externalRef: 'listener-removed' };
        await backends.listeners.deliver(listener, notification);
        return { externalRef: listener.id };
      },
      delivered: (notification) => notification,
      dead: (notification) => notification,
    },
  };
}
