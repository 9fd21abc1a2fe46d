import type { Order } from '../orders/order';
import type { BillAdjustment, PaymentExtension } from '../billing/billing';
import type { LineTestResult, Outage, RepairTicket, Appointment } from '../repair/ticket';
import type { PostalAddress } from '../customers/customer';
import type { ListenerDelivery } from '../partners/listeners';

/**
 * Back-end systems. Each call carries the submission's idempotency key and must be safe to
 * repeat: the back-end returns the same result for a key it has already seen.
 * A thrown error means "not delivered, try again later".
 */
export interface SubmitResult {
  externalRef: string;
}

export interface BillingSystem {
  applyAdjustment(adjustment: BillAdjustment, idempotencyKey: string): Promise<SubmitResult>;
  extendDueDate(extension: PaymentExtension, idempotencyKey: string): Promise<SubmitResult>;
}

export interface ProvisioningSystem {
  /**
   * Accepts an order. `completedNow` is true when every item was activated synchronously
   * (instant-activation products); otherwise completion is reported later through
   * ProvisioningReports.
   */
  submitOrder(order: Order, idempotencyKey: string): Promise<SubmitResult & { completedNow: boolean; expectedCompletionAt?: string }>;
  /**
   * Where an accepted order stands now. Polled for orders in progress, so completion is never
   * lost to a restart (ours or the back-end's) or a missed callback. Same key as submitOrder.
   */
  orderStatus(order: Order, idempotencyKey: string): Promise<{ status: 'inProgress' | 'completed' | 'failed'; note?: string }>;
  /** Serviceability of an address: which technologies are available there. */
  serviceability(address: PostalAddress): Promise<{ serviceable: boolean; technologies: string[]; maxDownMbps: number }>;
  /** Remote reset of a line or device (modem reboot, port reset). */
  remoteReset(lineId: string): Promise<{ ok: boolean }>;
}

/** How provisioning reports order progress back to us (wired by the composition root). */
export interface ProvisioningReports {
  orderProgress(orderId: string, status: 'inProgress' | 'completed' | 'failed', note?: string): Promise<void>;
}

export interface NetworkDiagnostics {
  lineTest(lineId: string): Promise<LineTestResult>;
  /** Current outage affecting the address and family, if any. */
  outageAt(address: PostalAddress, family: string): Promise<Outage | null>;
}

export interface Workforce {
  /** Free technician slots for a ticket in the next `horizonDays`. */
  freeSlots(postalCode: string, fromIso: string, horizonDays: number): Promise<Appointment[]>;
  /** Books a slot for the ticket; idempotent per ticket. */
  book(ticket: RepairTicket, slotId: string): Promise<Appointment>;
  /**
   * Hands a new ticket to the organisation that repairs (a contractor's TMF621), keyed by the
   * submission's idempotency key; absent when we are the ticketing system ourselves.
   */
  dispatch?(ticket: RepairTicket, idempotencyKey: string): Promise<SubmitResult>;
}

/** One-time codes go out by SMS or email through this (a reference implementation logs delivery without the code). */
export interface Notifier {
  sendOneTimeCode(to: { phone?: string; email?: string }, code: string): Promise<void>;
  /** A short message to the customer (SMS or email), where the gateway can send one. */
  sendNotice?(to: { phone?: string; email?: string }, text: string): Promise<void>;
}

export interface Backends {
  billing: BillingSystem;
  provisioning: ProvisioningSystem;
  network: NetworkDiagnostics;
  workforce: Workforce;
  notifier: Notifier;
  /** Partners' listeners (TMF hub notifications), over HTTP. */
  listeners: ListenerDelivery;
}
