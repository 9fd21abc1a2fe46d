/**
 * The one application surface every channel calls (voice, chat, portal API, CSR console).
 * Channels hold an Actor (plain data, kept in their session) and pass it to every call;
 * the domain checks the verification level each use case needs and refuses below it.
 * Mutating calls take an idempotencyKey: a repeat returns the first result, never a second order.
 */
import type { Actor, Channel, CsrRole } from './shared/actor';
import type { Money } from './shared/money';
import type { Catalog, Product } from './catalog/catalog-schema';
import type { CustomerView, PostalAddress, ServiceInstance } from './customers/customer';
import type { Bill, BillAdjustment, BillItem, PaymentExtension } from './billing/billing';
import type { Order, Quote } from './orders/order';
import type { Appointment, Diagnosis, Diagnostics, RepairTicket } from './repair/ticket';
import type { Interaction, InteractionStatus, TranscriptEntry } from './interactions/interaction';
import type { AbandonReason, ContextPack, Escalation, Skill } from './escalation/escalation';
import type { Choice, ProcedureName, Step } from './procedures/procedure';
import type { Refusal } from './shared/refusal';
import type { SellingAction } from './customers/account-standing';
import type { EndDates } from './orders/discontinuation-dates';
import type { NextBestOffer, OfferAnswer } from './offers/next-best-offer';

export interface Ctx {
  channel: Channel;
  /** Caller number or client IP, for per-source throttling. */
  source?: string;
}

// ---------- verification ----------
export interface VerificationApi {
  /** Who is probably calling from this number (identified, not verified). Null when unknown. */
  /** `locked`: the account is locked for wrong PINs now (say nothing personal before verification). */
  identifyByPhone(phone: string, ctx: Ctx): Promise<{ actor: Actor; firstName: string; locale: 'en' | 'es'; locked: boolean } | null>;
  /** Account number + PIN, or phone + PIN, or an identified actor's customerId + PIN. */
  verifyPin(input: { accountNumber?: string; phone?: string; customerId?: string; pin: string }, ctx: Ctx): Promise<Actor>;
  verifyPassword(input: { email: string; password: string }, ctx: Ctx): Promise<Actor>;
  /**
   * Sends a code to the customer's phone or email on file. `sentTo` is the phone or email asked
   * by, masked ("***-**67"); absent when asked by account number (the answer is the same whether
   * or not the identifier names an account).
   */
  sendOneTimeCode(input: { accountNumber?: string; phone?: string; email?: string }, ctx: Ctx): Promise<{ sentTo?: string }>;
  verifyOneTimeCode(input: { accountNumber?: string; phone?: string; email?: string; code: string }, ctx: Ctx): Promise<Actor>;
  /** A CSR acting for a customer (the CSR console authenticates the CSR). */
  csrActor(input: { csrId: string; role: CsrRole; customerId: string }): Actor;
}

// ---------- sessions ----------
/** A signed session token as the domain sees it: whose, which one, under which session version. */
export interface SessionRef {
  customerId: string;
  /** The token's id. */
  jti: string;
  sessionVersion: number;
}

export interface SessionsApi {
  /** The session version a new token for this customer carries. */
  version(customerId: string): Promise<number>;
  /** Still a live session: same version, not signed out, account neither locked nor closed. One read. */
  isActive(session: SessionRef): Promise<boolean>;
  /** Ends this one session (its token stops working before it expires). */
  signOut(actor: Actor, session: { jti: string; expiresAt: string }): Promise<void>;
  /** Ends every session issued so far, on every device. */
  signOutEverywhere(actor: Actor): Promise<void>;
  /** Checks the current PIN (a wrong one counts towards the lock), sets the new one and ends every session. */
  changePin(actor: Actor, input: { currentPin: string; newPin: string }, ctx: Ctx): Promise<void>;
}

// ---------- customers & catalog ----------
export interface NewCustomerInput {
  firstName: string;
  lastName: string;
  email: string;
  phone: string;
  billingAddress: PostalAddress;
  pin: string;
  password?: string;
  locale?: 'en' | 'es';
}

export interface CustomersApi {
  /** New customer (new-service procedure, first step for someone without an account). Returns an actor verified for the new account (its PIN was just set), who may order a first service. */
  register(input: NewCustomerInput, ctx: Ctx & { idempotencyKey: string }): Promise<{ customer: CustomerView; actor: Actor }>;
  profile(actor: Actor): Promise<CustomerView>;
  services(actor: Actor): Promise<(ServiceInstance & { product: Product })[]>;
  /**
   * The new customer of a sign-up (procedure new-customer) finished on this contact, verified by
   * the one-time code they entered in it; the interaction is theirs from now on. NOT_VERIFIED otherwise.
   */
  signedUp(interactionId: string, ctx: Ctx, prefs?: { locale?: 'en' | 'es' }): Promise<{ actor: Actor; firstName: string }>;
}

