/**
 * The CSR's desk: the queue they serve, taking an escalation (one CSR wins), the screen pop, and
 * the wrap-up. Every call is audited with who, which customer, what and how it ended.
 */
import type { CareDeps } from '../deps';
import type { EscalationsApi } from '../care';
import type { CareEvent } from '../events/care-events';
import { dueNow, type Escalation } from '../escalation/escalation';
import type { Interaction } from '../interactions/interaction';
import type { Disposition } from './dispositions';
import { buildScreenPop, type ScreenPop } from '../escalation/screen-pop';
import { appendStep } from '../interactions/interactions-api';
import { maskDigitRuns } from '../interactions/redaction';
import { fail } from '../shared/errors';
import { updateWithRetry } from '../shared/update-with-retry';
import { createAuditLog, type AuditLog } from './audit';
import { createStaffSessions, type StaffDeps, type StaffSessions } from './staff-sessions';
import { servesSkill, type StaffView } from './staff';
import type { CallHandOff, VoicePickup } from './voice-pickup';

export interface QueueItem {
  id: string;
  interactionId: string;
  channel: Escalation['channel'];
  skill: Escalation['skill'];
  priority: number;
  reason: string;
  createdAt: string;
  waitingSec: number;
  /** Only when the customer proved who they are. */
  customer?: { id: string; name: string; accountNumber: string };
  /** The customer asked to be called back instead of waiting (accepting it places the call); `at`: the time they asked for. */
  callback?: { number: string; requestedAt: string; at?: string };
}

export interface StaffDesk {
  sessions: StaffSessions;
  audit: AuditLog;
  dispositions(): Disposition[];
  /** Waiting escalations this person serves (a supervisor: all), most urgent then oldest first. */
  queue(staff: StaffView): Promise<QueueItem[]>;
  /** Escalations this person took and has not wrapped up yet, oldest first (to go back to them). */
  mine(staff: StaffView): Promise<QueueItem[]>;
  /** Does a queue event concern this person's queue? */
  concerns(staff: StaffView, event: CareEvent): boolean;
  /** On a queued call, `call` says whether it is being put through to this CSR (voice pickup). */
  accept(staff: StaffView, escalationId: string): Promise<ScreenPop & { call?: CallHandOff }>;
  /** The screen pop again (e.g. the console reloading it), for the CSR who took it or a supervisor; audited as a customer view. */
  screenPop(staff: StaffView, escalationId: string): Promise<ScreenPop>;
  resolve(staff: StaffView, escalationId: string, input: { disposition: string; note?: string }): Promise<{ escalation: Escalation; interaction: Interaction }>;
  /** Tries again to put a call this CSR took through to them (the first attempt failed), or to call back. */
  connectCall(staff: StaffView, escalationId: string): Promise<CallHandOff>;
}

export interface StaffDeskDeps extends StaffDeps, Pick<CareDeps, 'ids' | 'events'> {
  escalations: EscalationsApi;
  dispositions: () => Disposition[];
  /** Puts a taken call through to the CSR (voice pickup); absent: calls stay where they are. */
  pickup?: VoicePickup;
}

const MAX_NOTE = 1000;

