/**
 * What the IVR remembers about one call (per CallSid) between Twilio's webhooks, and the port
 * that keeps it. Adapters: Redis (src/adapters/voice-state/redis-call-state.ts) and in-process.
 * Never holds a PIN or raw keypad digits: `lastKey` is a keyed hash of the request.
 */
import type { Actor } from '../../domain/shared/actor';
import type { ProcedureName, Step } from '../../domain/procedures/procedure';
import type { FlowLocale } from './flows/flow-schema';

export interface CallState {
  callSid: string;
  from: string;
  startedAt: string;
  /** The `s` every webhook must carry to be the next step (stale or retried ones are recognised). */
  seq: number;
  /** Flow step the caller is in. */
  node: string;
  locale: FlowLocale;
  /** No-input / no-match count at the current step. */
  attempts: number;
  /** Page of a long list (0-based). */
  page: number;
  actor: Actor;
  interactionId?: string;
  firstName?: string;
  /** Account number typed by a caller we could not identify by phone (not a secret). */
  accountNumber?: string;
  accountTries: number;
  procedure?: ProcedureName;
  /** The procedure step being asked (options map keypad digits to ids). */
  step?: Step;
  outcomes: string[];
  /** The caller went back to the menu from this procedure: its draft waits on the interaction. */
  paused?: ProcedureName;
  /** The product family the caller named when asking for a repair ("my TV"), until the repair starts. */
  repairFamily?: string;
  /** What the caller's words at the main menu probably meant, awaiting their yes (a low-confidence guess). */
  menuGuess?: ProcedureName;
  /** The "back to the main menu" hint was said (once per call). */
  menuHintSaid?: boolean;
  status: 'active' | 'escalated' | 'ended';
  escalationId?: string;
  /** Hash of the last handled request and the TwiML it got: a Twilio retry gets the same answer. */
  lastKey?: string;
  lastTwiml?: string;
}

export interface Versioned<T> {
  version: number;
  value: T;
}

export interface CallStateStore {
  get(callSid: string): Promise<Versioned<CallState> | null>;
  /**
   * Writes `value` as version `expected + 1` only if the stored version is `expected`
   * (0 = must not exist yet) and refreshes the TTL. False when someone else wrote first.
   */
  compareAndSet(callSid: string, expected: number, value: CallState): Promise<boolean>;
  delete(callSid: string): Promise<void>;
  /**
   * Stores shared by several processes (Redis): takes the call's lock for `ttlMs` and returns its
   * release, or null while another process holds it. In-process stores leave it out (the
   * webhooks already run one request per call at a time within a process).
   */
  lock?(callSid: string, ttlMs: number): Promise<(() => Promise<void>) | null>;
  close(): Promise<void>;
}
