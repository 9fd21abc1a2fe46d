/**
 * Moving a live phone call (Twilio REST in production, a stand-in at its HTTP boundary in tests).
 * The domain says which call goes to which escalation's CSR; the adapter knows the URLs.
 */
export type CallControlResult =
  | { ok: true }
  /** not-configured: no account to act with; call-ended: the carrier says the call is over; failed: anything else. */
  | { ok: false; reason: 'not-configured' | 'call-ended' | 'failed'; detail: string };

export interface CallControl {
  /** Redirects the caller `callSid` to the TwiML that dials the CSR who took `escalationId`. */
  putThrough(callSid: string, escalationId: string): Promise<CallControlResult>;
  /**
   * A callback: calls the CSR at `csr` (E.164, or client:<identity>) from `callerId`; once they
   * answer, the TwiML of `escalationId` dials the customer.
   */
  callBack(csr: string, callerId: string | undefined, escalationId: string): Promise<CallControlResult>;
}

/** No account: every attempt says so (development without TWILIO_ACCOUNT_SID). */
export const callControlUnavailable = (detail: string): CallControl => ({
  putThrough: async () => ({ ok: false, reason: 'not-configured', detail }),
  callBack: async () => ({ ok: false, reason: 'not-configured', detail }),
});
