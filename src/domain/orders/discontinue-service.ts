/**
 * Discontinuation of service (tutorial, section 6): only services this customer may cancel, the
 * reason captured (and, optionally, marketing answers), a retention offer where the rules have
 * one, the final charges quoted, then the order.
 */
import { z } from 'zod';
import type { OrdersApi } from '../care';
import type { CareDeps } from '../deps';
import type { Actor } from '../shared/actor';
import type { Customer, ServiceInstance } from '../customers/customer';
import { fail } from '../shared/errors';
import { money } from '../shared/money';
import { customerOf, requireLevel } from '../shared/guards';
import { allowedModifications, isModifiable } from '../catalog/compatibility';
import { findProduct, serviceMonthlyMinor, todayOf, underContract } from '../catalog/pricing';
import { modificationId } from '../catalog/modifications';
import { quoteDiscontinuation } from '../catalog/quotes';
import { marketingSchema, parseInput } from './order-input';
import { orderInFlight, placedBefore, placeOrder } from './order-submission';
import { serviceOf } from './modify-service';
import { endDates, requestedEnd } from './discontinuation-dates';
import { refuse } from '../shared/refusal';

type DiscontinueServiceApi = Pick<
  OrdersApi,
  'cancellableServices' | 'discontinuationReasons' | 'marketingQuestions' | 'retentionOffer' | 'quoteDiscontinuation' | 'submitDiscontinuation' | 'discontinuationDates'
>;

const CANCELLABLE_STATUSES: readonly ServiceInstance['status'][] = ['active', 'suspended'];

const retentionParams = z.object({
  offerId: z.string().min(1),
  label: z.string().min(1),
  monthlyCreditMinor: z.number().int().nonnegative().optional(),
  months: z.number().int().nonnegative().optional(),
  toProductId: z.string().min(1).optional(),
});

/** Whole months from one ISO instant to another. */
const monthsBetween = (fromIso: string, to: Date): number => {
  const from = new Date(fromIso);
  const months = (to.getUTCFullYear() - from.getUTCFullYear()) * 12 + (to.getUTCMonth() - from.getUTCMonth());
  return Math.max(0, to.getUTCDate() < from.getUTCDate() ? months - 1 : months);
};

