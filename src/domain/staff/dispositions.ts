/**
 * Wrap-up dispositions: the operator's list (catalog/dispositions.json), validated at start-up.
 * Each names the outcome recorded on the interaction and whether the customer's job was done.
 */
import { z } from 'zod';

export const dispositionsFileSchema = z.strictObject({
  dispositions: z
    .array(
      z.strictObject({
        code: z.string().regex(/^[a-z0-9][a-z0-9-]*$/, 'codes are lower-case letters, digits and dashes').max(60),
        label: z.string().min(1).max(120),
        /** The interaction's outcome after this wrap-up. */
        outcome: z.string().regex(/^[a-z0-9][a-z0-9-]*$/).max(60),
        /** Was the customer's job done (first-contact resolution counts these)? */
        resolved: z.boolean(),
        /** A note is required (e.g. what is still to do). */
        noteRequired: z.boolean().default(false),
      }),
    )
    .min(1)
    .refine((list) => new Set(list.map((d) => d.code)).size === list.length, 'disposition codes must be unique'),
});

export type Disposition = z.output<typeof dispositionsFileSchema>['dispositions'][number];
