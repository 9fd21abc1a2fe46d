import type { CareDeps } from '../../deps';
import type { Actor } from '../../shared/actor';
import { choose, confirm, done, str, type Answers, type ProcedureApis, type ProcedureDefinition, type StepDef } from '../procedure-definition';
import { linesTotal, pick, serviceLabel } from './labels';

const P = 'modify-service';

/** "lets the CSR enter only the allowed modification, provides the pricing information, submits the order." */
export function modifyService(deps: Pick<CareDeps, 'catalog' | 'stores'>, apis: Pick<ProcedureApis, 'orders'>): ProcedureDefinition {
  const allowed = (actor: Actor, answers: Answers) => apis.orders.allowedModifications(actor, str(answers, 'service'));
  const modification = async (actor: Actor, answers: Answers) => pick(await allowed(actor, answers), answers.modification, 'modification').modification;

  const steps: StepDef[] = [
    {
      field: 'service',
      build: async (actor) =>
        choose(P, 'service', (await apis.orders.modifiableServices(actor)).map((s) => ({ id: s.id, label: serviceLabel(deps.catalog(), s) }))),
    },
    {
      field: 'modification',
      build: async (actor, answers) =>
        choose(P, 'modification', (await allowed(actor, answers)).map(({ id, label, detail, amount }) => ({ id, label, ...(detail ? { detail } : {}), ...(amount ? { amount } : {}) }))),
      // Kept so the order submitted is exactly the one quoted, even if the offer list changes later.
      derive: async (actor, answers) => ({ $modification: await modification(actor, answers) }),
    },
    {
      field: 'confirm',
      async build(actor, answers) {
        const q = await apis.orders.quoteModification(actor, str(answers, 'service'), await modification(actor, answers));
        const proRated = linesTotal(q.lines, ['pro-rated'], q.monthlyDelta.currency);
        return confirm(P, 'confirm', { monthlyDelta: q.monthlyDelta, proRated, notes: q.notes });
      },
    },
  ];

  return {
    name: P,
    requires: 'verified',
    steps: async () => steps,
    // A suspended account has no service it may change: its standing is the reason, and paying is the way out.
    nothingToChoose: (actor) => apis.orders.sellingRefusal(actor, 'upgrade'),
    async finish(actor, answers, idempotencyKey, ctx) {
      const m = (answers.$modification as Parameters<typeof apis.orders.submitModification>[2] | undefined) ?? (await modification(actor, answers));
      const placed = await apis.orders.submitModification(actor, str(answers, 'service'), m, { idempotencyKey, interactionId: ctx.interactionId });
      const order = (await deps.stores.orders.get(placed.id)) ?? placed;
      return done(P, order.status === 'completed' ? 'completed' : 'submitted', { orderId: order.id }, { orderId: order.id });
    },
  };
}
