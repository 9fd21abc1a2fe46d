/**
 * A TMF622 productOrder (already valid against ProductOrder_FVO) read as one of our order
 * procedures: one item per order; `add` a new service (or an add-on to an existing one),
 * `modify` a service (another offering, an add-on, a characteristic), `delete` a service (with a
 * reasonCode characteristic) or an add-on. What we cannot map is refused with the reason.
 */
import { z } from 'zod';
import type { Catalog } from '../../../domain/catalog/catalog-schema';
import type { Customer } from '../../../domain/customers/customer';
import type { Modification, ServiceChoice } from '../../../domain/care';
import { TmfError } from '../tmf-errors';

const characteristic = z.object({ name: z.string().min(1).max(100), value: z.union([z.string().max(200), z.number(), z.boolean()]) });
const item = z.object({
  action: z.enum(['add', 'modify', 'delete', 'noChange']),
  productOffering: z.object({ id: z.string().min(1).max(100) }).optional(),
  product: z.object({ id: z.string().min(1).max(100).optional(), productCharacteristic: z.array(characteristic).max(20).optional() }).optional(),
});
export const orderInputSchema = z.object({
  productOrderItem: z.array(item).min(1),
  relatedParty: z.array(z.object({ role: z.string().optional(), partyOrPartyRole: z.object({ id: z.string().min(1).max(100) }).optional() })).optional(),
  externalId: z.array(z.object({ id: z.string().min(1).max(100) })).optional(),
  requestedCompletionDate: z.string().optional(),
});
export type OrderInput = z.output<typeof orderInputSchema>;

export type OrderPlan =
  | { kind: 'new'; choice: ServiceChoice }
  | { kind: 'modify'; serviceId: string; modification: Modification }
  | { kind: 'discontinue'; serviceId: string; reasonCode: string; requestedDate?: string };

const bad = (message: string): never => {
  throw new TmfError(400, 'VALIDATION_FAILED', 'order not supported', message);
};

export function parseOrderInput(body: unknown): OrderInput {
  const parsed = orderInputSchema.safeParse(body);
  if (!parsed.success) bad(parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; '));
  return (parsed as { data: OrderInput }).data;
}

/** The customer the order is for: the relatedParty with role customer. */
export function customerIdOf(input: OrderInput): string {
  const party = input.relatedParty?.find((p) => p.role === 'customer')?.partyOrPartyRole?.id;
  return party ?? bad('relatedParty: name the customer (role "customer", partyOrPartyRole.id = the TMF629 customer id)');
}

const chars = (c: { name: string; value: string | number | boolean }[] | undefined): Record<string, string> =>
  Object.fromEntries((c ?? []).map((x) => [x.name, String(x.value)]));

export function planOf(input: OrderInput, customer: Customer, catalog: Catalog): OrderPlan {
  if (input.productOrderItem.length !== 1) bad('productOrderItem: one item per order (place one productOrder per change)');
  const it = input.productOrderItem[0]!;
  const offering = it.productOffering?.id;
  const product = offering ? catalog.products.find((p) => p.id === offering) : undefined;
  if (offering && !product) bad(`productOffering.id: no offering "${offering}" in the catalog (see TMF620 productOffering)`);
  const serviceId = it.product?.id;
  const service = serviceId ? customer.services.find((s) => s.id === serviceId) : undefined;
  if (serviceId && !service) throw new TmfError(404, 'NOT_FOUND', 'no such product', `product.id: the customer has no product "${serviceId}" (see TMF637 product)`);
  const characteristics = chars(it.product?.productCharacteristic);

  switch (it.action) {
    case 'add': {
      if (!product) return bad('productOffering.id is required for action add');
      if (product.kind === 'addon') {
        if (!service) return bad('product.id: an add-on is added to one of the customer\'s products');
        return { kind: 'modify', serviceId: service.id, modification: { kind: 'add-addon', addonId: product.id } };
      }
      return { kind: 'new', choice: { productId: product.id, config: characteristics } };
    }
    case 'modify': {
      if (!service) return bad('product.id is required for action modify');
      if (product && product.id !== service.productId) {
        return { kind: 'modify', serviceId: service.id, modification: product.kind === 'addon' ? { kind: 'add-addon', addonId: product.id } : { kind: 'change-product', toProductId: product.id } };
      }
      const entries = Object.entries(characteristics);
      if (entries.length !== 1) return bad('modify: give another productOffering, or exactly one productCharacteristic to change');
      const [name, value] = entries[0]!;
      const current = catalog.products.find((p) => p.id === service.productId);
      if (current?.features.some((f) => f.id === name)) {
        if (value !== 'on' && value !== 'off') return bad(`productCharacteristic ${name}: a feature is "on" or "off"`);
        return { kind: 'modify', serviceId: service.id, modification: { kind: value === 'on' ? 'feature-on' : 'feature-off', featureId: name } };
      }
      return { kind: 'modify', serviceId: service.id, modification: { kind: 'change-config', key: name, value } };
    }
    case 'delete': {
      if (!service) return bad('product.id is required for action delete');
      if (product?.kind === 'addon') return { kind: 'modify', serviceId: service.id, modification: { kind: 'remove-addon', addonId: product.id } };
      const reasonCode = characteristics.reasonCode ?? bad('delete: give the reason as a productCharacteristic named reasonCode');
      const date = input.requestedCompletionDate;
      if (date !== undefined && !/^\d{4}-\d{2}-\d{2}/.test(date)) bad('requestedCompletionDate must be an ISO date-time');
      return { kind: 'discontinue', serviceId: service.id, reasonCode, ...(date ? { requestedDate: date.slice(0, 10) } : {}) };
    }
    default:
      return bad('action noChange places no order');
  }
}
