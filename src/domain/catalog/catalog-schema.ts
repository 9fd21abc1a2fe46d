import { z } from 'zod';

/**
 * The product catalog is data the operator edits (catalog/*.json). This schema is its contract:
 * adding a product, bundle, promotion or pricing model needs no code change.
 */
const id = z.string().regex(/^[a-z0-9][a-z0-9-]*$/, 'ids are lower-case letters, digits and dashes');
const minor = z.number().int();
const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'dates are YYYY-MM-DD');
const channelLimits = z.strictObject({ voice: minor, chat: minor, portal: minor, api: minor });

export const PRODUCT_FAMILIES = ['phone', 'broadband', 'tv', 'mobile', 'security', 'device'] as const;

export const priceComponentSchema = z.discriminatedUnion('type', [
  z.strictObject({ type: z.literal('recurring'), label: z.string().min(1), amountMinor: minor }),
  z.strictObject({ type: z.literal('one-time'), label: z.string().min(1), amountMinor: minor }),
  z.strictObject({
    type: z.literal('usage-tiered'),
    label: z.string().min(1),
    unit: z.string().min(1),
    /** Ascending tiers; the last has upTo null (unbounded). */
    tiers: z.array(z.strictObject({ upTo: z.number().int().positive().nullable(), unitPriceMinor: minor })).min(1),
  }),
]);

export const configOptionSchema = z.strictObject({
  key: id,
  label: z.string().min(1),
  required: z.boolean().default(true),
  values: z.array(z.strictObject({ id, label: z.string().min(1), monthlyDeltaMinor: minor.default(0) })).min(1),
  /** The value a product starts with when the customer does not choose. */
  default: id.optional(),
});

export const transitionSchema = z.strictObject({
  to: id,
  kind: z.enum(['upgrade', 'downgrade', 'lateral']),
});

export const productSchema = z.strictObject({
  id,
  name: z.string().min(1),
  /** Short spoken/printed name ("fiber 500"). */
  shortName: z.string().min(1).optional(),
  family: z.enum(PRODUCT_FAMILIES),
  kind: z.enum(['service', 'addon']),
  description: z.string().default(''),
  sellable: z.boolean().default(true),
  /** Active as soon as provisioning accepts the order (no truck roll, no shipping). */
  instantActivation: z.boolean().default(false),
  /** Needs a serviceability check of the service address (fixed-line products). */
  requiresServiceability: z.boolean().default(false),
  /** Network technology it needs at the address (e.g. 'fiber', 'copper', 'cable'). */
  technology: z.string().optional(),
  pricing: z.array(priceComponentSchema).min(1),
  contract: z
    .strictObject({
      termMonths: z.number().int().positive(),
      earlyTerminationFee: z.discriminatedUnion('type', [
        z.strictObject({ type: z.literal('fixed'), amountMinor: minor }),
        z.strictObject({ type: z.literal('per-remaining-month'), amountMinor: minor }),
      ]),
    })
    .optional(),
  config: z.array(configOptionSchema).default([]),
  /** Add-ons that may be attached to this service (addon product ids). */
  addons: z.array(id).default([]),
  /** For add-ons and services: families or product ids the customer must already have. */
  requires: z.array(z.string()).default([]),
  /** Product ids or families that cannot coexist with this one on the same account. */
  excludes: z.array(z.string()).default([]),
  transitions: z.array(transitionSchema).default([]),
  cancellable: z.boolean().default(true),
  /** Features that can be switched on/off as a modification (e.g. voicemail, caller-id). */
  features: z.array(z.strictObject({ id, label: z.string().min(1), monthlyMinor: minor.default(0) })).default([]),
});

export const bundleSchema = z.strictObject({
  id,
  name: z.string().min(1),
  products: z.array(id).min(2),
  discount: z.discriminatedUnion('type', [
    z.strictObject({ type: z.literal('percent'), percent: z.number().positive().max(100) }),
    z.strictObject({ type: z.literal('fixed'), monthlyMinor: minor }),
  ]),
  sellable: z.boolean().default(true),
});

export const promotionSchema = z.strictObject({
  id,
  name: z.string().min(1),
  appliesTo: z.array(id).min(1),
  validFrom: isoDate,
  validTo: isoDate,
  discount: z.discriminatedUnion('type', [
    z.strictObject({ type: z.literal('percent'), percent: z.number().positive().max(100), months: z.number().int().positive() }),
    z.strictObject({ type: z.literal('fixed'), monthlyMinor: minor, months: z.number().int().positive() }),
    z.strictObject({ type: z.literal('waive-one-time') }),
  ]),
  newCustomersOnly: z.boolean().default(false),
});

export const BILL_ITEM_TYPES = ['recurring', 'one-time', 'usage', 'late-fee', 'equipment', 'tax', 'credit', 'discount'] as const;

export const catalogSchema = z.strictObject({
  operator: z.strictObject({
    name: z.string().min(1),
    currency: z.string().regex(/^[A-Z]{3}$/),
    timezone: z.string().min(1),
    supportPhone: z.string().min(1),
  }),
  products: z.array(productSchema).min(1),
  bundles: z.array(bundleSchema).default([]),
  promotions: z.array(promotionSchema).default([]),
  adjustments: z.strictObject({
    /** Bill item types that may be adjusted at all. */
    adjustableItemTypes: z.array(z.enum(BILL_ITEM_TYPES)).min(1),
    reasons: z
      .array(
        z.strictObject({
          code: id,
          label: z.string().min(1),
          appliesTo: z.array(z.enum(BILL_ITEM_TYPES)).min(1),
          /** Used only by the operator's own offers (e.g. an accepted retention credit); never offered for a customer to pick. */
          offerOnly: z.boolean().optional(),
        }),
      )
      .min(1),
    /** Largest adjustment a customer may get without a person, per self-service channel. */
    selfServiceLimitMinor: channelLimits,
    /** Largest adjustment each CSR role may apply. */
    csrLimitMinor: z.strictObject({ agent: minor, senior: minor, supervisor: minor }),
  }),
  extensions: z.strictObject({
    maxDays: z.number().int().positive(),
    maxPerYear: z.number().int().nonnegative(),
    /** Accounts more than this many days past due cannot self-extend. */
    maxDaysPastDue: z.number().int().nonnegative(),
  }),
  discontinuation: z.strictObject({
    /** Families whose services may end on a requested date (today up to the end of the next billing cycle); others end at once. */
    scheduledFamilies: z.array(id).optional(),
    reasons: z.array(z.strictObject({ code: id, label: z.string().min(1) })).min(1),
    marketingQuestions: z
      .array(
        z.strictObject({
          id,
          text: z.string().min(1),
          options: z.array(z.strictObject({ id, label: z.string().min(1) })).min(1),
        }),
      )
      .default([]),
  }),
  repair: z.strictObject({
    symptoms: z.array(z.strictObject({ code: id, label: z.string().min(1), families: z.array(z.enum(PRODUCT_FAMILIES)).min(1) })).min(1),
    /** How far ahead technician slots are offered. */
    appointmentHorizonDays: z.number().int().positive(),
  }),
});

export type Catalog = z.infer<typeof catalogSchema>;
export type Product = z.infer<typeof productSchema>;
export type PriceComponent = z.infer<typeof priceComponentSchema>;
export type Bundle = z.infer<typeof bundleSchema>;
export type Promotion = z.infer<typeof promotionSchema>;
export type ProductFamily = (typeof PRODUCT_FAMILIES)[number];
export type BillItemType = (typeof BILL_ITEM_TYPES)[number];
