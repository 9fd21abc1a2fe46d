/**
 * The next-best offer at the end of a successful call (the domain decides whether there is one,
 * and records it once). 1 or yes: the order procedure starts with the product chosen; 2 or no:
 * declined; silence or a second unclear answer: recorded as no answer, and the call goes on.
 */
import type { Actor } from '../../../domain/shared/actor';
import type { NextBestOffer, OfferAnswer } from '../../../domain/offers/next-best-offer';
import { isDomainError } from '../../../domain/shared/errors';
import type { NodeOf } from '../flows/flow-schema';
import { isEmpty, saysAny, singleKey } from '../interpreter/matching';
import type { Turn, VerbHandler } from '../interpreter/turn';
import { plan, type Utterance } from '../twiml/speech-plan';

type OfferNode = NodeOf<'next-best-offer'>;

/** A rule's own wording when the prompts have one (`offer.<rule>`), else the generic pitch. */
const factsOf = (offer: NextBestOffer) => ({ product: offer.productName, pitch: offer.pitch, amount: offer.fromMonthly ?? null });

function pitch(t: Turn, node: OfferNode, offer: NextBestOffer): Utterance {
  const said = t.rt.catalogText ? t.rt.catalogText.localizeText(offer.pitch, t.state.locale) : offer.pitch;
  const facts = { ...factsOf(offer), pitch: said };
  return t.hasPrompt(`offer.${offer.rule}`) ? t.say(`offer.${offer.rule}`, facts) : t.say(node.prompt ?? 'offer.pitch', facts);
}

async function record(t: Turn, answer: OfferAnswer) {
  return t.rt.care.offers.answer(t.state.actor as Actor, t.state.interactionId as string, answer);
}

export const nextBestOffer: VerbHandler<OfferNode> = {
  async enter(t, node, lead) {
    const { state, rt } = t;
    if (!state.interactionId) return t.enter(node.next, lead);
    const offer = await rt.care.offers.nextBest(state.actor, state.interactionId).catch((err: unknown) => {
      rt.logger.warn({ callSid: state.callSid, err }, 'voice: next-best offer unavailable');
      return null;
    });
    if (!offer) return t.enter(node.next, lead);
    const words = rt.flows.locales[state.locale].words;
    return plan(state.locale, [...lead, pitch(t, node, offer), t.say('offer.options', factsOf(offer))], {
      gather: t.gather({ input: 'dtmf speech', numDigits: 1, hints: [...words.yes, ...words.no] }),
    });
  },
  async input(t, node, input) {
    const { state } = t;
    const words = t.rt.flows.locales[state.locale].words;
    const key = singleKey(input);
    if (key === '1' || saysAny(input.speech, words.yes)) {
      const { step } = await record(t, 'accepted').catch((err: unknown) => {
        // The order procedure could not start (the offer no longer fits): say so and go on.
        if (!isDomainError(err)) throw err;
        t.rt.logger.warn({ callSid: state.callSid, code: err.code }, 'voice: accepted offer could not start an order');
        return { step: undefined };
      });
      if (!step) return t.enter(node.next, [t.say('error.unexpected')]);
      state.step = step;
      state.procedure = step.procedure;
      state.attempts = 0;
      state.page = 0;
      return t.enter(node.procedureStep, [t.say('offer.accepted')], 'again');
    }
    if (key === '2' || saysAny(input.speech, words.no)) {
      await record(t, 'declined');
      return t.enter(node.next, [t.say('offer.declined')]);
    }
    if (isEmpty(input) || state.attempts >= 1) {
      await record(t, 'no-answer');
      return t.enter(node.next);
    }
    state.attempts += 1;
    return t.enter(state.node, [t.say('error.no-match')], 'again');
  },
};
