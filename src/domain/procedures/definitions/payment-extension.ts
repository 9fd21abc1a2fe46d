import type { CareDeps } from '../../deps';
import type { Actor } from '../../shared/actor';
import { extensionRefusal, extensionVerdict } from '../../billing/extension-policy';
import type { Refusal } from '../../shared/refusal';
import { choose, confirm, done, refused, str, type ProcedureApis, type ProcedureDefinition, type StepDef } from '../procedure-definition';

const P = 'payment-extension';

/** "a date extension of payment": only the dates the policy allows; not eligible means a CSR. */
export function paymentExtension(deps: Pick<CareDeps, 'catalog' | 'stores' | 'clock'>, apis: Pick<ProcedureApis, 'billing'>): ProcedureDefinition {
  const options = (actor: Actor) => apis.billing.extensionOptions(actor);

  async function refusal(actor: Actor): Promise<Refusal> {
    const customerId = actor.customerId as string;
    const [bills, extensions] = await Promise.all([deps.stores.bills.find({ customerId }), deps.stores.extensions.find({ customerId })]);
    const input = { bills, extensions, catalog: deps.catalog(), now: deps.clock.now() };
    const verdict = extensionVerdict(input);
    return extensionRefusal(verdict.allowed ? 'not-eligible' : verdict.reason, { ...input, ...(verdict.bill ? { bill: verdict.bill } : {}) });
  }

  const steps: StepDef[] = [
    {
      field: 'date',
      async build(actor) {
        const o = await options(actor);
        return choose(P, 'date', (o?.dates ?? []).map((d) => ({ id: d, label: d })), { facts: { currentDueDate: o?.currentDueDate ?? null } });
      },
      // Which bill and due date the dates were offered for, so the request is the one confirmed.
      async derive(actor) {
        const o = await options(actor);
        return { $billId: o?.billId ?? null, $fromDate: o?.currentDueDate ?? null };
      },
    },
    {
      field: 'confirm',
      build: async (_actor, answers) => confirm(P, 'confirm', { fromDate: str(answers, '$fromDate'), toDate: str(answers, 'date') }),
    },
  ];

  return {
    name: P,
    requires: 'verified',
    // Not eligible: nothing to ask, finish explains why.
    steps: async (actor, answers) => ('date' in answers || (await options(actor)) ? steps : []),
    async finish(actor, answers, idempotencyKey, ctx) {
      if (!('date' in answers) || !answers.$billId) {
        return refused(P, await refusal(actor));
      }
      const ext = await apis.billing.requestExtension(actor, { billId: str(answers, '$billId'), toDate: str(answers, 'date') }, { idempotencyKey, interactionId: ctx.interactionId });
      const fresh = (await deps.stores.extensions.get(ext.id)) ?? ext;
      const outcome = fresh.status === 'applied' ? 'completed' : fresh.status === 'submitted' ? 'submitted' : 'escalate';
      return done(P, outcome, { fromDate: fresh.fromDate, toDate: fresh.toDate, extensionId: fresh.id }, { extensionId: fresh.id });
    },
  };
}
