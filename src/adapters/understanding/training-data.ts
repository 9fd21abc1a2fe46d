/**
 * The classifier's training examples: chat-dialogs/understanding.<locale>.yaml, one list of
 * example utterances per intent. Validated at start-up: every intent needs examples in every
 * language, so a bad file stops start-up with the file, the place and the reason.
 */
import fs from 'node:fs';
import path from 'node:path';
import YAML from 'yaml';
import { z } from 'zod';
import { INTENTS, type Intent, type UnderstandingLocale } from '../../domain/understanding/language-understanding';

export const MIN_EXAMPLES = 8;

const examples = z.array(z.string().min(1).max(200)).min(MIN_EXAMPLES, `needs at least ${MIN_EXAMPLES} examples`);
export const TrainingFile = z.strictObject({
  locale: z.enum(['en', 'es']),
  intents: z.strictObject(Object.fromEntries(INTENTS.map((i) => [i, examples])) as Record<Intent, typeof examples>),
  /** Things customers say that are none of the intents (answers to a step, small talk). */
  none: z.array(z.string().min(1).max(200)).default([]),
  /** A word the customer uses -> words of option labels it means ("fibre" -> fiber, "internet" -> fiber dsl). */
  synonyms: z.record(z.string().min(1), z.array(z.string().min(1)).min(1)).default({}),
});
export type TrainingFile = z.infer<typeof TrainingFile>;

export class TrainingDataError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'TrainingDataError';
  }
}

export function trainingFileName(locale: UnderstandingLocale): string {
  return `understanding.${locale}.yaml`;
}

export function loadTrainingFile(dir: string, locale: UnderstandingLocale): TrainingFile {
  const file = path.join(dir, trainingFileName(locale));
  const shown = `${path.basename(dir)}/${trainingFileName(locale)}`;
  if (!fs.existsSync(file)) throw new TrainingDataError(`${shown}: file is missing`);
  let raw: unknown;
  try {
    raw = YAML.parse(fs.readFileSync(file, 'utf8'));
  } catch (err) {
    throw new TrainingDataError(`${shown}: not valid YAML: ${(err as Error).message.split('\n')[0]}`);
  }
  const parsed = TrainingFile.safeParse(raw);
  if (!parsed.success) throw new TrainingDataError(parsed.error.issues.slice(0, 5).map((i) => `${shown}: ${i.path.join('.') || '(top)'}: ${i.message}`).join('\n'));
  if (parsed.data.locale !== locale) throw new TrainingDataError(`${shown}: locale: says ${parsed.data.locale}`);
  return parsed.data;
}
