import type { StoredRecord } from '../shared/record';

export interface PostalAddress {
  line1: string;
  line2?: string;
  city: string;
  region: string;
  postalCode: string;
  country: string;
}

export type ServiceStatus = 'pending' | 'active' | 'suspended' | 'disconnected';

/** A subscribed product on the account, with its configuration. */
export interface ServiceInstance {
  id: string;
  productId: string;
  status: ServiceStatus;
  /** Chosen configuration values, by config option key. */
  config: Record<string, string>;
  /** Switched-on feature ids. */
  features: string[];
  /** Add-on product ids attached to this service. */
  addons: string[];
  /** Phone number, for phone and mobile services. */
  number?: string;
  serviceAddress?: PostalAddress;
  activatedAt?: string;
  /** YYYY-MM-DD; absent when not under contract. */
  contractEnd?: string;
  suspendedReason?: 'non-payment' | 'customer-request' | 'fraud';
  disconnectedAt?: string;
  /** Active promotion ids with their end date (YYYY-MM-DD). */
  promotions: { id: string; until: string }[];
  /** Network line or device the diagnostics port tests. */
  lineId: string;
  /** Orders already applied to this service, so a replayed completion never applies twice. */
  appliedOrderIds?: string[];
  /** Why the service is in its status, when there is more to say (e.g. the order failed). */
  statusNote?: string;
}

export interface Credentials {
  /** scrypt hash of the account PIN. */
  pinHash: string;
  /** scrypt hash of the portal password, when the customer has one. */
  passwordHash?: string;
}

/** Consecutive verification failures on this account, whatever the source. */
export interface Lockout {
  consecutiveFailures: number;
  lockedUntil?: string;
}

/** The account holder, their billing account and its services: one document. */
export interface Customer extends StoredRecord {
  accountNumber: string;
  accountStatus: 'active' | 'suspended' | 'closed';
  firstName: string;
  lastName: string;
  /** Lower-cased. */
  email: string;
  /** E.164 numbers the customer calls from; the first is the contact number. */
  phones: string[];
  billingAddress: PostalAddress;
  /** Preferred language for voice and chat. */
  locale: 'en' | 'es';
  /** IANA time zone for outbound calls (calling windows); absent = the campaign's default. */
  timeZone?: string;
  /** Never called by a campaign (said "don't call again", or set by staff). */
  doNotCall?: { at: string; source: string };
  credentials: Credentials;
  lockout: Lockout;
  services: ServiceInstance[];
  createdAt: string;
  /** Answers to marketing questions, newest last. */
  marketing: { questionId: string; answerId: string; at: string; interactionId: string; orderId?: string }[];
  /** A pending one-time code (hash) for verification, if one was sent. */
  oneTimeCode?: { hash: string; expiresAt: string; attempts: number };
  /**
   * Bill adjustments requested in the last 90 days (scoped idempotency keys), reserved here before
   * each is decided: one conditional write per request serialises the "third in 90 days" count.
   */
  adjustmentReservations?: { key: string; at: string }[];
  /** The idempotency key the customer registered with; a repeat returns this customer. */
  registrationKey?: string;
  /** Bumped on a lock, a PIN change and "sign out everywhere": tokens issued under an older one stop working. Absent = 0. */
  sessionVersion?: number;
  /** Sessions signed out one by one (token id), kept until the token would have expired anyway. */
  revokedSessions?: { jti: string; until: string }[];
}

/** What channels may show about a customer (no credentials, no lockout internals). */
export type CustomerView = Omit<Customer, 'credentials' | 'lockout' | 'oneTimeCode' | 'version' | 'sessionVersion' | 'revokedSessions' | 'adjustmentReservations'>;

export const toCustomerView = (c: Customer): CustomerView => {
  const { credentials: _c, lockout: _l, oneTimeCode: _o, version: _v, sessionVersion: _s, revokedSessions: _r, adjustmentReservations: _a, ...view } = c;
  return view;
};

export const fullName = (c: Pick<Customer, 'firstName' | 'lastName'>): string => `${c.firstName} ${c.lastName}`;
