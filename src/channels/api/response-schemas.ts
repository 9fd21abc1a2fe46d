/**
 * Response schemas of the portal API: what each operation answers, as zod schemas. The OpenAPI
 * document is generated from them (openapi.ts), the route handlers are typed by them
 * (response-registry.ts), and the API tests validate every response against the document.
 * Objects are closed (output mode: additionalProperties false): a field the document does not
 * describe fails the tests instead of leaking unnoticed.
 */
import { z } from 'zod';
import { productSchema, BILL_ITEM_TYPES } from '../../domain/catalog/catalog-schema';
import { CHANNELS, VERIFICATION_LEVELS } from '../../domain/shared/actor';
import { PROCEDURES } from '../../domain/procedures/procedure';
import { modificationSchema } from './schemas';

export const iso = z.string().meta({ description: 'UTC ISO 8601 date-time' });
export const day = z.string().meta({ description: 'YYYY-MM-DD' });
export const channel = z.enum(CHANNELS);
export const procedureName = z.enum(PROCEDURES);

export const moneySchema = z.object({ amountMinor: z.number().int(), currency: z.string() }).meta({ description: 'Integer minor units (cents) and an ISO 4217 currency' });
export const choiceSchema = z.object({ id: z.string(), label: z.string(), detail: z.string().optional(), amount: moneySchema.optional() });
export const addressSchemaOut = z.object({ line1: z.string(), line2: z.string().optional(), city: z.string(), region: z.string(), postalCode: z.string(), country: z.string() });

export const submissionSchema = z.object({
  state: z.enum(['pending', 'delivered', 'dead']),
  idempotencyKey: z.string(),
  attempts: z.number().int(),
  nextAttemptAt: iso,
  leaseUntil: iso.optional(),
  lastError: z.string().optional(),
  deliveredAt: iso.optional(),
  externalRef: z.string().optional(),
});
export const record = { id: z.string(), version: z.number().int() };

export const serviceSchema = z.object({
  id: z.string(),
  productId: z.string(),
  status: z.enum(['pending', 'active', 'suspended', 'disconnected']),
  config: z.record(z.string(), z.string()),
  features: z.array(z.string()),
  addons: z.array(z.string()),
  number: z.string().optional(),
  serviceAddress: addressSchemaOut.optional(),
  activatedAt: iso.optional(),
  contractEnd: day.optional(),
  suspendedReason: z.enum(['non-payment', 'customer-request', 'fraud']).optional(),
  disconnectedAt: iso.optional(),
  promotions: z.array(z.object({ id: z.string(), until: day })),
  lineId: z.string(),
  appliedOrderIds: z.array(z.string()).optional(),
  statusNote: z.string().optional(),
});

export const customerSchema = z.object({
  id: z.string(),
  accountNumber: z.string(),
  accountStatus: z.enum(['active', 'suspended', 'closed']),
  firstName: z.string(),
  lastName: z.string(),
  email: z.string(),
  phones: z.array(z.string()),
  billingAddress: addressSchemaOut,
  locale: z.enum(['en', 'es']),
  services: z.array(serviceSchema),
  createdAt: iso,
  marketing: z.array(z.object({ questionId: z.string(), answerId: z.string(), at: iso, interactionId: z.string(), orderId: z.string().optional() })),
  registrationKey: z.string().optional(),
});

export const sessionSchema = z.object({
  token: z.string(),
  tokenType: z.literal('Bearer'),
  expiresAt: iso,
  verification: z.enum(VERIFICATION_LEVELS),
  customer: customerSchema,
});

const billItemSchema = z.object({ id: z.string(), type: z.enum(BILL_ITEM_TYPES), description: z.string(), amount: moneySchema, serviceId: z.string().optional(), adjusted: moneySchema });
export const billSchema = z.object({
  ...record,
  customerId: z.string(),
  accountNumber: z.string(),
  period: z.string().meta({ description: 'YYYY-MM' }),
  issuedAt: iso,
  dueDate: day,
  originalDueDate: day,
  items: z.array(billItemSchema),
  total: moneySchema,
  payments: z.array(z.object({ id: z.string(), amount: moneySchema, receivedAt: iso, method: z.enum(['card', 'bank', 'cash', 'other']) })),
  appliedAdjustmentIds: z.array(z.string()),
  balance: moneySchema,
  status: z.enum(['open', 'paid', 'overdue']),
});
export const billSummarySchema = z.object({
  balance: moneySchema,
  dueDate: day.nullable(),
  lastPayment: z.object({ amount: moneySchema, receivedAt: iso }).nullable(),
  latestBillId: z.string().nullable(),
  overdue: z.boolean(),
});
export const adjustableItemSchema = billItemSchema.extend({ reasons: z.array(choiceSchema), maxAdjustable: moneySchema });

