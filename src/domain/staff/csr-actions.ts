/**
 * A CSR finishing the job: the procedures of self-service (adjustment, extension, new service,
 * modification, discontinuation, repair), called through the same use cases with a CSR actor
 * for the customer of the escalation this CSR took. The customer's identity is the CSR's word
 * (they spoke to them); the CSR's limits are the role limits in the catalog and rules. Each
 * action is audited and written on the escalation's interaction, so the next contact sees it.
 */
import type { Care, Modification } from '../care';
import type { Stores } from '../ports/store';
import type { Clock } from '../shared/ports';
import type { Actor } from '../shared/actor';
import type { Interaction } from '../interactions/interaction';
import type { Escalation } from '../escalation/escalation';
import type { ProcedureName } from '../procedures/procedure';
import type { EventPort } from '../events/care-events';
import type { AuditLog } from './audit';
import type { StaffView } from './staff';
import { appendStep } from '../interactions/interactions-api';
import { fail } from '../shared/errors';
import { updateWithRetry } from '../shared/update-with-retry';

export const CSR_ACTIONS = ['adjustment', 'extension', 'order-new', 'modification', 'discontinuation', 'repair'] as const;
export type CsrActionName = (typeof CSR_ACTIONS)[number];

export const PROCEDURE_OF: Record<CsrActionName, ProcedureName> = {
  adjustment: 'bill-adjustment',
  extension: 'payment-extension',
  'order-new': 'new-service',
  modification: 'modify-service',
  discontinuation: 'discontinue-service',
  repair: 'repair',
};

export type CsrActionRequest =
  | { action: 'adjustment'; input: { billId: string; itemId: string; reasonCode: string; amountMinor: number } }
  | { action: 'extension'; input: { billId: string; toDate: string } }
  | { action: 'order-new'; input: Parameters<Care['orders']['submitNew']>[1] }
  | { action: 'modification'; input: { serviceId: string; modification: Modification } }
  | { action: 'discontinuation'; input: Parameters<Care['orders']['submitDiscontinuation']>[1] }
  | { action: 'repair'; input: { serviceId: string; symptom: string } };

export interface CsrActionResult {
  action: CsrActionName;
  procedure: ProcedureName;
  escalationId: string;
  interactionId: string;
  customerId: string;
  /** The record's status (an order's, an adjustment's) or the repair's resolution. */
  status: string;
  /** True when the request is above this CSR's limit and waits for a supervisor. */
  pendingApproval: boolean;
  /** What to tell the customer, in plain words. */
  message: string;
  /** The record the use case returned (adjustment, extension, order, repair outcome). */
  result: { id?: string } & Record<string, unknown>;
}

export interface CsrActions {
  perform(staff: StaffView, escalationId: string, request: CsrActionRequest, idempotencyKey: string): Promise<CsrActionResult>;
}

export interface CsrActionsDeps {
  stores: Pick<Stores, 'escalations' | 'interactions'>;
  clock: Clock;
  care: Pick<Care, 'billing' | 'orders' | 'repair' | 'verification'>;
  audit: AuditLog;
  /** Tells live views (the console, the customer's other channel) that the interaction changed. */
  events: Pick<EventPort, 'publish'>;
}

const LINK_OF: Partial<Record<CsrActionName, Exclude<keyof Interaction['links'], 'escalationId'>>> = {
  adjustment: 'adjustmentIds',
  extension: 'extensionIds',
  'order-new': 'orderIds',
  modification: 'orderIds',
  discontinuation: 'orderIds',
};

async function run(care: CsrActionsDeps['care'], actor: Actor, request: CsrActionRequest, opts: { idempotencyKey: string; interactionId?: string }): Promise<{ status: string; record: CsrActionResult['result']; ticketId?: string }> {
  switch (request.action) {
    case 'adjustment': {
      const a = await care.billing.requestAdjustment(actor, request.input, opts);
      return { status: a.status, record: { ...a } };
    }
    case 'extension': {
      const e = await care.billing.requestExtension(actor, request.input, opts);
      return { status: e.status, record: { ...e } };
    }
    case 'order-new': {
      const o = await care.orders.submitNew(actor, request.input, opts);
      return { status: o.status, record: { ...o } };
    }
    case 'modification': {
      const o = await care.orders.submitModification(actor, request.input.serviceId, request.input.modification, opts);
      return { status: o.status, record: { ...o } };
    }
    case 'discontinuation': {
      const o = await care.orders.submitDiscontinuation(actor, request.input, opts);
      return { status: o.status, record: { ...o } };
    }
    case 'repair': {
      const r = await care.repair.troubleshoot(actor, request.input, opts);
      return { status: r.resolution, record: { ...r }, ...(r.ticket ? { ticketId: r.ticket.id } : {}) };
    }
  }
}

