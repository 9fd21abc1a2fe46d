/**
 * The next-best offer (rules/next-best-offer.json): at the end of a successful contact, at most
 * one product the customer does not have, only to an account in good standing, never after an
 * escalated or failed contact. The offer and the customer's answer are kept on the interaction
 * (the marketing capture); accepting starts the order procedure for that product.
 */
import type { Channel } from '../shared/actor';
import type { Money } from '../shared/money';
import type { ProcedureName } from '../procedures/procedure';

export const OFFER_ANSWERS = ['accepted', 'declined', 'no-answer'] as const;
export type OfferAnswer = (typeof OFFER_ANSWERS)[number];

export interface NextBestOffer {
  productId: string;
  productName: string;
  /** The rule's sales sentence, as written in the rules file. */
  pitch: string;
  /** The rule that chose it (for the marketing report). */
  rule: string;
  /** new: ordered as a new service; upgrade: an existing service changes to it. */
  kind: 'new' | 'upgrade';
  /** For an upgrade: the service that changes and the allowed modification's id. */
  serviceId?: string;
  modificationId?: string;
  fromMonthly?: Money;
  /** The procedure whose success the offer follows. */
  after: ProcedureName;
  channel: Channel;
  madeAt: string;
  answer?: OfferAnswer;
  answeredAt?: string;
}

/** Outcomes of a contact that went well (no refusal, no hand-over, nothing left open). */
export const SUCCESSFUL_OUTCOMES: readonly string[] = ['completed', 'submitted', 'informed', 'resolved'];

/** Contacts after which selling would be out of place, however they ended. */
export const NO_OFFER_AFTER: readonly ProcedureName[] = ['discontinue-service'];