export const adjustmentSchemaOut = z.object({
  ...record,
  customerId: z.string(),
  billId: z.string(),
  itemId: z.string(),
  reasonCode: z.string(),
  amount: moneySchema,
  requestedBy: z.object({ kind: z.enum(['customer', 'csr']), channel, csrId: z.string().optional() }),
  approval: z.enum(['auto-approved', 'approved', 'pending-approval', 'rejected']),
  approvalBasis: z.string(),
  status: z.enum(['pending-approval', 'submitted', 'applied', 'rejected', 'failed']),
  interactionId: z.string().optional(),
  idempotencyKey: z.string(),
  createdAt: iso,
  submission: submissionSchema.optional(),
  decidedBy: z.object({ csrId: z.string(), role: z.enum(['agent', 'senior', 'supervisor']), at: iso }).optional(),
  decisionNote: z.string().optional(),
  customerToldAt: iso.optional(),
});
export const extensionSchemaOut = z.object({
  ...record,
  customerId: z.string(),
  billId: z.string(),
  fromDate: day,
  toDate: day,
  status: z.enum(['pending-approval', 'submitted', 'applied', 'rejected', 'failed']),
  interactionId: z.string().optional(),
  idempotencyKey: z.string(),
  createdAt: iso,
  submission: submissionSchema.optional(),
  approval: z.enum(['auto-approved', 'approved', 'pending-approval', 'rejected']).optional(),
  approvalBasis: z.string().optional(),
  requestedBy: z.object({ kind: z.enum(['customer', 'csr']), channel, csrId: z.string().optional() }).optional(),
  decidedBy: z.object({ csrId: z.string(), role: z.enum(['agent', 'senior', 'supervisor']), at: iso }).optional(),
  decisionNote: z.string().optional(),
  customerToldAt: iso.optional(),
});
export const extensionOptionsSchema = z.union([
  z.object({ eligible: z.literal(true), billId: z.string(), currentDueDate: day, latestDate: day, dates: z.array(day) }),
  z.object({ eligible: z.literal(false) }),
]);

export const quoteSchema = z.object({
  lines: z.array(z.object({ label: z.string(), kind: z.enum(['one-time', 'monthly', 'promotion', 'pro-rated', 'early-termination', 'final-charge', 'usage']), amount: moneySchema, months: z.number().int().optional() })),
  oneTimeTotal: moneySchema,
  monthlyTotal: moneySchema,
  monthlyDelta: moneySchema,
  notes: z.array(z.string()),
  validUntil: iso,
});
const orderItemSchema = z.union([
  z.object({
    action: z.literal('add'),
    productId: z.string(),
    config: z.record(z.string(), z.string()),
    addons: z.array(z.string()),
    serviceAddress: addressSchemaOut.optional(),
    serviceId: z.string(),
    promotions: z.array(z.object({ id: z.string(), until: day })).optional(),
  }),
  z.object({ action: z.literal('change-product'), serviceId: z.string(), fromProductId: z.string(), toProductId: z.string() }),
  z.object({ action: z.enum(['add-addon', 'remove-addon']), serviceId: z.string(), addonId: z.string() }),
  z.object({ action: z.enum(['feature-on', 'feature-off']), serviceId: z.string(), featureId: z.string() }),
  z.object({ action: z.literal('change-config'), serviceId: z.string(), key: z.string(), value: z.string() }),
  z.object({ action: z.literal('disconnect'), serviceId: z.string(), productId: z.string() }),
]);
const orderStatus = z.enum(['acknowledged', 'inProgress', 'completed', 'failed', 'cancelled']);
export const orderSchema = z.object({
  ...record,
  customerId: z.string(),
  type: z.enum(['new', 'modify', 'disconnect']),
  items: z.array(orderItemSchema),
  quote: quoteSchema,
  status: orderStatus,
  statusHistory: z.array(z.object({ status: orderStatus, at: iso, note: z.string().optional() })),
  channel,
  interactionId: z.string().optional(),
  reasonCode: z.string().optional(),
  marketing: z.array(z.object({ questionId: z.string(), answerId: z.string() })).optional(),
  requestedDate: day.optional().meta({ description: 'A disconnection on a later day the customer asked for (YYYY-MM-DD); absent = at once' }),
  idempotencyKey: z.string(),
  createdAt: iso,
  completedAt: iso.optional(),
  submission: submissionSchema,
  progress: z
    .object({ nextCheckAt: iso, deadline: iso, overdueSince: iso.optional() })
    .optional()
    .meta({ description: 'While provisioning works on the order: next status check and deadline; overdueSince once the deadline passed unfinished' }),
});

export const allowedModificationSchema = choiceSchema.extend({ modification: modificationSchema, category: z.string() });
export const marketingQuestionSchema = z.object({ id: z.string(), text: z.string(), options: z.array(choiceSchema) });
export const retentionOfferSchema = z.object({
  offer: z.object({ offerId: z.string(), label: z.string(), modification: modificationSchema.optional(), monthlyCredit: moneySchema.optional(), months: z.number().int().optional() }).nullable(),
});
export const discontinuationDatesSchema = z.object({
  dates: z
    .object({ today: day, latest: day.meta({ description: 'The end of the next billing cycle' }), offered: z.array(day).meta({ description: 'The days a guided procedure offers' }) })
    .nullable()
    .meta({ description: 'null: this service can only end at once' }),
});
export const offerSchema = productSchema.extend({ fromMonthly: moneySchema });
export const serviceWithProductSchema = serviceSchema.extend({ product: productSchema });
