/** Shared pieces of TMF resources: hrefs, money, references to customers, offerings, products. */
import type { Money } from '../../../domain/shared/money';

export const API_PATHS = {
  TMF620: '/tmf-api/productCatalogManagement/v5',
  TMF621: '/tmf-api/troubleTicket/v5',
  TMF622: '/tmf-api/productOrderingManagement/v5',
  TMF629: '/tmf-api/customerManagement/v5',
  TMF637: '/tmf-api/productInventory/v5',
  TMF678: '/tmf-api/customerBillManagement/v5',
} as const;

export type Hrefs = (api: keyof typeof API_PATHS, resource: string, id: string) => string;

export const hrefsFor = (origin: string): Hrefs => (api, resource, id) => `${origin}${API_PATHS[api]}/${resource}/${encodeURIComponent(id)}`;

/** Money in major units, as TMF carries it. */
export const tmfMoney = (m: Money): { unit: string; value: number } => ({ unit: m.currency, value: m.amountMinor / 100 });

export const customerParty = (href: Hrefs, customerId: string, name?: string) => ({
  '@type': 'RelatedPartyRefOrPartyRoleRef',
  role: 'customer',
  partyOrPartyRole: { '@type': 'PartyRoleRef', id: customerId, href: href('TMF629', 'customer', customerId), '@referredType': 'Customer', ...(name ? { name } : {}) },
});

export const offeringRef = (href: Hrefs, productId: string, name?: string) => ({
  '@type': 'ProductOfferingRef',
  id: productId,
  href: href('TMF620', 'productOffering', productId),
  ...(name ? { name } : {}),
});

export const productRef = (href: Hrefs, serviceId: string) => ({ '@type': 'ProductRef', id: serviceId, href: href('TMF637', 'product', serviceId) });
