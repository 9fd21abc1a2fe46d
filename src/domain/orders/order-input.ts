/** Shapes of what channels send to the order procedures, checked before anything else happens. */
import { z } from 'zod';
import type { Modification, ServiceChoice } from '../care';
import type { PostalAddress } from '../customers/customer';
import { fail } from '../shared/errors';

const text = (max: number) => z.string().trim().min(1).max(max);
const id = text(100);

export const addressSchema = z.object({
  line1: text(120),
  line2: z.string().trim().max(120).optional(),
  city: text(80),
  region: text(80),
  postalCode: text(16),
  country: text(56),
}) satisfies z.ZodType<PostalAddress>;

export const choiceSchema = z.object({
  productId: id,
  config: z.record(z.string(), z.string()).optional(),
  addons: z.array(id).max(20).optional(),
  serviceAddress: addressSchema.optional(),
}) satisfies z.ZodType<ServiceChoice>;

export const modificationSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('change-product'), toProductId: id }),
  z.object({ kind: z.enum(['add-addon', 'remove-addon']), addonId: id }),
  z.object({ kind: z.enum(['feature-on', 'feature-off']), featureId: id }),
  z.object({ kind: z.literal('change-config'), key: id, value: id }),
]) satisfies z.ZodType<Modification>;

export const marketingSchema = z.array(z.object({ questionId: id, answerId: id })).max(20);

/** Parsed input, or VALIDATION_FAILED naming the first field that is wrong. */
export function parseInput<T>(schema: z.ZodType<T>, input: unknown, prefix?: string): T {
  const result = schema.safeParse(input);
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  const path = issue?.path.join('.');
  fail('VALIDATION_FAILED', issue?.message ?? 'invalid input', { field: [prefix, path].filter(Boolean).join('.') || undefined });
}