const messageFor = (pending: boolean, status: string): string =>
  pending
    ? 'This is above your limit: it waits for a supervisor\'s approval (status pending-approval). The customer is told the decision on their next contact.'
    : `Done for the customer (status ${status}).`;

/**
 * The CSR actor for the customer of an escalation, only for the CSR who accepted it and while it
 * is assigned to them: every action, and the options and quotes the console shows, pass here.
 */
export function actingFor(care: Pick<Care, 'verification'>, staff: StaffView, escalationId: string, known: Escalation | null): { actor: Actor; customerId: string; escalation: Escalation } {
  if (!known) fail('NOT_FOUND', 'no such escalation', { escalationId });
  if (known.assignedTo !== staff.id) fail('NOT_PERMITTED', 'only the CSR who accepted this escalation acts for its customer', {});
  if (known.status !== 'assigned') fail('CONFLICT', `the escalation is ${known.status}; actions are taken while it is assigned to you`, { status: known.status });
  if (!known.customerId) fail('VALIDATION_FAILED', 'the customer of this escalation is not known; identify them first', { field: 'customer' });
  const actor = care.verification.csrActor({ csrId: staff.id, role: staff.role === 'supervisor' ? 'supervisor' : 'agent', customerId: known.customerId });
  return { actor, customerId: known.customerId, escalation: known };
}

export function createCsrActions(deps: CsrActionsDeps): CsrActions {
  const { stores, clock, care, audit } = deps;

  return {
    async perform(staff, escalationId, request, idempotencyKey) {
      const known = await stores.escalations.get(escalationId);
      const procedure = PROCEDURE_OF[request.action];
      const who = {
        staffId: staff.id,
        username: staff.username,
        escalationId,
        ...(known?.customerId ? { customerId: known.customerId } : {}),
        ...(known ? { interactionId: known.interactionId } : {}),
      };
      return audit.audited(
        { ...who, action: 'procedure', detail: { procedure, action: request.action } },
        async (): Promise<CsrActionResult> => {
          const { actor, customerId, escalation } = actingFor(care, staff, escalationId, known);
          const interaction = await stores.interactions.get(escalation.interactionId);
          // The use cases link only the customer's own contact; an unattached one is noted below instead.
          const linkable = interaction?.customerId === customerId;
          const key = `csr:${staff.id}:${escalationId}:${idempotencyKey}`;
          const { status, record, ticketId } = await run(care, actor, request, { idempotencyKey: key, ...(linkable ? { interactionId: escalation.interactionId } : {}) });
          const pendingApproval = status === 'pending-approval';
          if (interaction) await noteOnInteraction(escalation.interactionId, { action: request.action, procedure, staffId: staff.id, status, recordId: record.id, ticketId });
          return {
            action: request.action,
            procedure,
            escalationId,
            interactionId: escalation.interactionId,
            customerId,
            status,
            pendingApproval,
            message: messageFor(pendingApproval, status),
            result: record,
          };
        },
        (r) => ({ detail: { status: r.status, ...(r.result.id ? { recordId: r.result.id } : {}), pendingApproval: r.pendingApproval } }),
      );
    },
  };

  /** One step per action (a retry with the same record adds none) and the record linked on the interaction. */
  async function noteOnInteraction(interactionId: string, what: { action: CsrActionName; procedure: ProcedureName; staffId: string; status: string; recordId?: string; ticketId?: string }): Promise<void> {
    const link = LINK_OF[what.action];
    const linkId = what.recordId ?? what.ticketId;
    const i = await updateWithRetry(stores.interactions, interactionId, (i): Interaction | null => {
      if (linkId && i.steps.some((s) => s.name === 'csr.procedure' && s.detail?.recordId === linkId)) return null;
      const add = (ids: string[], id: string | undefined) => (id && !ids.includes(id) ? [...ids, id] : ids);
      const links = { ...i.links, ...(link ? { [link]: add(i.links[link], what.recordId) } : {}), ticketIds: add(i.links.ticketIds, what.ticketId) };
      const detail = { staffId: what.staffId, action: what.action, status: what.status, ...(linkId ? { recordId: linkId } : {}) };
      return { ...i, links, steps: appendStep(i, { at: clock.now().toISOString(), name: 'csr.procedure', procedure: what.procedure, detail }) };
    });
    await deps.events.publish({ type: 'interaction.updated', at: clock.now().toISOString(), interactionId, status: i.status, ...(i.customerId ? { customerId: i.customerId } : {}) });
  }
}
