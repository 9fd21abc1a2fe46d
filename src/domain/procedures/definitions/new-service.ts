import type { CareDeps } from '../../deps';
import type { ServiceChoice } from '../../care';
import type { Actor } from '../../shared/actor';
import type { Product } from '../../catalog/catalog-schema';
import type { PostalAddress } from '../../customers/customer';
import type { Facts } from '../procedure';
import { refuseUndeliverable } from '../../orders/serviceability-check';
import { fail } from '../../shared/errors';
import { choose, confirm, done, input, refused, str, type Answers, type ProcedureApis, type ProcedureDefinition, type StepDef } from '../procedure-definition';
import { addressLine } from './labels';

const P = 'new-service';
const NONE = 'none';
/** Service at another address than the billing one (moving, a second home). */
const OTHER = 'elsewhere';
const OTHER_LABEL = 'A different address';
const ADDRESS_FIELDS = [
  { field: 'address.line1', kind: 'text' },
  { field: 'address.city', kind: 'text' },
  { field: 'address.region', kind: 'text' },
  { field: 'address.postal-code', kind: 'digits' },
] as const;

const otherAddress = (answers: Answers, country: string): PostalAddress => ({
  line1: str(answers, 'address.line1'),
  city: str(answers, 'address.city'),
  region: str(answers, 'address.region'),
  postalCode: str(answers, 'address.postal-code'),
  country,
});

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
    if (answers.address === OTHER) choice.serviceAddress = otherAddress(answers, (await apis.customers.profile(actor)).billingAddress.country);
    return choice;
  }

  /** Refuses an address the product can't reach, with the reason (outside the network, or the wrong technology). */
  async function checkReach(actor: Actor, product: Product, where: PostalAddress): Promise<void> {
    refuseUndeliverable(product, where, await apis.orders.serviceability(actor, where));
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
      build: async (actor) =>
        choose(P, 'address', [
          { id: 'billing', label: addressLine((await apis.customers.profile(actor)).billingAddress) },
          { id: OTHER, label: OTHER_LABEL },
        ]),
      async accept(actor, _answers, value) {
        if (value === 'billing') await checkReach(actor, product, (await apis.customers.profile(actor)).billingAddress);
        return value;
      },
    };
    const otherAddressSteps: StepDef[] = ADDRESS_FIELDS.map(({ field, kind }, n) => ({
      field,
      when: (answers) => answers.address === OTHER,
      build: async () => input(P, field, kind),
      async accept(actor, answers, value) {
        const text = String(value ?? '').trim();
        if (text.length > (field === 'address.postal-code' ? 16 : 120)) fail('VALIDATION_FAILED', 'that is too long for an address', { field });
        // The last part completes the address: check it can be served before the quote.
        if (n === ADDRESS_FIELDS.length - 1) {
          const where = otherAddress({ ...answers, [field]: text }, (await apis.customers.profile(actor)).billingAddress.country);
          await checkReach(actor, product, where);
        }
        return text;
      },
    }));
    const confirmStep: StepDef = {
      field: 'confirm',
      async build(actor, answers) {
        const choice = await choiceOf(actor, answers);
        const q = await apis.orders.quoteNew(actor, choice);
        const elsewhere: Facts = answers.address === OTHER && choice.serviceAddress ? { serviceAddress: addressLine(choice.serviceAddress) } : {};
        return confirm(P, 'confirm', { ...elsewhere, product: product.name, oneTimeTotal: q.oneTimeTotal, monthlyTotal: q.monthlyTotal, monthlyDelta: q.monthlyDelta, notes: q.notes });
      },
    };
    return [productStep, ...configSteps, addonStep, addressStep, ...otherAddressSteps, confirmStep];
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
