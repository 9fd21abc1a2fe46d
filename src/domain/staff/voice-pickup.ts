/**
 * Voice pickup: a CSR who takes a queued call gets the caller put through to their phone (or
 * their Twilio Client identity), announced to the caller with the CSR's name and whispered to the
 * CSR with the customer's name and reason. With TaskRouter the workflow routes the call; we only
 * show the context.
 */
import type { Stores } from '../ports/store';
import type { CallControl } from '../ports/call-control';
import type { Escalation } from '../escalation/escalation';
import type { StaffView } from './staff';

/** What the accept answers about the call itself (next to the screen pop). */
export type CallHandOff =
  | { status: 'connecting'; to: DialTarget; message: string }
  /** A callback item: the CSR's phone rings first, then the customer's. */
  | { status: 'calling-back'; to: DialTarget; customerNumber: string; message: string }
  | { status: 'routed-by-taskrouter'; message: string }
  | { status: 'not-moved'; reason: 'not-configured' | 'call-ended' | 'no-call' | 'failed'; message: string };

export type DialTarget = { kind: 'phone'; number: string } | { kind: 'client'; identity: string };

/** What the pickup TwiML needs: who is announced to the caller, who is dialled, what is whispered. */
export interface DialPlan {
  csrName: string;
  target: DialTarget;
  locale?: string;
  whisper: { customerName?: string; verified: boolean; reason: string };
  /** A callback item: whom the CSR's call dials once they answer, and from which number. */
  callback?: { number: string; via?: string };
}

export interface VoicePickup {
  putThrough(staff: StaffView, e: Escalation): Promise<CallHandOff>;
  /** The dial plan of an escalation a CSR holds, for the call it belongs to (a callback: any call); undefined otherwise. */
  dialPlan(escalationId: string, callSid?: string): Promise<DialPlan | undefined>;
}

export interface VoicePickupDeps {
  stores: Pick<Stores, 'escalations' | 'staff'>;
  calls: CallControl;
  /** 'taskrouter' when TWILIO_WORKFLOW_SID routes queued calls (no redirect). */
  routing: 'enqueue' | 'taskrouter';
  /** Our number for callbacks the customer did not phone us from (chat): TWILIO_CALLER_ID. */
  callerId?: string;
}

export const dialTarget = (staff: Pick<StaffView, 'phone' | 'username'>): DialTarget =>
  staff.phone ? { kind: 'phone', number: staff.phone } : { kind: 'client', identity: staff.username };

const MESSAGES: Record<'not-configured' | 'call-ended' | 'no-call' | 'failed', string> = {
  'not-configured': 'The call cannot be moved to you: no Twilio account is configured (TWILIO_ACCOUNT_SID). The caller stays in the queue; call them back on the number in the screen pop.',
  'call-ended': 'The caller is no longer on the line.',
  'no-call': 'This escalation has no call to move.',
  failed: 'The call could not be moved to you; try again (POST …/connect-call) or call the customer back.',
};

export function createVoicePickup(deps: VoicePickupDeps): VoicePickup {
  return {
    async putThrough(staff, e) {
      if (e.callback) {
        const to = dialTarget(staff);
        const placed = await deps.calls.callBack(to.kind === 'phone' ? to.number : `client:${to.identity}`, e.callback.via ?? deps.callerId, e.id);
        if (!placed.ok) return { status: 'not-moved', reason: placed.reason === 'call-ended' ? 'failed' : placed.reason, message: MESSAGES[placed.reason === 'call-ended' ? 'failed' : placed.reason] };
        return { status: 'calling-back', to, customerNumber: e.callback.number, message: `Your ${to.kind === 'phone' ? 'phone' : 'Twilio Client'} rings now; when you answer, we call the customer at ${e.callback.number}.` };
      }
      if (deps.routing === 'taskrouter') return { status: 'routed-by-taskrouter', message: 'TaskRouter routes this call to you (TWILIO_WORKFLOW_SID); here is its context.' };
      if (!e.channelRef) return { status: 'not-moved', reason: 'no-call', message: MESSAGES['no-call'] };
      const moved = await deps.calls.putThrough(e.channelRef, e.id);
      if (!moved.ok) return { status: 'not-moved', reason: moved.reason, message: MESSAGES[moved.reason] };
      const to = dialTarget(staff);
      return { status: 'connecting', to, message: to.kind === 'phone' ? `Your phone ${to.number} rings now.` : `Your Twilio Client "${to.identity}" rings now.` };
    },

    async dialPlan(escalationId, callSid) {
      const e = await deps.stores.escalations.get(escalationId);
      // A callback may come from any channel (a chat customer who left a number); a put-through only from a call.
      if (!e || (e.channel !== 'voice' && !e.callback) || e.status !== 'assigned' || !e.assignedTo) return undefined;
      if (callSid && !e.callback && e.channelRef !== callSid) return undefined;
      const staff = await deps.stores.staff.get(e.assignedTo);
      if (!staff || !staff.active) return undefined;
      const customer = e.context.customer;
      const verified = e.context.verification === 'verified';
      return {
        csrName: staff.displayName,
        target: dialTarget(staff),
        ...(customer?.locale ? { locale: customer.locale } : {}),
        whisper: { ...(customer ? { customerName: customer.name } : {}), verified, reason: e.reason },
        ...(e.callback ? { callback: { number: e.callback.number, ...((e.callback.via ?? deps.callerId) ? { via: e.callback.via ?? deps.callerId } : {}) } } : {}),
      };
    },
  };
}