export interface CatalogApi {
  catalog(): Catalog;
  product(productId: string): Product | undefined;
}

// ---------- orders ----------
export interface ServiceChoice {
  productId: string;
  config?: Record<string, string>;
  addons?: string[];
  serviceAddress?: PostalAddress;
}

export type Modification =
  | { kind: 'change-product'; toProductId: string }
  | { kind: 'add-addon' | 'remove-addon'; addonId: string }
  | { kind: 'feature-on' | 'feature-off'; featureId: string }
  | { kind: 'change-config'; key: string; value: string };

export interface AllowedModification extends Choice {
  modification: Modification;
  /** upgrade | downgrade | lateral | addon | feature | config */
  category: string;
}

export interface OrdersApi {
  /** Why account standing (rules/account-standing.json) refuses selling this customer anything, or null. */
  sellingRefusal(actor: Actor, action: SellingAction): Promise<Refusal | null>;
  /** Products this customer may buy now (sellable, compatible with what they have). */
  offers(actor: Actor, input?: { serviceAddress?: PostalAddress }): Promise<(Product & { fromMonthly: Money })[]>;
  serviceability(actor: Actor, address: PostalAddress): Promise<{ serviceable: boolean; technologies: string[] }>;
  quoteNew(actor: Actor, choice: ServiceChoice): Promise<Quote>;
  submitNew(actor: Actor, choice: ServiceChoice, opts: { idempotencyKey: string; interactionId?: string }): Promise<Order>;

  modifiableServices(actor: Actor): Promise<ServiceInstance[]>;
  allowedModifications(actor: Actor, serviceId: string): Promise<AllowedModification[]>;
  quoteModification(actor: Actor, serviceId: string, modification: Modification): Promise<Quote>;
  submitModification(actor: Actor, serviceId: string, modification: Modification, opts: { idempotencyKey: string; interactionId?: string }): Promise<Order>;

  cancellableServices(actor: Actor): Promise<ServiceInstance[]>;
  discontinuationReasons(): Choice[];
  marketingQuestions(): { id: string; text: string; options: Choice[] }[];
  /** A retention offer the rules propose for this service and reason, if any. */
  retentionOffer(actor: Actor, serviceId: string, reasonCode: string): Promise<{ offerId: string; label: string; modification?: Modification; monthlyCredit?: Money; months?: number } | null>;
  quoteDiscontinuation(actor: Actor, serviceId: string): Promise<Quote>;
  /** The days this service may end on (today up to the end of the next billing cycle), or null when the catalog has it end at once. */
  discontinuationDates(actor: Actor, serviceId: string): Promise<EndDates | null>;
  submitDiscontinuation(
    actor: Actor,
    /** requestedDate: YYYY-MM-DD, today (the default: at once) up to the end of the next billing cycle. */
    input: { serviceId: string; reasonCode: string; marketing?: { questionId: string; answerId: string }[]; requestedDate?: string },
    opts: { idempotencyKey: string; interactionId?: string },
  ): Promise<Order>;

  orders(actor: Actor): Promise<Order[]>;
  order(actor: Actor, orderId: string): Promise<Order>;
  /** Cancels an order provisioning has not taken yet (CONFLICT once it has); repeating is harmless. */
  cancelOrder(actor: Actor, orderId: string, input?: { reason?: string }): Promise<Order>;
}

// ---------- billing ----------
export interface AdjustableItem extends BillItem {
  reasons: Choice[];
  /** Most that may still be credited on this item. */
  maxAdjustable: Money;
}