export function createStaffDesk(deps: StaffDeskDeps): StaffDesk {
  const { stores, clock } = deps;
  const audit = createAuditLog({ audit: stores.audit, clock, ids: deps.ids });
  const sessions = createStaffSessions(deps, audit);
  const waitingSec = (since: string) => Math.max(0, Math.round((clock.now().getTime() - Date.parse(since)) / 1000));

  async function escalation(id: string): Promise<Escalation> {
    const e = await stores.escalations.get(id);
    if (!e) fail('NOT_FOUND', 'no such escalation', { escalationId: id });
    return e;
  }

  const item = (e: Escalation): QueueItem => {
    const c = e.context.customer;
    return {
      id: e.id,
      interactionId: e.interactionId,
      channel: e.channel,
      skill: e.skill,
      priority: e.priority,
      reason: e.reason,
      createdAt: e.createdAt,
      waitingSec: waitingSec(e.createdAt),
      ...(c && e.context.verification === 'verified' ? { customer: { id: c.id, name: c.name, accountNumber: c.accountNumber } } : {}),
      ...(e.callback ? { callback: { number: e.callback.number, requestedAt: e.callback.requestedAt, ...(e.callback.at ? { at: e.callback.at } : {}) } } : {}),
    };
  };

  return {
    sessions,
    audit,
    dispositions: () => deps.dispositions(),

    async queue(staff) {
      return audit.audited(
        { staffId: staff.id, username: staff.username, action: 'queue.view' },
        async () => {
          const waiting = await stores.escalations.find({ status: 'queued' });
          const nowIso = clock.now().toISOString();
          return waiting
            .filter((e) => servesSkill(staff, e.skill) && dueNow(e, nowIso))
            .sort((a, b) => a.priority - b.priority || a.createdAt.localeCompare(b.createdAt))
            .map(item);
        },
        (items) => ({ detail: { count: items.length } }),
      );
    },

    async mine(staff) {
      const taken = await stores.escalations.find({ status: 'assigned', assignedTo: staff.id });
      return taken.sort((a, b) => a.createdAt.localeCompare(b.createdAt)).map(item);
    },

    concerns: (staff, event) => event.type.startsWith('escalation.') && 'skill' in event && servesSkill(staff, event.skill),

    async accept(staff, escalationId) {
      const known = await stores.escalations.get(escalationId);
      const who = { staffId: staff.id, username: staff.username, escalationId, ...(known?.customerId ? { customerId: known.customerId } : {}), ...(known ? { interactionId: known.interactionId } : {}) };
      const pop = await audit.audited({ ...who, action: 'escalation.accept' }, async (): Promise<ScreenPop & { call?: CallHandOff }> => {
        const e = await escalation(escalationId);
        if (!servesSkill(staff, e.skill)) fail('NOT_PERMITTED', `this escalation waits in the ${e.skill} queue, which you do not serve`, { skill: e.skill });
        if (e.channel === 'voice' && e.status === 'abandoned') fail('CONFLICT', 'the caller hung up before anyone took the call', { status: e.status });
        if (e.status === 'queued' && !dueNow(e, clock.now().toISOString())) fail('CONFLICT', `the customer asked to be called at ${e.callback?.at}; it joins the queue then`, { at: e.callback?.at });
        const taken = await deps.escalations.assign(escalationId, staff.id);
        const screen = await buildScreenPop(deps, taken);
        // Only the accept that took it moves the call: a repeated accept must not ring the CSR again.
        const call = deps.pickup && (taken.channel === 'voice' || taken.callback) && e.status === 'queued' ? await deps.pickup.putThrough(staff, taken) : undefined;
        return call ? { ...screen, call } : screen;
      }, (p) => (p.call ? { detail: { call: p.call.status } } : {}));
      if (pop.customer) await audit.record({ ...who, action: 'customer.view', customerId: pop.customer.id, result: 'ok', detail: { sections: pop.sections.map((s) => s.key) } });
      return pop;
    },

    async screenPop(staff, escalationId) {
      const known = await stores.escalations.get(escalationId);
      const who = { staffId: staff.id, username: staff.username, escalationId, ...(known?.customerId ? { customerId: known.customerId } : {}), ...(known ? { interactionId: known.interactionId } : {}) };
      return audit.audited({ ...who, action: 'customer.view' }, async () => {
        const e = await escalation(escalationId);
        if (e.assignedTo !== staff.id && staff.role !== 'supervisor') fail('NOT_PERMITTED', 'only the CSR who took this escalation (or a supervisor) sees its screen pop', {});
        return buildScreenPop(deps, e);
      }, (pop) => ({ detail: { sections: pop.sections.map((s) => s.key) } }));
    },

    async connectCall(staff, escalationId) {
      const known = await stores.escalations.get(escalationId);
      const who = { staffId: staff.id, username: staff.username, escalationId, ...(known?.customerId ? { customerId: known.customerId } : {}), ...(known ? { interactionId: known.interactionId } : {}) };
      return audit.audited({ ...who, action: 'call.connect' }, async () => {
        const e = await escalation(escalationId);
        if (e.channel !== 'voice' && !e.callback) fail('VALIDATION_FAILED', 'only a call or a callback can be put through', { channel: e.channel });
        if (e.status !== 'assigned' || e.assignedTo !== staff.id) fail('CONFLICT', 'accept the call first: only the CSR who took it can have it put through', { status: e.status });
        if (!deps.pickup) fail('CONFLICT', 'calls cannot be moved on this server', {});
        return deps.pickup.putThrough(staff, e);
      }, (call) => ({ detail: { call: call.status } }));
    },

    async resolve(staff, escalationId, input) {
      const known = await stores.escalations.get(escalationId);
      const who = { staffId: staff.id, username: staff.username, escalationId, ...(known?.customerId ? { customerId: known.customerId } : {}), ...(known ? { interactionId: known.interactionId } : {}) };
      return audit.audited(
        { ...who, action: 'wrap-up', detail: { disposition: input.disposition } },
        async () => {
          const e = await escalation(escalationId);
          if (e.assignedTo !== staff.id && staff.role !== 'supervisor') fail('NOT_PERMITTED', 'only the CSR who took this escalation (or a supervisor) wraps it up', {});
          if (e.status === 'queued') fail('CONFLICT', 'accept the escalation before wrapping it up', { status: e.status });
          if (e.status === 'abandoned') fail('CONFLICT', 'the escalation was abandoned', { status: e.status });
          const disposition = deps.dispositions().find((d) => d.code === input.disposition);
          if (!disposition) fail('VALIDATION_FAILED', 'unknown disposition', { field: 'disposition', allowed: deps.dispositions().map((d) => d.code) });
          const note = maskDigitRuns((input.note ?? '').trim()).slice(0, MAX_NOTE);
          if (disposition.noteRequired && !note) fail('VALIDATION_FAILED', 'this disposition needs a note', { field: 'note' });
          if (e.status === 'resolved' && e.resolution?.disposition !== disposition.code) fail('CONFLICT', 'the escalation is already wrapped up', { disposition: e.resolution?.disposition });

          const at = clock.now().toISOString();
          const interaction = await updateWithRetry(stores.interactions, e.interactionId, (i): Interaction | null => {
            if (i.steps.some((s) => s.name === 'wrap-up' && s.detail?.escalationId === e.id)) return null;
            return {
              ...i,
              status: i.status === 'open' || i.status === 'escalated' ? 'completed' : i.status,
              ...(i.endedAt ? {} : { endedAt: at }),
              outcome: disposition.outcome,
              steps: appendStep(i, { at, name: 'wrap-up', detail: { escalationId: e.id, staffId: staff.id, disposition: disposition.code, resolved: disposition.resolved, ...(note ? { note } : {}) } }),
            };
          });
          const resolved = await deps.escalations.resolve(e.id, { by: staff.id, disposition: disposition.code, ...(note ? { note } : {}) });
          await deps.events.publish({ type: 'interaction.updated', at, interactionId: interaction.id, status: interaction.status, ...(interaction.customerId ? { customerId: interaction.customerId } : {}), ...(interaction.outcome ? { outcome: interaction.outcome } : {}) });
          return { escalation: resolved, interaction };
        },
      );
    },
  };
}
