import type { CareDeps } from '../../deps';
import type { ServiceChoice } from '../../care';
import type { Actor } from '../../shared/actor';
import type { Product } from '../../catalog/catalog-schema';
import { fail } from '../../shared/errors';
import { choose, confirm, done, refused, str, type Answers, type ProcedureApis, type ProcedureDefinition, type StepDef } from '../procedure-definition';
import { addressLine } from './labels';
import { refuse } from '../../shared/refusal';
import { notServiceable } from '../../orders/new-service';

const P = 'new-service';
const NONE = 'none';

/** "enters service configuration information, provides service information and orders the product." */
export function newService(deps: Pick<CareDeps, 'catalog' | 'stores'>, apis: Pick<ProcedureApis, 'orders' | 'customers' | 'catalog'>): ProcedureDefinition {
  const offers = async (actor: Actor) => (await apis.orders.offers(actor)).filter((p) => p.kind === 'service');
  const chosen = (answers: Answers): Product | undefined => apis.catalog.product(str(answers, 'product'));
  const addonsOf = (product: Product): Product[] =>
    product.addons.map((id) => apis.catalog.product(id)).filter((p): p is Product => !!p && p.sellable && p.kind === 'addon');

  async function choiceOf(actor: Actor, answers: Answers): Promise<ServiceChoice> {
    const product = chosen(answers);
    if (!product) fail('VALIDATION_FAILED', 'that product is no longer offered');
    const config: Record<string, string> = {};
    for (const option of product.config) {
      const v = answers[`config.${option.key}`];
      if (typeof v === 'string') config[option.key] = v;
    }
    const addon = answers.addon;
    const choice: ServiceChoice = { productId: product.id, config, addons: typeof addon === 'string' && addon !== NONE ? [addon] : [] };
    if (answers.address === 'billing') choice.serviceAddress = (await apis.customers.profile(actor)).billingAddress;
    return choice;
  }

  const productStep: StepDef = {
    field: 'product',
    build: async (actor) => choose(P, 'product', (await offers(actor)).map((p) => ({ id: p.id, label: p.name, detail: p.description || undefined, amount: p.fromMonthly }))),
  };

  function stepsFor(product: Product): StepDef[] {
    const currency = deps.catalog().operator.currency;
    const configSteps: StepDef[] = product.config.map((option) => ({
      field: `config.${option.key}`,
      build: async () =>
        choose(P, `config.${option.key}`, option.values.map((v) => ({ id: v.id, label: v.label, amount: { amountMinor: v.monthlyDeltaMinor, currency } })), {
          optional: !option.required,
          prompt: `${P}.config`,
          facts: { option: option.label },
        }),
      accept: async (_actor, _answers, value) => value ?? option.default ?? null,
    }));
    const addons = addonsOf(product);
    const addonStep: StepDef = {
      field: 'addon',
      when: () => addons.length > 0,
      build: async () =>
        choose(P, 'addon', [...addons.map((a) => ({ id: a.id, label: a.name, detail: a.description || undefined })), { id: NONE, label: 'No add-on' }], { optional: true }),
      accept: async (_actor, _answers, value) => value ?? NONE,
    };
    const addressStep: StepDef = {
      field: 'address',
      when: () => product.requiresServiceability,
      build: async (actor) => choose(P, 'address', [{ id: 'billing', label: addressLine((await apis.customers.profile(actor)).billingAddress) }]),
      async accept(actor, _answers, value) {
        const where = (await apis.customers.profile(actor)).billingAddress;
        const { serviceable, technologies } = await apis.orders.serviceability(actor, where);
        if (!serviceable || (product.technology && !technologies.includes(product.technology))) {
          refuse('NOT_SERVICEABLE', notServiceable(product, where), { productId: product.id });
        }
        return value;
      },
    };
    const confirmStep: StepDef = {
      field: 'confirm',
      async build(actor, answers) {
        const q = await apis.orders.quoteNew(actor, await choiceOf(actor, answers));
        return confirm(P, 'confirm', { product: product.name, oneTimeTotal: q.oneTimeTotal, monthlyTotal: q.monthlyTotal, monthlyDelta: q.monthlyDelta, notes: q.notes });
      },
    };
    return [productStep, ...configSteps, addonStep, addressStep, confirmStep];
  }

  return {
    name: P,
    requires: 'verified',
    async steps(actor, answers) {
      const product = chosen(answers);
      if (product) return stepsFor(product);
      // Account standing refuses selling: nothing to ask, finish explains why.
      return (await apis.orders.sellingRefusal(actor, 'new-service')) ? [] : [productStep];
    },
    async finish(actor, answers, idempotencyKey, ctx) {
      if (!('product' in answers)) {
        const standing = await apis.orders.sellingRefusal(actor, 'new-service');
        if (standing) return refused(P, standing);
      }
      const product = chosen(answers) ?? fail('VALIDATION_FAILED', 'that product is no longer offered');
      const placed = await apis.orders.submitNew(actor, await choiceOf(actor, answers), { idempotencyKey, interactionId: ctx.interactionId });
      const order = (await deps.stores.orders.get(placed.id)) ?? placed;
      return done(P, order.status === 'completed' ? 'completed' : 'submitted', { product: product.name, orderId: order.id }, { orderId: order.id });
    },
  };
}