export interface BillingApi {
  bills(actor: Actor): Promise<Bill[]>;
  bill(actor: Actor, billId: string): Promise<Bill>;
  /** Balance, due date, last payment of the latest bill: what the IVR reads out. */
  summary(actor: Actor): Promise<{ balance: Money; dueDate: string | null; lastPayment: { amount: Money; receivedAt: string } | null; latestBillId: string | null; overdue: boolean }>;
  adjustableItems(actor: Actor, billId: string): Promise<AdjustableItem[]>;
  requestAdjustment(
    actor: Actor,
    input: { billId: string; itemId: string; reasonCode: string; amountMinor: number },
    /** operatorOffer: the operator's own offer (an accepted retention credit) may use the catalog's offer-only reasons. */
    opts: { idempotencyKey: string; interactionId?: string; operatorOffer?: boolean },
  ): Promise<BillAdjustment>;
  /** A CSR above the requester's limit approves or rejects a pending adjustment. */
  decideAdjustment(csr: Actor, adjustmentId: string, decision: 'approve' | 'reject', note?: string): Promise<BillAdjustment>;
  /** Decisions a supervisor took on this customer's requests since they were last told: each returned once (their next contact says them). */
  decisionNotices(actor: Actor): Promise<import('./billing/decision-notices').DecisionNotice[]>;
  /** A supervisor's decision on an extension held for approval; a repeated decision returns the record. */
  decideExtension(csr: Actor, extensionId: string, decision: 'approve' | 'reject', note?: string): Promise<PaymentExtension>;
  adjustments(actor: Actor): Promise<BillAdjustment[]>;
  extensionOptions(actor: Actor): Promise<{ billId: string; currentDueDate: string; latestDate: string; dates: string[] } | null>;
  requestExtension(actor: Actor, input: { billId: string; toDate: string }, opts: { idempotencyKey: string; interactionId?: string }): Promise<PaymentExtension>;
}

// ---------- repair ----------
export interface RepairOutcome {
  diagnostics: Diagnostics;
  diagnosis: Diagnosis;
  /** resolved: fixed now (re-test passed); outage: known outage; suspended: pay or extend; ticket: needs a technician; pending-order: an order in flight explains it. */
  resolution: 'resolved' | 'outage' | 'suspended' | 'pending-order' | 'ticket';
  ticket?: RepairTicket;
  /** For ticket: free slots to offer. */
  slots?: Appointment[];
  /** For outage: the credit the customer may accept (an adjustment). */
  outageCredit?: Money;
}

export interface RepairApi {
  /**
   * The customer's services of a family the customer names ("my TV" → 'tv'), not disconnected.
   * None: SERVICE_NOT_ON_ACCOUNT, saying so plainly with the services they do have.
   */
  servicesOfFamily(actor: Actor, family: string): Promise<ServiceInstance[]>;
  symptoms(actor: Actor, serviceId: string): Promise<Choice[]>;
  /** Gathers diagnostics, diagnoses by rules, resolves automatically where it can, else opens a ticket. */
  troubleshoot(actor: Actor, input: { serviceId: string; symptom: string }, opts: { idempotencyKey: string; interactionId?: string }): Promise<RepairOutcome>;
  bookAppointment(actor: Actor, ticketId: string, slotId: string): Promise<RepairTicket>;
  tickets(actor: Actor): Promise<RepairTicket[]>;
  ticket(actor: Actor, ticketId: string): Promise<RepairTicket>;
  /** The customer no longer needs the repair: an open or scheduled ticket is cancelled (repeating is harmless). */
  withdrawTicket(actor: Actor, ticketId: string, input?: { reason?: string }): Promise<RepairTicket>;
}

// ---------- interactions, procedures, continuity, escalation ----------
export interface InteractionsApi {
  start(actor: Actor, input: { channel: Channel; channelRef?: string }): Promise<Interaction>;
  /** The open interaction for a channel reference (CallSid, conversation id), if any. */
  byChannelRef(channel: Channel, channelRef: string): Promise<Interaction | null>;
  get(interactionId: string): Promise<Interaction>;
  /** Links the verified/identified customer to the interaction. */
  attach(interactionId: string, actor: Actor): Promise<Interaction>;
  note(interactionId: string, step: { name: string; detail?: Record<string, unknown> }): Promise<void>;
  /** Appends one entry, or several in order with one write (digit runs masked, text capped, oldest dropped past the cap). */
  transcript(interactionId: string, entries: Omit<TranscriptEntry, 'at'> | readonly Omit<TranscriptEntry, 'at'>[]): Promise<void>;
  /** The transcript so far (its last 500 entries), oldest first. */
  transcriptOf(interactionId: string): Promise<TranscriptEntry[]>;
  end(interactionId: string, input: { status: Exclude<InteractionStatus, 'open'>; outcome?: string; durationSec?: number }): Promise<Interaction>;
  list(actor: Actor): Promise<Interaction[]>;
}

