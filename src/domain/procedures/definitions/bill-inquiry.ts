import type { ProcedureApis, ProcedureDefinition } from '../procedure-definition';
import { done } from '../procedure-definition';

/** Balance, due date and last payment: what most billing calls want, with no questions. */
export const billInquiry = (apis: Pick<ProcedureApis, 'billing'>): ProcedureDefinition => ({
  name: 'bill-inquiry',
  requires: 'verified',
  steps: async () => [],
  async finish(actor) {
    const s = await apis.billing.summary(actor);
    return done('bill-inquiry', 'informed', {
      balance: s.balance,
      dueDate: s.dueDate,
      overdue: s.overdue,
      lastPaymentAmount: s.lastPayment?.amount ?? null,
      lastPaymentDate: s.lastPayment?.receivedAt ?? null,
    });
  },
});
