import type { CareDeps } from '../../deps';
import type { Actor } from '../../shared/actor';
import type { Outcome } from '../procedure';
import { approvalLimit } from '../../billing/adjustment-policy';
import { fail } from '../../shared/errors';
import { choose, confirm, done, input, str, type Answers, type ProcedureApis, type ProcedureDefinition, type StepDef } from '../procedure-definition';
import { parseAmountMinor } from '../step-values';
import { pick } from './labels';

const P = 'bill-adjustment';
/** How many recent bills are offered. */
const RECENT_BILLS = 3;

/** "allowing adjustments only on valid items and for valid reasons, checking against the limit." */
export function billAdjustment(deps: Pick<CareDeps, 'catalog' | 'stores'>, apis: Pick<ProcedureApis, 'billing'>): ProcedureDefinition {
  const items = (actor: Actor, answers: Answers) => apis.billing.adjustableItems(actor, str(answers, 'bill'));
  const item = async (actor: Actor, answers: Answers) => pick(await items(actor, answers), answers.item, 'item');
  const amountMinor = (answers: Answers): number => answers.amount as number;

  const steps: StepDef[] = [
    {
      field: 'bill',
      async build(actor) {
        const bills = (await apis.billing.bills(actor)).sort((a, b) => b.issuedAt.localeCompare(a.issuedAt)).slice(0, RECENT_BILLS);
        const withItems = [];
        for (const bill of bills) if ((await apis.billing.adjustableItems(actor, bill.id)).length > 0) withItems.push(bill);
        return choose(P, 'bill', withItems.map((b) => ({ id: b.id, label: b.period, detail: `due ${b.dueDate}`, amount: b.total })));
      },
    },
    {
      field: 'item',
      build: async (actor, answers) =>
        choose(P, 'item', (await items(actor, answers)).map((i) => ({ id: i.id, label: i.description, amount: i.maxAdjustable }))),
    },
    {
      field: 'reason',
      build: async (actor, answers) => choose(P, 'reason', (await item(actor, answers)).reasons),
    },
    {
      field: 'amount',
      build: async (actor, answers) => input(P, 'amount', 'amount', { optional: true, facts: { maxAdjustable: (await item(actor, answers)).maxAdjustable } }),
      async accept(actor, answers, value) {
        const max = (await item(actor, answers)).maxAdjustable.amountMinor;
        if (value === null) return max; // skipped: the full amount that may still be credited
        const minor = parseAmountMinor(String(value));
        if (minor <= 0 || minor > max) fail('AMOUNT_NOT_VALID', 'the amount must be more than zero and at most what may be credited', { maxMinor: max });
        return minor;
      },
    },
    {
      field: 'confirm',
      async build(actor, answers) {
        const it = await item(actor, answers);
        const reason = it.reasons.find((r) => r.id === answers.reason);
        const amount = { amountMinor: amountMinor(answers), currency: it.maxAdjustable.currency };
        const needsApproval = amount.amountMinor > approvalLimit(actor, deps.catalog()).limitMinor;
        return confirm(P, 'confirm', { item: it.description, amount, reason: reason?.label ?? str(answers, 'reason'), needsApproval });
      },
    },
  ];

  return {
    name: P,
    requires: 'verified',
    steps: async () => steps,
    async finish(actor, answers, idempotencyKey, ctx) {
      const requested = await apis.billing.requestAdjustment(
        actor,
        { billId: str(answers, 'bill'), itemId: str(answers, 'item'), reasonCode: str(answers, 'reason'), amountMinor: amountMinor(answers) },
        { idempotencyKey, interactionId: ctx.interactionId },
      );
      const adjustment = (await deps.stores.adjustments.get(requested.id)) ?? requested;
      const outcome: Outcome =
        adjustment.status === 'applied' ? 'completed'
        : adjustment.status === 'submitted' ? 'submitted'
        : adjustment.status === 'pending-approval' ? 'pending-approval'
        : 'escalate';
      return done(P, outcome, { amount: adjustment.amount, adjustmentId: adjustment.id }, { adjustmentId: adjustment.id });
    },
  };
}
