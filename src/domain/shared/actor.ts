/** Who is acting, through which channel, and how sure we are of who they are. */
/** 'partner': a bonded partner acting for one of its customers through the TM Forum APIs. */
export const CHANNELS = ['voice', 'chat', 'portal', 'csr', 'api', 'system', 'partner'] as const;
export type Channel = (typeof CHANNELS)[number];

/** none < identified (we think we know who) < verified (proved a secret). */
export const VERIFICATION_LEVELS = ['none', 'identified', 'verified'] as const;
export type VerificationLevel = (typeof VERIFICATION_LEVELS)[number];

export const levelAtLeast = (have: VerificationLevel, need: VerificationLevel): boolean =>
  VERIFICATION_LEVELS.indexOf(have) >= VERIFICATION_LEVELS.indexOf(need);

export type CsrRole = 'agent' | 'senior' | 'supervisor';

export interface Actor {
  readonly kind: 'customer' | 'csr' | 'system';
  readonly channel: Channel;
  readonly verification: VerificationLevel;
  /** The customer this session is about (set once identified). */
  readonly customerId?: string;
  /** A CSR acting for the customer. */
  readonly csrId?: string;
  readonly csrRole?: CsrRole;
  /** Where requests come from (caller number, IP) for throttling; never used as identity proof. */
  readonly source?: string;
}

export const anonymous = (channel: Channel, source?: string): Actor => ({ kind: 'customer', channel, verification: 'none', source });
