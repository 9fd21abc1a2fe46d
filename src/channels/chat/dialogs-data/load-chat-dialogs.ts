/**
 * Loads and validates chat-dialogs/ at start-up, with the chat's words from the wording catalog
 * (wording/<locale>.yaml). A bad file stops start-up with the file, the place inside it and the
 * reason, e.g. `chat-dialogs/intents.yaml: procedures.repair.phrases.en: ...`.
 */
import fs from 'node:fs';
import path from 'node:path';
import YAML from 'yaml';
import type { z } from 'zod';
import { PROCEDURES } from '../../../domain/procedures/procedure';
import { defaultWordingDir, loadWordingCatalog, WordingError, type WordingCatalog } from '../../../shared/wording/catalog';
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

/** The chat's words in one locale, split as the bot asks for them: step prompts, facts, messages. */
function chatWording(catalog: WordingCatalog, locale: Locale): WordingFile {
  const out: WordingFile = { locale, messages: {}, prompts: {}, facts: {} };
  for (const [k, text] of Object.entries(catalog.messages('chat', locale))) {
    if (k.startsWith('fact.')) out.facts[k.slice(5)] = text;
    else if (k.startsWith('refusal.') || PROCEDURES.some((p) => k.startsWith(`${p}.`))) out.prompts[k] = text;
    else out.messages[k] = text;
  }
  const parsed = WordingFile.safeParse(out);
  if (!parsed.success) throw new ChatDialogsError(parsed.error.issues.slice(0, 5).map((i) => `${catalog.file(locale)}: ${i.path.slice(1).join('.')}: ${i.message}`).join('\n'));
  return parsed.data;
}

export function loadChatDialogs(dir: string, wordingDir?: string): ChatDialogs {
  const problems: string[] = [];
  let catalog: WordingCatalog;
  try {
    catalog = loadWordingCatalog(wordingDir ?? defaultWordingDir(dir));
  } catch (e) {
    if (e instanceof WordingError) throw new ChatDialogsError(e.problems.map((p) => `${p.file}: ${p.reason}`).join('\n'));
    throw e;
  }
  if (!catalog.locales.includes('en')) throw new ChatDialogsError(`${catalog.file('en')}: missing`);
  const wording = {} as ChatDialogs['wording'];
  for (const locale of LOCALES) wording[locale] = (catalog.locales.includes(locale) ? chatWording(catalog, locale) : undefined) as WordingFile;
  const en = catalog.file('en');
  const intents = parseFile(dir, 'intents.yaml', IntentsFile, true) as IntentsFile;
  const presentation = parseFile(dir, 'presentation.yaml', PresentationFile, true) as PresentationFile;

  for (const m of REQUIRED_MESSAGES) if (!wording.en.messages[m]) problems.push(`${en}: "${m}": missing (the bot uses it)`);
  for (const p of PROCEDURES) {
    if (!wording.en.messages[`procedure.${p}`]) problems.push(`${en}: "procedure.${p}": missing (menu label)`);
  }
  for (const [k, card] of Object.entries(presentation.cards)) {
    if (!PROCEDURES.some((p) => k.startsWith(`${p}.`))) problems.push(`presentation.yaml: cards.${k}: does not start with a procedure name`);
    if (!wording.en.messages[card.title]) problems.push(`presentation.yaml: cards.${k}.title: no message '${card.title}' in ${en}`);
  }
  for (const k of Object.keys(presentation.choices.styles)) {
    if (!PROCEDURES.some((p) => k.startsWith(`${p}.`))) problems.push(`presentation.yaml: choices.styles.${k}: does not start with a procedure name`);
  }
  if (problems.length > 0) throw new ChatDialogsError(problems.map((p) => (p.startsWith('presentation') ? `${path.basename(dir)}/${p}` : p)).join('\n'));
  return { wording, intents, presentation };
}
