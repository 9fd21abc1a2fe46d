/**
 * Who is never called: a do-not-call flag on the customer, the suppression list (a number or a
 * customer), a suspended account, someone who said no to this campaign or asked not to be
 * called, someone who already has what is offered. Checked when targets are selected and again
 * before every call.
 */
import type { Customer } from '../customers/customer';
import type { Stores } from '../ports/store';
import type { Campaign, CampaignOffer, SuppressionReason } from './campaign';
import { campaignQuestion } from './campaign';

/** The product the offer ends with (what "bought" means). */
export const offeredProduct = (offer: CampaignOffer): string => (offer.kind === 'new-service' ? offer.productId : offer.toProductId);

export async function suppressionOf(stores: Pick<Stores, 'suppressions'>, customer: Customer, phone: string | undefined, campaign: Pick<Campaign, 'id' | 'offer'>): Promise<SuppressionReason | null> {
  if (customer.doNotCall) return 'do-not-call';
  if (customer.marketing.some((m) => m.questionId.startsWith('campaign:') && m.answerId === 'do-not-call')) return 'do-not-call';
  if (!phone) return 'no-phone';
  const listed = (await stores.suppressions.count({ phone })) + (await stores.suppressions.count({ customerId: customer.id }));
  if (listed > 0) return 'suppression-list';
  if (customer.accountStatus !== 'active' || customer.services.some((s) => s.status === 'suspended')) return 'suspended';
  if (customer.marketing.some((m) => m.questionId === campaignQuestion(campaign.id) && m.answerId === 'not-interested')) return 'said-no';
  const product = offeredProduct(campaign.offer);
  if (customer.services.some((s) => s.status !== 'disconnected' && (s.productId === product || s.addons.includes(product)))) return 'bought';
  return null;
}
