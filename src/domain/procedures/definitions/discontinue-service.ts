import type { CareDeps } from '../../deps';
import type { Modification, OrdersApi } from '../../care';
import type { Actor } from '../../shared/actor';
import type { Money } from '../../shared/money';
import { choose, confirm, done, str, type Answers, type ProcedureApis, type ProcedureDefinition, type StepDef } from '../procedure-definition';
import { linesTotal, serviceLabel } from './labels';
import type { EndDates } from '../../orders/discontinuation-dates';

const P = 'discontinue-service';
/** The catalog's offer-only adjustment reason an accepted retention credit is booked under. */
const RETENTION_REASON = 'retention-credit';
type RetentionOffer = Awaited<ReturnType<OrdersApi['retentionOffer']>>;

/** "only presents the services that the consumer can cancel, captures the reason, optionally marketing information, submits the order." */
export function discontinueService(deps: Pick<CareDeps, 'catalog' | 'stores'>, apis: Pick<ProcedureApis, 'orders' | 'billing'>): ProcedureDefinition {
  const offer = (answers: Answers): RetentionOffer => (answers.$retention as RetentionOffer | undefined) ?? null;
  const endDates = (answers: Answers): EndDates | null => (answers.$endDates as EndDates | undefined) ?? null;

  const head: StepDef[] = [
    {
      field: 'service',
      build: async (actor) =>
        choose(P, 'service', (await apis.orders.cancellableServices(actor)).map((s) => ({ id: s.id, label: serviceLabel(deps.catalog(), s) }))),
    },
    {
      field: 'reason',
      build: async () => choose(P, 'reason', apis.orders.discontinuationReasons()),
      // The rules may propose a way to keep the customer; asked after the marketing questions.
      derive: async (actor, answers) => ({
        $retention: await apis.orders.retentionOffer(actor, str(answers, 'service'), str(answers, 'reason')),
        // The days it may end on, where the catalog allows a later day (asked before the confirmation).
        $endDates: await apis.orders.discontinuationDates(actor, str(answers, 'service')),
      }),
    },
  ];
  const marketing = (): StepDef[] =>
    apis.orders.marketingQuestions().map((q) => ({
      field: `marketing.${q.id}`,
      build: async () => choose(P, `marketing.${q.id}`, q.options, { optional: true, prompt: `${P}.marketing`, facts: { question: q.text } }),
    }));
  const tail: StepDef[] = [
    {
      field: 'retention',
      when: (answers) => offer(answers) !== null,
      async build(_actor, answers) {
        const o = offer(answers);
        return confirm(P, 'retention', { offer: o?.label ?? '', monthlyCredit: o?.monthlyCredit ?? null, months: o?.months ?? null });
      },
    },
    {
      field: 'date',
      when: (answers) => answers.retention !== true && endDates(answers) !== null,
      build: async (_actor, answers) => {
        const dates = endDates(answers);
        return choose(P, 'date', (dates?.offered ?? []).map((d) => ({ id: d, label: d })), { facts: { today: dates?.today ?? null, latest: dates?.latest ?? null } });
      },
    },
    {
      field: 'confirm',
      when: (answers) => answers.retention !== true,
      async build(actor, answers) {
        const q = await apis.orders.quoteDiscontinuation(actor, str(answers, 'service'));
        const currency = q.oneTimeTotal.currency;
        return confirm(P, 'confirm', {
          endDate: str(answers, 'date') || null,
          finalCharge: linesTotal(q.lines, ['final-charge', 'pro-rated', 'usage'], currency),
          earlyTerminationFee: linesTotal(q.lines, ['early-termination'], currency),
          oneTimeTotal: q.oneTimeTotal,
          notes: q.notes,
        });
      },
    },
  ];

  async function retain(actor: Actor, answers: Answers, idempotencyKey: string, interactionId: string) {
    const o = offer(answers);
    const facts: Record<string, string | number | Money | null> = { offer: o?.label ?? '', monthlyCredit: o?.monthlyCredit ?? null, months: o?.months ?? null };
    if (o?.modification) {
      const m: Modification = o.modification;
      const placed = await apis.orders.submitModification(actor, str(answers, 'service'), m, { idempotencyKey, interactionId });
      const order = (await deps.stores.orders.get(placed.id)) ?? placed;
      return { ...done(P, 'retained', { ...facts, orderId: order.id }, { orderId: order.id }) };
    }
    // A credit-only offer reaches billing as an adjustment (the first month's credit, through the outbox); later months are on the record for billing.
    const serviceId = str(answers, 'service');
    const credit = o?.monthlyCredit ? await creditRetention(actor, serviceId, o.monthlyCredit, `${idempotencyKey}:retention-credit`, interactionId) : null;
    const accepted = { offerId: o?.offerId ?? null, serviceId, monthlyCredit: o?.monthlyCredit ?? null, months: o?.months ?? null, adjustmentId: credit?.id ?? null, monthsAfterThis: credit && o?.months ? o.months - 1 : (o?.months ?? null) };
    const base = done(P, 'retained', { ...facts, creditStatus: credit?.status ?? 'needs-csr' }, credit ? { adjustmentId: credit.id } : {});
    return { ...base, notes: [{ name: credit ? 'retention.accepted' : 'retention.credit.unapplied', detail: accepted }] };
  }

  /**
   * The operator's own credit (amount and charge chosen by the system): one adjustment on the
   * service's most recent recurring charge with room, through the approval rules and the outbox.
   */
  async function creditRetention(actor: Actor, serviceId: string, credit: Money, idempotencyKey: string, interactionId: string) {
    const bills = await deps.stores.bills.find({ customerId: actor.customerId as string }, { sort: { issuedAt: -1 }, limit: 3 });
    for (const bill of bills) {
      const items = await apis.billing.adjustableItems(actor, bill.id);
      const charge = items.find((i) => i.serviceId === serviceId && i.type === 'recurring');
      if (!charge) continue;
      const amountMinor = Math.min(credit.amountMinor, charge.maxAdjustable.amountMinor);
      return apis.billing.requestAdjustment(actor, { billId: bill.id, itemId: charge.id, reasonCode: RETENTION_REASON, amountMinor }, { idempotencyKey, interactionId, operatorOffer: true });
    }
    return null;
  }

  return {
    name: P,
    requires: 'verified',
    steps: async () => [...head, ...marketing(), ...tail],
    async finish(actor, answers, idempotencyKey, ctx) {
      if (answers.retention === true) return retain(actor, answers, idempotencyKey, ctx.interactionId);
      const marketingAnswers = Object.entries(answers)
        .filter(([k, v]) => k.startsWith('marketing.') && typeof v === 'string')
        .map(([k, v]) => ({ questionId: k.slice('marketing.'.length), answerId: v as string }));
      const placed = await apis.orders.submitDiscontinuation(
        actor,
        { serviceId: str(answers, 'service'), reasonCode: str(answers, 'reason'), marketing: marketingAnswers, ...(str(answers, 'date') ? { requestedDate: str(answers, 'date') } : {}) },
        { idempotencyKey, interactionId: ctx.interactionId },
      );
      return done(P, 'submitted', { orderId: placed.id, ...(placed.requestedDate ? { endDate: placed.requestedDate } : {}) }, { orderId: placed.id });
    },
  };
}
