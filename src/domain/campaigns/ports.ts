/**
 * What campaigns need from outside the domain: a rules engine for the target rule, a way to
 * place and steer outbound calls (Twilio REST in production, a stand-in at its HTTP boundary in
 * tests) and a scheduler for the dialer (BullMQ on Redis, or in process).
 */

export interface TargetRules {
  /** What is wrong with a target rule's conditions (unknown fact, operator, shape); empty when good. */
  problems(conditions: unknown): string[];
  /** Do these facts satisfy the conditions? */
  matches(conditions: Record<string, unknown>, facts: Record<string, unknown>): Promise<boolean>;
}

export type DialResult = { ok: true; callSid: string } | { ok: false; detail: string };

export interface OutboundCalls {
  /** Places the call to `to` for attempt `attempt` of target `targetId`, with machine detection and callbacks. */
  place(input: { to: string; targetId: string; attempt: number }): Promise<DialResult>;
  /** Sends a call answered by a machine to the voicemail message (after the beep). */
  leaveVoicemail(callSid: string, targetId: string, attempt: number): Promise<{ ok: boolean; detail?: string }>;
}

export interface DialScheduler {
  /** Runs the campaign's dialer turn after `delayMs` (an earlier turn already due is kept). */
  schedule(campaignId: string, delayMs: number): Promise<void>;
  /** Starts running turns with `turn`; resolves once ready. */
  start(turn: (campaignId: string) => Promise<void>): Promise<void>;
  close(): Promise<void>;
}
