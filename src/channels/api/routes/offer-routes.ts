/**
 * The next-best offer for the portal: once a guided procedure has ended well, ask for the offer
 * (at most one per interaction, recorded as made), then send the customer's answer. Accepting
 * returns the first step of the order procedure for that product, answered like any other.
 */
import { z } from 'zod';
import { OFFER_ANSWERS } from '../../../domain/offers/next-best-offer';
import { EMPTY, defineRoute, type AnyRoute } from '../route-kit';
import { idParams } from '../schemas';

const customer = { auth: 'customer', tag: 'procedures' } as const;
const offerAnswerSchema = z.strictObject({ answer: z.enum(OFFER_ANSWERS) });

export const offerRoutes: AnyRoute[] = [
  defineRoute({
    ...customer,
    method: 'post',
    path: '/interactions/:id/offer',
    operationId: 'nextBestOffer',
    summary: 'The one product offered at the end of a successful contact ({ offer: null } when there is none); asking again returns the same offer',
    idempotency: 'optional',
    params: idParams,
    body: EMPTY.optional(),
    status: 200,
    problems: [404],
    handle: async ({ actor, params }, { care }) => ({ offer: await care.offers.nextBest(actor, params.id) }),
  }),
  defineRoute({
    ...customer,
    method: 'post',
    path: '/interactions/:id/offer/answer',
    operationId: 'answerOffer',
    summary: 'The customer\'s answer to the offer (accepted | declined | no-answer); accepted returns the order procedure\'s next step',
    idempotency: 'optional',
    params: idParams,
    body: offerAnswerSchema,
    status: 200,
    problems: [404, 409, 422],
    handle: async ({ actor, params, body }, { care }) => {
      const { offer, step } = await care.offers.answer(actor, params.id, body.answer);
      return { offer, step: step ?? null };
    },
  }),
];