export interface ProceduresApi {
  /**
   * Starts (or restarts) a guided procedure on the interaction and returns its first step.
   * `preset` answers its first steps in order, each checked as if the customer had given it.
   */
  start(actor: Actor, interactionId: string, name: ProcedureName, preset?: Record<string, unknown>): Promise<Step>;
  /** The step the procedure on this interaction is waiting for. */
  current(actor: Actor, interactionId: string): Promise<Step>;
  /** Answers the current step. A wrong field is STEP_NOT_VALID; a value not offered is VALIDATION_FAILED (or the use case's code). Repeating the same answer is harmless. */
  answer(actor: Actor, interactionId: string, field: string, value: unknown): Promise<Step>;
  /** The customer's last unfinished procedure within the resume window, on any channel. */
  resumable(actor: Actor): Promise<{ interactionId: string; procedure: ProcedureName; channel: Channel; updatedAt: string; completed: string[] } | null>;
  /** Copies that draft onto this interaction and returns the step after its last completed one. */
  resume(actor: Actor, interactionId: string): Promise<Step>;
  /** Procedures this actor may start at their current verification level. */
  available(actor: Actor): { name: ProcedureName; allowed: boolean; requires: string }[];
}

export interface OffersApi {
  /**
   * At the end of a successful contact: the one product to offer (recorded on the interaction as
   * made), or null. Asking again returns the same unanswered offer, never a second one.
   */
  nextBest(actor: Actor, interactionId: string): Promise<NextBestOffer | null>;
  /** Records the answer; "accepted" starts the order procedure for the product and returns its step. */
  answer(actor: Actor, interactionId: string, answer: OfferAnswer): Promise<{ offer: NextBestOffer; step?: Step }>;
}

export interface EscalationsApi {
  /** Hands the interaction to a CSR queue with the full context pack. Idempotent per interaction. */
  escalate(actor: Actor, interactionId: string, input: { reason: string; skill?: Skill; priority?: number }): Promise<Escalation>;
  /** Position in its queue (1 = next). */
  position(escalationId: string): Promise<number>;
  /** Seconds until a CSR is likely free for it, from its position and the queue's recent handle times; undefined without history. */
  estimatedWaitSec(escalationId: string): Promise<number | undefined>;
  queue(filter: { skill?: Skill; status?: Escalation['status'] }): Promise<Escalation[]>;
  /** Takes a queued escalation: exactly one CSR wins (CONFLICT for the others); repeating by the winner is harmless. */
  assign(escalationId: string, csrId: string): Promise<Escalation>;
  resolve(escalationId: string, resolution?: { by?: string; disposition?: string; note?: string }): Promise<Escalation>;
  /**
   * The customer left while still queued (hung up, closed the chat, went back to the bot): the
   * escalation is marked abandoned and no longer counts in anyone's position. Idempotent; one a
   * CSR already took (assigned, resolved) is kept as it is.
   */
  abandon(escalationId: string, reason: AbandonReason): Promise<Escalation>;
  /** The customer of this interaction left (call ended, chat closed): its escalation, if still waiting, is abandoned. */
  customerLeft(interactionId: string, reason: AbandonReason): Promise<Escalation | null>;
  contextPack(actor: Actor, interactionId: string, skill?: Skill): Promise<ContextPack>;
  /**
   * The customer leaves the line but keeps their place: a callback item (idempotent; only while
   * queued). `number` in any shape toE164 reads (else VALIDATION_FAILED); `at` (ISO): a later
   * time, up to CALLBACK_HORIZON_DAYS ahead (else VALIDATION_FAILED); absent or past: now.
   */
  requestCallback(escalationId: string, input: { number: string; via?: string; at?: string }): Promise<Escalation>;
  /** Callbacks booked for later whose time has come: published as queued again (once each), so live queues show them. */
  announceDueCallbacks(): Promise<Escalation[]>;
  /** The CSR who took a call did not answer when it was put through: back in the queue, in its place (idempotent). */
  requeue(escalationId: string): Promise<Escalation>;
}

export interface Care {
  verification: VerificationApi;
  sessions: SessionsApi;
  customers: CustomersApi;
  catalog: CatalogApi;
  orders: OrdersApi;
  billing: BillingApi;
  repair: RepairApi;
  interactions: InteractionsApi;
  procedures: ProceduresApi;
  escalations: EscalationsApi;
  offers: OffersApi;
  /** Provisioning reports order progress here (wired into the back-end adapters). */
  reportOrderProgress(orderId: string, status: 'inProgress' | 'completed' | 'failed', note?: string): Promise<Order>;
  /** The workforce system reports a ticket's progress (a technician booked, the repair done). */
  reportTicketProgress(ticketId: string, status: 'scheduled' | 'resolved', note?: string): Promise<RepairTicket>;
}
