import type { CareDeps } from '../../deps';
import type { RepairOutcome } from '../../care';
import type { Actor } from '../../shared/actor';
import type { Money } from '../../shared/money';
import type { Appointment } from '../../repair/ticket';
import { choose, confirm, done, str, type Answers, type ProcedureApis, type ProcedureDefinition, type StepDef } from '../procedure-definition';
import { pick, serviceLabel } from './labels';
import { customerOf } from '../../shared/guards';

const P = 'repair';
const OUTAGE_REASON = 'service-outage';

/** What troubleshooting found, kept in the answers (and so in the CSR's context pack). */
export interface RepairSummary {
  resolution: RepairOutcome['resolution'];
  cause: string;
  explanation: string;
  diagnostics: RepairOutcome['diagnostics'];
  ticketId: string | null;
  slots: Appointment[];
  outageCredit: Money | null;
  eta: string | null;
}

export const repairSummaryOf = (answers: Answers): RepairSummary | null => (answers.$repair as RepairSummary | undefined) ?? null;

/** "collecting diagnostic information, diagnosis, resolution": the customer names the service and symptom, the system does the rest. */
export function repair(deps: Pick<CareDeps, 'catalog' | 'stores'>, apis: Pick<ProcedureApis, 'repair' | 'billing'>): ProcedureDefinition {
  const summary = (answers: Answers): RepairSummary => repairSummaryOf(answers) as RepairSummary;

  const steps: StepDef[] = [
    {
      field: 'service',
      build: async (actor) =>
        // Repair is open to identified callers; customers.services needs verified, so read the account directly.
        choose(P, 'service', (await customerOf(deps.stores, actor, 'identified')).services.filter((s) => s.status !== 'disconnected').map((s) => ({ id: s.id, label: serviceLabel(deps.catalog(), s) }))),
    },
    {
      field: 'symptom',
      build: async (actor, answers) => choose(P, 'symptom', await apis.repair.symptoms(actor, str(answers, 'service'))),
      async derive(actor, answers, ctx) {
        const o = await apis.repair.troubleshoot(
          actor,
          { serviceId: str(answers, 'service'), symptom: str(answers, 'symptom') },
          { idempotencyKey: `${ctx.idempotencyKey}:troubleshoot`, interactionId: ctx.interactionId },
        );
        const s: RepairSummary = {
          resolution: o.resolution,
          cause: o.diagnosis.cause,
          explanation: o.diagnosis.explanation,
          diagnostics: o.diagnostics,
          ticketId: o.ticket?.id ?? null,
          slots: o.slots ?? [],
          outageCredit: o.outageCredit ?? null,
          eta: o.diagnostics.outage?.eta ?? null,
        };
        return { $repair: s };
      },
    },
    {
      field: 'credit',
      when: (answers) => summary(answers).resolution === 'outage' && summary(answers).outageCredit !== null,
      build: async (_actor, answers) => confirm(P, 'credit', { eta: summary(answers).eta, outageCredit: summary(answers).outageCredit }),
    },
    {
      field: 'slot',
      when: (answers) => summary(answers).resolution === 'ticket' && summary(answers).slots.length > 0,
      build: async (_actor, answers) =>
        choose(P, 'slot', summary(answers).slots.map((s) => ({ id: s.slotId, label: s.start, detail: s.end })), { facts: { ticketId: summary(answers).ticketId } }),
    },
  ];

  async function ticketDone(actor: Actor, answers: Answers) {
    const s = summary(answers);
    const ticketId = s.ticketId as string;
    if (typeof answers.slot !== 'string') return done(P, 'ticket', { ticketId, start: null, end: null }, { ticketId });
    const slot = pick(s.slots.map((x) => ({ ...x, id: x.slotId })), answers.slot, 'slot');
    const booked = await apis.repair.bookAppointment(actor, ticketId, slot.slotId);
    const at = booked.appointment ?? slot;
    return done(P, 'ticket', { ticketId, start: at.start, end: at.end }, { ticketId });
  }

  /**
   * The outage credit is the operator's own offer (amount and item chosen by the system, not the caller),
   * so an identified caller may accept it; it still goes through the self-service limit and the approval
   * rules like any adjustment, and lands on the service's most recent recurring charge that has room.
   */
  async function creditOutage(actor: Actor, serviceId: string, credit: Money, idempotencyKey: string, interactionId: string) {
    const asAccountHolder: Actor = { ...actor, verification: 'verified' };
    const bills = await deps.stores.bills.find({ customerId: actor.customerId as string }, { sort: { issuedAt: -1 }, limit: 3 });
    for (const bill of bills) {
      const items = await apis.billing.adjustableItems(asAccountHolder, bill.id);
      const item = items.find((i) => i.serviceId === serviceId && i.type === 'recurring' && i.reasons.some((r) => r.id === OUTAGE_REASON));
      if (!item) continue;
      const amountMinor = Math.min(credit.amountMinor, item.maxAdjustable.amountMinor);
      return apis.billing.requestAdjustment(asAccountHolder, { billId: bill.id, itemId: item.id, reasonCode: OUTAGE_REASON, amountMinor }, { idempotencyKey, interactionId });
    }
    return null;
  }

  return {
    name: P,
    requires: 'identified',
    steps: async () => steps,
    async finish(actor, answers, idempotencyKey, ctx) {
      const s = summary(answers);
      switch (s.resolution) {
        case 'resolved':
          return done(P, 'resolved', { explanation: s.explanation }, s.ticketId ? { ticketId: s.ticketId } : {});
        case 'suspended':
          return done(P, 'informed', { explanation: s.explanation }, {}, `${P}.done.suspended`);
        case 'pending-order':
          return done(P, 'informed', { explanation: s.explanation }, {}, `${P}.done.pending-order`);
        case 'outage': {
          if (answers.credit !== true || !s.outageCredit) return done(P, 'outage', { eta: s.eta, outageCredit: s.outageCredit, creditAccepted: false });
          const credit = await creditOutage(actor, str(answers, 'service'), s.outageCredit, `${idempotencyKey}:outage-credit`, ctx.interactionId);
          const base = done(P, 'outage', { eta: s.eta, outageCredit: s.outageCredit, creditAccepted: true, creditStatus: credit?.status ?? 'needs-csr' }, credit ? { adjustmentId: credit.id } : {});
          // No open recurring charge to credit: say so on the record so a CSR applies it by hand.
          return credit ? base : { ...base, notes: [{ name: 'repair.outage-credit.unapplied', detail: { outageCredit: s.outageCredit, serviceId: str(answers, 'service') } }] };
        }
        case 'ticket':
          return ticketDone(actor, answers);
      }
    },
  };
}
