/** Request schemas of the portal API. Strict objects: an unknown field is an error, never ignored. */
import { z } from 'zod';
import { PROCEDURES } from '../../domain/procedures/procedure';
import { SKILLS } from '../../domain/escalation/escalation';
import { hasUnsafeChars, UNSAFE_TEXT_MESSAGE } from '../../domain/shared/text';

/** Free text a person types (names, addresses): no control characters, direction overrides or lone surrogates. */
const personText = (min: number, max: number) => z.string().trim().min(min).max(max).refine((v) => !hasUnsafeChars(v), UNSAFE_TEXT_MESSAGE);

export const idSchema = z
  .string()
  .regex(/^[A-Za-z0-9][A-Za-z0-9_.:-]{0,99}$/, 'must be an id (letters, digits, _ . : -; at most 100)');
export const catalogId = z.string().regex(/^[a-z0-9][a-z0-9-]{0,63}$/, 'must be a catalog id (lower-case letters, digits and dashes)');
export const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date YYYY-MM-DD');

export const accountNumberSchema = z.string().regex(/^[A-Za-z0-9-]{4,32}$/, 'must be an account number');
export const phoneSchema = z.string().regex(/^\+?[0-9][0-9 ().-]{5,22}$/, 'must be a phone number');
export const emailSchema = z.email().max(254);
export const pinSchema = z.string().regex(/^\d{4,12}$/, 'must be 4 to 12 digits');
export const passwordSchema = z.string().min(1).max(200);
export const oneTimeCodeSchema = z.string().regex(/^\d{4,10}$/, 'must be 4 to 10 digits');

export const idParams = z.strictObject({ id: idSchema });

export const addressSchema = z.strictObject({
  line1: personText(1, 200),
  line2: personText(0, 200).optional(),
  city: personText(1, 100),
  region: personText(1, 100),
  postalCode: personText(1, 20),
  country: personText(2, 56),
});

export const serviceChoiceSchema = z.strictObject({
  productId: catalogId,
  config: z.record(catalogId, catalogId).optional(),
  addons: z.array(catalogId).max(20).optional(),
  serviceAddress: addressSchema.optional(),
});

const interactionRef = { interactionId: idSchema.optional() };

export const newOrderSchema = serviceChoiceSchema.extend(interactionRef);

export const modificationSchema = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('change-product'), toProductId: catalogId }),
  z.strictObject({ kind: z.enum(['add-addon', 'remove-addon']), addonId: catalogId }),
  z.strictObject({ kind: z.enum(['feature-on', 'feature-off']), featureId: catalogId }),
  z.strictObject({ kind: z.literal('change-config'), key: catalogId, value: catalogId }),
]);

export const modificationQuoteSchema = z.strictObject({ modification: modificationSchema });
export const modificationSubmitSchema = z.strictObject({ modification: modificationSchema, ...interactionRef });

export const retentionQuerySchema = z.strictObject({ reasonCode: catalogId });
export const discontinuationSchema = z.strictObject({
  reasonCode: catalogId,
  marketing: z.array(z.strictObject({ questionId: catalogId, answerId: catalogId })).max(20).optional(),
  requestedDate: z
    .string()
    .regex(/^\d{4}-\d{2}-\d{2}$/, 'a day written YYYY-MM-DD')
    .optional()
    .meta({ description: 'When the service should end: today (the default, at once) up to the end of the next billing cycle, where the catalog allows a later day (see GET .../discontinuation/dates)' }),
  ...interactionRef,
});

export const adjustmentSchema = z.strictObject({
  billId: idSchema,
  itemId: idSchema,
  reasonCode: catalogId,
  amountMinor: z.number().int().positive().max(100_000_000),
  ...interactionRef,
});

export const extensionSchema = z.strictObject({ billId: idSchema, toDate: isoDate, ...interactionRef });

export const repairSchema = z.strictObject({ serviceId: idSchema, symptom: catalogId, ...interactionRef });
export const appointmentSchema = z.strictObject({ slotId: idSchema });

export const newCustomerSchema = z.strictObject({
  firstName: personText(1, 100),
  lastName: personText(1, 100),
  email: emailSchema,
  phone: phoneSchema,
  billingAddress: addressSchema,
  pin: pinSchema,
  password: personText(8, 200).optional(),
  locale: z.enum(['en', 'es']).optional(),
});

export const changePinSchema = z.strictObject({ currentPin: pinSchema, newPin: z.string().regex(/^\d{4,8}$/, 'must be 4 to 8 digits') });

export const procedureStartSchema = z.strictObject({ name: z.enum(PROCEDURES) });
export const answerSchema = z.strictObject({
  field: z.string().min(1).max(100),
  value: z.union([z.string().max(500), z.boolean(), z.number(), z.null()]),
});
export const escalationSchema = z.strictObject({ reason: z.string().trim().min(1).max(500), skill: z.enum(SKILLS).optional() });

const identifiers = ['accountNumber', 'phone', 'email'] as const;

/** One identifier and one secret: account/phone + PIN, email + password, or any identifier + one-time code. */
export const signInSchema = z
  .strictObject({
    accountNumber: accountNumberSchema.optional(),
    phone: phoneSchema.optional(),
    email: emailSchema.optional(),
    pin: pinSchema.optional(),
    password: passwordSchema.optional(),
    code: oneTimeCodeSchema.optional(),
  })
  .meta({ description: 'One of {accountNumber, pin}, {phone, pin}, {email, password}, or {accountNumber | phone | email, code}.' })
  .superRefine((v, ctx) => {
    const ids = identifiers.filter((k) => v[k] !== undefined);
    const secrets = (['pin', 'password', 'code'] as const).filter((k) => v[k] !== undefined);
    if (ids.length !== 1) ctx.addIssue({ code: 'custom', path: [], message: 'give exactly one of accountNumber, phone, email' });
    if (secrets.length !== 1) ctx.addIssue({ code: 'custom', path: [], message: 'give exactly one of pin, password, code' });
    if (v.pin !== undefined && v.email !== undefined) ctx.addIssue({ code: 'custom', path: ['pin'], message: 'a PIN goes with accountNumber or phone' });
    if (v.password !== undefined && v.email === undefined) ctx.addIssue({ code: 'custom', path: ['password'], message: 'a password goes with email' });
  });

export const oneTimeCodeRequestSchema = z
  .strictObject({ accountNumber: accountNumberSchema.optional(), phone: phoneSchema.optional(), email: emailSchema.optional() })
  .meta({ description: 'Exactly one of accountNumber, phone, email.' })
  .superRefine((v, ctx) => {
    if (identifiers.filter((k) => v[k] !== undefined).length !== 1) ctx.addIssue({ code: 'custom', path: [], message: 'give exactly one of accountNumber, phone, email' });
  });
