/**
 * The next-best offer in chat: after a procedure ends well, a card with the domain's offer and two
 * buttons (kept on screen while the menu follows). The answer is a button or a plain yes/no;
 * anything else the customer does next means the offer went unanswered.
 */
import { CardFactory, MessageFactory, type TurnContext } from 'botbuilder';
import type { OfferAnswer } from '../../../domain/offers/next-best-offer';
import type { Step } from '../../../domain/procedures/procedure';
import { button } from '../render/step-view';
import type { BotDeps, ChatSession } from './session';

const FIELD = 'offer';

/** Makes the offer when the domain has one for this contact; true when it was shown. */
export async function showOffer(deps: BotDeps, ctx: TurnContext, s: ChatSession): Promise<boolean> {
  if (!s.interactionId || s.actor.verification !== 'verified') return false;
  const offer = await deps.care.offers.nextBest(s.actor, s.interactionId).catch((err: unknown) => {
    deps.logger.warn({ err, interactionId: s.interactionId }, 'chat: next-best offer unavailable');
    return null;
  });
  if (!offer) return false;
  const params = { product: offer.productName, pitch: deps.catalogText ? deps.catalogText.localizeText(offer.pitch, s.locale) : offer.pitch, amount: offer.fromMonthly ?? null };
  const key = deps.wording.has(`offer.${offer.rule}`, s.locale) ? `offer.${offer.rule}` : 'offer.pitch';
  const card = CardFactory.heroCard('', deps.wording.msg(key, s.locale, params), undefined, [
    button(deps.wording.msg('offer.accept', s.locale, params), { field: FIELD, value: 'accepted' }),
    button(deps.wording.msg('offer.decline', s.locale, params), { field: FIELD, value: 'declined' }),
  ]);
  await ctx.sendActivity(MessageFactory.attachment(card));
  s.offerPending = true;
  return true;
}

/**
 * The customer's answer to a pending offer (its buttons), or null when this message is about
 * something else. A typed yes or no is not taken as an answer: the last question on screen is
 * "anything else?", and a yes to that must not buy anything.
 */
export function offerAnswerOf(ctx: TurnContext): OfferAnswer | null {
  const v = ctx.activity.value as { field?: unknown; value?: unknown } | undefined;
  return v?.field === FIELD && (v.value === 'accepted' || v.value === 'declined') ? v.value : null;
}

/** Records the answer (or "no answer"); for an accepted offer, the order procedure's first step. */
export async function answerOffer(deps: BotDeps, s: ChatSession, answer: OfferAnswer): Promise<Step | undefined> {
  s.offerPending = false;
  const { step } = await deps.care.offers.answer(s.actor, s.interactionId as string, answer);
  return step;
}
