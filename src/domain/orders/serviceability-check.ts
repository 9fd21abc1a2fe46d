/**
 * Why a product can't be delivered at an address, said plainly: outside the network, or the
 * network there doesn't carry the product's technology (e.g. fiber where only copper reaches).
 */
import type { Product } from '../catalog/catalog-schema';
import type { PostalAddress } from '../customers/customer';
import { fail } from '../shared/errors';

export interface Coverage {
  serviceable: boolean;
  technologies: string[];
}

export const deliverableAt = (product: Product, at: Coverage): boolean =>
  !product.requiresServiceability || (at.serviceable && (!product.technology || at.technologies.includes(product.technology)));

/** NOT_SERVICEABLE with the reason in words and in details (reason, postal code, what does reach it). */
export function refuseUndeliverable(product: Product, address: PostalAddress, at: Coverage): void {
  if (deliverableAt(product, at)) return;
  const postalCode = address.postalCode.trim();
  const outsideArea = !at.serviceable || at.technologies.length === 0;
  const reason = outsideArea
    ? `${product.name} can't be provided at ${postalCode}: the address is outside our network`
    : `${product.name} needs ${product.technology}, and only ${at.technologies.join(' and ')} reaches ${postalCode}`;
  fail('NOT_SERVICEABLE', reason, {
    productId: product.id,
    product: product.name,
    postalCode,
    reason: outsideArea ? 'outside-network' : 'technology-unavailable',
    outsideArea,
    needs: product.technology ?? null,
    available: outsideArea ? null : at.technologies.join(', '),
  });
}
