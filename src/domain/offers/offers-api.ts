import type { BillingApi, OffersApi, OrdersApi, ProceduresApi } from '../care';
import type { CareDeps } from '../deps';
import type { Actor } from '../shared/actor';
import type { Customer } from '../customers/customer';
import type { Interaction } from '../interactions/interaction';
import { appendStep } from '../interactions/interactions-api';
import { fail, isDomainError } from '../shared/errors';
import { levelAtLeast } from '../shared/actor';
import { customerOf } from '../shared/guards';
import { updateWithRetry } from '../shared/update-with-retry';
import { checkOffer } from '../catalog/compatibility';
import { findProduct, fromMonthlyMinor } from '../catalog/pricing';
import { money } from '../shared/money';
import { NO_OFFER_AFTER, OFFER_ANSWERS, SUCCESSFUL_OUTCOMES, type NextBestOffer, type OfferAnswer } from './next-best-offer';
import { inGoodStanding, offerFacts } from './offer-facts';

type Candidate = Pick<NextBestOffer, 'productId' | 'productName' | 'pitch' | 'rule' | 'kind' | 'serviceId' | 'modificationId' | 'fromMonthly'>;

interface OfferApis {
  orders: OrdersApi;
  billing: BillingApi;
  procedures: ProceduresApi;
}

/** Did this contact go well so far (the last procedure succeeded, nothing escalated or refused)? */
function successfulContact(i: Interaction): boolean {
  if (i.status !== 'open' || i.links.escalationId) return false;
  const proc = i.procedure;
  if (!proc || proc.status !== 'done' || !proc.result || proc.closed) return false;
  if (!SUCCESSFUL_OUTCOMES.includes(proc.result.outcome) || NO_OFFER_AFTER.includes(proc.name)) return false;
  return !i.steps.some((s) => s.name === 'procedure.done' && s.detail?.outcome === 'escalate');
}

export function createOffersApi(deps: CareDeps, apis: OfferApis): OffersApi {
  const coll = deps.stores.interactions;

  async function own(actor: Actor, interactionId: string): Promise<Interaction> {
    const i = await coll.get(interactionId);
    if (!i || !i.customerId || i.customerId !== actor.customerId) fail('NOT_FOUND', 'no such interaction', { interactionId });
    return i;
  }

  /** May this product still be delivered at the customer's billing address? */
  async function deliverable(actor: Actor, customer: Customer, productId: string): Promise<boolean> {
    const product = findProduct(deps.catalog(), productId);
    if (!product?.requiresServiceability) return true;
    const at = await apis.orders.serviceability(actor, customer.billingAddress).catch(() => null);
    return !!at && at.serviceable && (!product.technology || at.technologies.includes(product.technology));
  }

  /** The rule's product as something this customer can take now: a new service or an upgrade. */
  async function candidate(actor: Actor, customer: Customer, decision: { params: Record<string, unknown>; rule: string }): Promise<Candidate | null> {
    const productId = String(decision.params.productId ?? '');
    const pitch = String(decision.params.pitch ?? '');
    const product = findProduct(deps.catalog(), productId);
    if (!product || !product.sellable) return null;
    const held = customer.services.some((s) => s.status !== 'disconnected' && (s.productId === productId || s.addons.includes(productId)));
    if (held) return null;
    const fromMonthly = money(fromMonthlyMinor(product), deps.catalog().operator.currency);
    const base = { productId, productName: product.name, pitch, rule: decision.rule, fromMonthly };
    if (checkOffer(deps.catalog(), productId, customer.services).ok) {
      return (await deliverable(actor, customer, productId)) ? { ...base, kind: 'new' } : null;
    }
    for (const service of await apis.orders.modifiableServices(actor)) {
      const allowed = await apis.orders.allowedModifications(actor, service.id).catch((e: unknown) => (isDomainError(e) ? [] : Promise.reject(e)));
      const upgrade = allowed.find((m) => m.modification.kind === 'change-product' && m.modification.toProductId === productId);
      if (upgrade && (await deliverable(actor, customer, productId))) return { ...base, kind: 'upgrade', serviceId: service.id, modificationId: upgrade.id };
    }
    return null;
  }

  async function choose(actor: Actor, customer: Customer): Promise<Candidate | null> {
    const overdue = await apis.billing.summary(actor).then((s) => s.overdue, () => false);
    if (!inGoodStanding(customer, overdue)) return null;
    const decisions = await deps.rules.decide('next-best-offer', offerFacts(deps.catalog(), customer));
    for (const d of decisions) {
      if (d.type !== 'offer') continue;
      const c = await candidate(actor, customer, d);
      if (c) return c;
    }
    return null;
  }

  return {
    async nextBest(actor, interactionId) {
      if (!levelAtLeast(actor.verification, 'verified') || !actor.customerId) return null;
      const i = await own(actor, interactionId);
      if (i.offer) return i.offer.answer ? null : i.offer; // at most one offer per contact
      if (!successfulContact(i)) return null;
      const customer = await customerOf(deps.stores, actor, 'verified');
      const chosen = await choose(actor, customer);
      if (!chosen) return null;
      const offer: NextBestOffer = { ...chosen, after: i.procedure!.name, channel: actor.channel, madeAt: deps.clock.now().toISOString() };
      const saved = await updateWithRetry(coll, i.id, (current) => {
        if (current.offer || current.status !== 'open') return null;
        return { ...current, offer, steps: appendStep(current, { at: offer.madeAt, name: 'offer.made', detail: { productId: offer.productId, rule: offer.rule } }) };
      });
      return saved.offer && !saved.offer.answer ? saved.offer : null;
    },

    async answer(actor, interactionId, answer) {
      if (!(OFFER_ANSWERS as readonly string[]).includes(answer)) fail('VALIDATION_FAILED', 'the answer is accepted, declined or no-answer', { field: 'answer' });
      const i = await own(actor, interactionId);
      const made = i.offer ?? fail('STEP_NOT_VALID', 'no offer was made on this interaction');
      if (made.answer && made.answer !== answer) fail('STEP_NOT_VALID', 'the offer was already answered', { answer: made.answer });
      const at = deps.clock.now().toISOString();
      let recorded = false;
      const saved = await updateWithRetry(coll, i.id, (current) => {
        const offer = current.offer as NextBestOffer;
        recorded = !offer.answer; // per attempt: a conflicting write retries and may find it answered
        if (!recorded) return null;
        return {
          ...current,
          offer: { ...offer, answer: answer as OfferAnswer, answeredAt: at },
          marketing: [...current.marketing.filter((m) => m.questionId !== 'next-best-offer'), { questionId: 'next-best-offer', answerId: answer }],
          steps: appendStep(current, { at, name: 'offer.answered', detail: { productId: offer.productId, answer } }),
        };
      });
      const offer = saved.offer as NextBestOffer;
      if (offer.answer !== 'accepted') return { offer };
      // A repeated (or racing) "accepted" finds the order procedure under way: where it is, not a restart.
      if (!recorded) return { offer, step: await apis.procedures.current(actor, i.id) };
      const step =
        offer.kind === 'new'
          ? await apis.procedures.start(actor, i.id, 'new-service', { product: offer.productId })
          : await apis.procedures.start(actor, i.id, 'modify-service', { service: offer.serviceId, modification: offer.modificationId });
      return { offer, step };
    },
  };
}
