/**
 * A partner (reseller, wholesale partner, field-service contractor) bonded with us through the
 * TM Forum APIs. Partners are data: who they are, their hashed secret, what they may do (scopes),
 * for which customers (account numbers) and which fields of each resource they may see.
 */
import { z } from 'zod';
import type { StoredRecord } from '../shared/record';

/** What a partner may do, one scope per API and direction. */
export const PARTNER_SCOPES = [
  'productCatalog:read',
  'productOrder:read',
  'productOrder:write',
  'troubleTicket:read',
  'troubleTicket:write',
  'customer:read',
  'product:read',
  'customerBill:read',
] as const;
export type PartnerScope = (typeof PARTNER_SCOPES)[number];

/** The resources whose fields a partner's visibility names. */
export const PARTNER_RESOURCES = ['productOrder', 'troubleTicket', 'customer', 'product', 'customerBill'] as const;
export type PartnerResource = (typeof PARTNER_RESOURCES)[number];

export interface Partner extends StoredRecord {
  /** OAuth client id (unique). */
  clientId: string;
  name: string;
  /** scrypt hash of the client secret. */
  secretHash: string;
  scopes: PartnerScope[];
  /** Account numbers of the customers the partner may act for. */
  accountNumbers: string[];
  /**
   * Top-level fields of each resource the partner may see (`id`, `href`, `@type` always). A
   * resource absent here is seen whole, within its scope; the scope decides whether at all.
   */
  visibleFields: Partial<Record<PartnerResource, string[]>>;
  active: boolean;
  createdAt: string;
}

const field = z.string().regex(/^[@A-Za-z][A-Za-z0-9]{0,60}$/);

/** A partner as an operator writes it (seed files, tests): checked before it is stored. */
export const partnerInputSchema = z.strictObject({
  clientId: z.string().regex(/^[A-Za-z0-9._-]{3,64}$/),
  name: z.string().trim().min(1).max(120),
  scopes: z.array(z.enum(PARTNER_SCOPES)).min(1),
  accountNumbers: z.array(z.string().regex(/^\d{6,12}$/)).max(10_000),
  visibleFields: z.partialRecord(z.enum(PARTNER_RESOURCES), z.array(field).max(100)).default({}),
  active: z.boolean().default(true),
});
export type PartnerInput = z.input<typeof partnerInputSchema>;

/** The fields always visible on any resource. */
export const ALWAYS_VISIBLE = ['id', 'href', '@type', '@baseType', '@schemaLocation'] as const;
