/**
 * Loads and validates chat-dialogs/ at start-up. A bad file stops start-up with the file, the
 * place inside it and the reason, e.g. `chat-dialogs/intents.yaml: procedures.repair.phrases.en: ...`.
 */
import fs from 'node:fs';
import path from 'node:path';
import YAML from 'yaml';
import type { z } from 'zod';
import { PROCEDURES } from '../../../domain/procedures/procedure';
import { IntentsFile, LOCALES, PresentationFile, REQUIRED_MESSAGES, WordingFile, type Locale } from './schema';

export interface ChatDialogs {
  wording: Record<Locale, WordingFile | undefined> & { en: WordingFile };
  intents: IntentsFile;
  presentation: PresentationFile;
}

export class ChatDialogsError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ChatDialogsError';
  }
}

function parseFile<T extends z.ZodType>(dir: string, name: string, schema: T, required: boolean): z.output<T> | undefined {
  const file = path.join(dir, name);
  const shown = path.join(path.basename(dir), name);
  if (!fs.existsSync(file)) {
    if (!required) return undefined;
    throw new ChatDialogsError(`${shown}: file is missing`);
  }
  let raw: unknown;
  try {
    raw = YAML.parse(fs.readFileSync(file, 'utf8'));
  } catch (err) {
    throw new ChatDialogsError(`${shown}: not valid YAML: ${(err as Error).message.split('\n')[0]}`);
  }
  const parsed = schema.safeParse(raw);
  if (!parsed.success) {
    const lines = parsed.error.issues.slice(0, 5).map((i) => `${shown}: ${i.path.join('.') || '(top)'}: ${i.message}`);
    throw new ChatDialogsError(lines.join('\n'));
  }
  return parsed.data;
}

export function loadChatDialogs(dir: string): ChatDialogs {
  const problems: string[] = [];
  const wording = {} as ChatDialogs['wording'];
  for (const locale of LOCALES) {
    const w = parseFile(dir, `wording.${locale}.yaml`, WordingFile, locale === 'en');
    if (w && w.locale !== locale) problems.push(`wording.${locale}.yaml: locale: says ${w.locale}`);
    wording[locale] = w as WordingFile;
  }
  const intents = parseFile(dir, 'intents.yaml', IntentsFile, true) as IntentsFile;
  const presentation = parseFile(dir, 'presentation.yaml', PresentationFile, true) as PresentationFile;

  for (const m of REQUIRED_MESSAGES) if (!wording.en.messages[m]) problems.push(`wording.en.yaml: messages.${m}: missing (the bot uses it)`);
  for (const p of PROCEDURES) {
    if (!wording.en.messages[`procedure.${p}`]) problems.push(`wording.en.yaml: messages.procedure.${p}: missing (menu label)`);
  }
  for (const [k, card] of Object.entries(presentation.cards)) {
    if (!PROCEDURES.some((p) => k.startsWith(`${p}.`))) problems.push(`presentation.yaml: cards.${k}: does not start with a procedure name`);
    if (!wording.en.messages[card.title]) problems.push(`presentation.yaml: cards.${k}.title: no message '${card.title}' in wording.en.yaml`);
  }
  for (const k of Object.keys(presentation.choices.styles)) {
    if (!PROCEDURES.some((p) => k.startsWith(`${p}.`))) problems.push(`presentation.yaml: choices.styles.${k}: does not start with a procedure name`);
  }
  for (const k of Object.keys(wording.en.prompts)) {
    // refusal.<reasonCode>: a refusal's wording, shared by every procedure that can end with it.
    if (!k.startsWith('refusal.') && !PROCEDURES.some((p) => k.startsWith(`${p}.`))) problems.push(`wording.en.yaml: prompts.${k}: does not start with a procedure name or refusal.`);
  }
  if (problems.length > 0) throw new ChatDialogsError(problems.map((p) => `${path.basename(dir)}/${p}`).join('\n'));
  return { wording, intents, presentation };
}
