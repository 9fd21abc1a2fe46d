/**
 * Decisions on a customer's requests that waited for a supervisor (adjustments, payment
 * extensions), told on their next contact: each one once, then marked `customerToldAt` on its
 * own record (a versioned replace, so two channels at once never both tell it).
 */
import type { CareDeps } from '../deps';
import type { Actor } from '../shared/actor';
import type { Money } from '../shared/money';
import type { BillAdjustment, PaymentExtension } from './billing';
import { requireLevel } from '../shared/guards';
import { isDomainError } from '../shared/errors';

export interface DecisionNotice {
  kind: 'adjustment' | 'extension';
  id: string;
  decision: 'approved' | 'rejected';
  /** The bill it is on, and that bill's period (YYYY-MM), when the bill is still there. */
  billId: string;
  billPeriod?: string;
  /** The credit (adjustment). */
  amount?: Money;
  /** The new due date asked for (extension). */
  toDate?: string;
  note?: string;
}

const decided = (r: BillAdjustment | PaymentExtension) => Boolean(r.decidedBy) && !r.customerToldAt && (r.approval === 'approved' || r.approval === 'rejected');

export function createDecisionNotices(deps: Pick<CareDeps, 'stores' | 'clock'>): { decisionNotices(actor: Actor): Promise<DecisionNotice[]> } {
  async function markTold<T extends BillAdjustment | PaymentExtension>(coll: { replace(doc: T): Promise<T> }, r: T): Promise<boolean> {
    try {
      await coll.replace({ ...r, customerToldAt: deps.clock.now().toISOString() });
      return true;
    } catch (e) {
      if (isDomainError(e) && e.code === 'CONFLICT') return false; // told elsewhere, or changed: the next contact looks again
      throw e;
    }
  }

  return {
    async decisionNotices(actor) {
      requireLevel(actor, 'verified');
      const customerId = actor.customerId as string;
      const [adjustments, extensions] = await Promise.all([deps.stores.adjustments.find({ customerId }), deps.stores.extensions.find({ customerId })]);
      const notices: DecisionNotice[] = [];
      const periods = new Map<string, string | undefined>();
      const onBill = async (billId: string) => {
        if (!periods.has(billId)) periods.set(billId, (await deps.stores.bills.get(billId))?.period);
        const billPeriod = periods.get(billId);
        return { billId, ...(billPeriod ? { billPeriod } : {}) };
      };
      for (const a of adjustments.filter(decided)) {
        if (await markTold(deps.stores.adjustments, a)) notices.push({ kind: 'adjustment', id: a.id, decision: a.approval === 'rejected' ? 'rejected' : 'approved', ...(await onBill(a.billId)), amount: a.amount, ...(a.decisionNote ? { note: a.decisionNote } : {}) });
      }
      for (const e of extensions.filter(decided)) {
        if (await markTold(deps.stores.extensions, e)) notices.push({ kind: 'extension', id: e.id, decision: e.approval === 'rejected' ? 'rejected' : 'approved', ...(await onBill(e.billId)), toDate: e.toDate, ...(e.decisionNote ? { note: e.decisionNote } : {}) });
      }
      return notices;
    },
  };
}