export function createDiscontinueService(deps: CareDeps): DiscontinueServiceApi {
  const { stores } = deps;

  const isCancellable = (service: ServiceInstance): boolean =>
    CANCELLABLE_STATUSES.includes(service.status) && findProduct(deps.catalog(), service.productId)?.cancellable === true;

  async function cancellable(actor: Actor, serviceId: string): Promise<{ customer: Customer; service: ServiceInstance }> {
    const customer = await customerOf(stores, actor, 'verified');
    const service = serviceOf(customer, serviceId);
    if (!isCancellable(service)) {
      refuse('SERVICE_NOT_CANCELLABLE', { reasonCode: 'service-not-cancellable', reason: 'this service cannot be cancelled here', nextSteps: ['agent'], facts: { status: service.status } }, { serviceId, status: service.status });
    }
    if (await orderInFlight(deps, customer.id, service.id)) {
      refuse('SERVICE_NOT_CANCELLABLE', { reasonCode: 'order-in-progress', reason: 'an order for this service is still in progress; it can be changed once that order is done', nextSteps: ['try-later'], facts: { serviceId } }, { serviceId });
    }
    return { customer, service };
  }

  function validReason(reasonCode: string | undefined): string {
    const code = typeof reasonCode === 'string' ? reasonCode.trim() : '';
    if (!code) fail('REASON_REQUIRED', 'tell us why the service is being cancelled', { field: 'reasonCode' });
    if (!deps.catalog().discontinuation.reasons.some((r) => r.code === code)) {
      fail('REASON_NOT_VALID', 'that is not one of the reasons we offer', { field: 'reasonCode', reasonCode: code });
    }
    return code;
  }

  /** Answers to the catalog's marketing questions, one per question (the last one counts). */
  function validMarketing(input: unknown): { questionId: string; answerId: string }[] {
    const answers = parseInput(marketingSchema, input ?? [], 'marketing');
    const questions = deps.catalog().discontinuation.marketingQuestions;
    const byQuestion = new Map<string, string>();
    for (const a of answers) {
      const question = questions.find((q) => q.id === a.questionId);
      if (!question || !question.options.some((o) => o.id === a.answerId)) {
        fail('VALIDATION_FAILED', 'that is not an answer to one of our questions', { field: 'marketing', questionId: a.questionId });
      }
      byQuestion.set(a.questionId, a.answerId);
    }
    return [...byQuestion].map(([questionId, answerId]) => ({ questionId, answerId }));
  }

  const quoteFor = (customer: Customer, service: ServiceInstance) =>
    quoteDiscontinuation(
      { catalog: deps.catalog(), now: deps.clock.now(), validityMinutes: deps.policy.quoteValidityMinutes },
      { service, services: customer.services },
    );

  return {
    async cancellableServices(actor) {
      const customer = await customerOf(stores, actor, 'verified');
      return customer.services.filter(isCancellable);
    },

    discontinuationReasons() {
      return deps.catalog().discontinuation.reasons.map((r) => ({ id: r.code, label: r.label }));
    },

    marketingQuestions() {
      return deps.catalog().discontinuation.marketingQuestions.map((q) => ({ id: q.id, text: q.text, options: q.options.map((o) => ({ id: o.id, label: o.label })) }));
    },

    async retentionOffer(actor, serviceId, reasonCode) {
      const { customer, service } = await cancellable(actor, serviceId);
      const reason = validReason(reasonCode);
      const catalog = deps.catalog();
      const product = findProduct(catalog, service.productId);
      const now = deps.clock.now();
      const decisions = await deps.rules.decide('retention-offers', {
        reasonCode: reason,
        productId: service.productId,
        family: product?.family ?? 'unknown',
        monthlyMinor: serviceMonthlyMinor(catalog, service),
        tenureMonths: monthsBetween(customer.createdAt, now),
        underContract: underContract(service, todayOf(now)),
      });
      // A product change is only offered where the customer could make it now.
      const possible = isModifiable(service) ? allowedModifications(catalog, service, customer.services).map((a) => a.id) : [];
      for (const decision of decisions) {
        const parsed = retentionParams.safeParse(decision.params);
        if (!parsed.success) continue;
        const p = parsed.data;
        const modification = p.toProductId ? { kind: 'change-product' as const, toProductId: p.toProductId } : undefined;
        if (modification && !possible.includes(modificationId(modification))) continue;
        return {
          offerId: p.offerId,
          label: p.label,
          ...(modification ? { modification } : {}),
          ...(p.monthlyCreditMinor ? { monthlyCredit: money(p.monthlyCreditMinor, catalog.operator.currency) } : {}),
          ...(p.months ? { months: p.months } : {}),
        };
      }
      return null;
    },

    async quoteDiscontinuation(actor, serviceId) {
      const { customer, service } = await cancellable(actor, serviceId);
      return quoteFor(customer, service);
    },

    async discontinuationDates(actor, serviceId) {
      const { service } = await cancellable(actor, serviceId);
      return endDates(deps.catalog(), service, deps.clock.now());
    },

    async submitDiscontinuation(actor, input, opts) {
      requireLevel(actor, 'verified');
      const repeat = await placedBefore(deps, actor, opts);
      if (repeat) return repeat;
      const { customer, service } = await cancellable(actor, input.serviceId);
      const reasonCode = validReason(input.reasonCode);
      const marketing = validMarketing(input.marketing);
      const requestedDate = requestedEnd(deps.catalog(), service, deps.clock.now(), input.requestedDate);
      const items = [{ action: 'disconnect' as const, serviceId: service.id, productId: service.productId }];
      return placeOrder(deps, actor, customer, { type: 'disconnect', items, quote: quoteFor(customer, service), reasonCode, marketing, ...(requestedDate ? { requestedDate } : {}) }, opts);
    },
  };
}
