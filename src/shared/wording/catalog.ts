/**
 * The wording catalog: wording/<locale>.yaml, every word a customer reads or hears on every
 * channel, in ICU MessageFormat (see render.ts and wording/README.md).
 *
 * A message is one text for every channel, or variants where the medium needs its own words:
 * `speech` (the IVR), `text` (chat and portal), or `chat` / `portal` (one channel only). A channel
 * asks for its own variant, then its medium's. Loading checks every message compiles and that
 * every locale words everything English words, per channel; a problem stops start-up naming the
 * file, the key and the reason.
 */
import fs from 'node:fs';
import path from 'node:path';
import { parse as parseYaml } from 'yaml';
import { z } from 'zod';
import { messageProblems } from './render';

export const WORDING_CHANNELS = ['voice', 'chat', 'portal'] as const;
export type WordingChannel = (typeof WORDING_CHANNELS)[number];

const VARIANTS = ['speech', 'text', 'chat', 'portal'] as const;
type Variant = (typeof VARIANTS)[number];
/** Where each channel looks, in order. */
const LOOKUP: Record<WordingChannel, readonly Variant[]> = { voice: ['speech'], chat: ['chat', 'text'], portal: ['portal', 'text'] };

const variantsSchema = z
  .object({ speech: z.string(), text: z.string(), chat: z.string(), portal: z.string() })
  .partial()
  .strict()
  .refine((v) => Object.keys(v).length > 0, 'needs at least one of speech, text, chat, portal');
const messageSchema = z.union([z.string(), variantsSchema]);
export const wordingFileSchema = z
  .object({
    locale: z.string().regex(/^[a-z]{2}$/, 'a two-letter language code'),
    /** The IVR's voice, recogniser language and the words callers say (checked by the flows loader). */
    speech: z.record(z.string(), z.unknown()).optional(),
    messages: z.record(z.string(), messageSchema),
  })
  .strict();
export type WordingFile = z.infer<typeof wordingFileSchema>;

export interface WordingProblem {
  file: string;
  reason: string;
}

export class WordingError extends Error {
  constructor(readonly problems: WordingProblem[]) {
    super(`invalid wording catalog:\n  ${problems.map((p) => `${p.file}: ${p.reason}`).join('\n  ')}`);
    this.name = 'WordingError';
  }
}

export interface WordingCatalog {
  readonly dir: string;
  readonly locales: readonly string[];
  /** Every message a channel may say in a locale, resolved to that channel's variant. */
  messages(channel: WordingChannel, locale: string): Readonly<Record<string, string>>;
  /** The locale file's `speech` settings (voice, language, words), unchecked. */
  speech(locale: string): Readonly<Record<string, unknown>> | undefined;
  /** The file a locale's wording is in (for problem reports). */
  file(locale: string): string;
}

/** The project's wording/ folder, found by walking up (works from src/ and dist/src/). */
export function defaultWordingDir(from: string = __dirname): string {
  for (let dir = from; ; dir = path.dirname(dir)) {
    const candidate = path.join(dir, 'wording');
    if (fs.existsSync(path.join(candidate, 'en.yaml'))) return candidate;
    if (path.dirname(dir) === dir) throw new Error(`no wording/en.yaml above ${from}`);
  }
}

/** A catalog entry's text for a channel: its own variant, else its medium's, else none. */
export function resolveMessage(entry: WordingFile['messages'][string], channel: WordingChannel): string | undefined {
  if (typeof entry === 'string') return entry;
  for (const v of LOOKUP[channel]) if (entry[v] !== undefined) return entry[v];
  return undefined;
}

const loaded = new Map<string, WordingCatalog>();

/** Loads and checks a wording directory (cached per directory: the files are read once). */
export function loadWordingCatalog(dir: string = defaultWordingDir()): WordingCatalog {
  const key = path.resolve(dir);
  const cached = loaded.get(key);
  if (cached) return cached;
  const catalog = readCatalog(key);
  loaded.set(key, catalog);
  return catalog;
}

function readCatalog(dir: string): WordingCatalog {
  const problems: WordingProblem[] = [];
  const files = new Map<string, WordingFile>();
  const names = fs.existsSync(dir) ? fs.readdirSync(dir).filter((f) => /^[a-z]{2}\.yaml$/.test(f)).sort() : [];
  if (!names.includes('en.yaml')) throw new WordingError([{ file: path.join(dir, 'en.yaml'), reason: 'missing (English is the reference every locale is checked against)' }]);
  for (const name of names) {
    const file = path.join(dir, name);
    let raw: unknown;
    try {
      raw = parseYaml(fs.readFileSync(file, 'utf8'));
    } catch (e) {
      problems.push({ file, reason: `not valid YAML: ${(e as Error).message.split('\n')[0]}` });
      continue;
    }
    const parsed = wordingFileSchema.safeParse(raw);
    if (!parsed.success) {
      for (const i of parsed.error.issues.slice(0, 10)) problems.push({ file, reason: `${i.path.join('.') || '(top)'}: ${i.message}` });
      continue;
    }
    const locale = name.slice(0, 2);
    if (parsed.data.locale !== locale) problems.push({ file, reason: `locale is "${parsed.data.locale}" but the file name says "${locale}"` });
    for (const [k, entry] of Object.entries(parsed.data.messages)) {
      const texts = typeof entry === 'string' ? [['', entry]] : Object.entries(entry);
      for (const [variant, text] of texts) for (const p of messageProblems(text!, locale)) problems.push({ file, reason: `"${k}"${variant ? ` (${variant})` : ''}: ${p}` });
    }
    files.set(locale, parsed.data);
  }
  if (problems.length) throw new WordingError(problems);

  const resolved = new Map<string, Record<string, string>>();
  for (const [locale, f] of files) {
    for (const channel of WORDING_CHANNELS) {
      const out: Record<string, string> = {};
      for (const [k, entry] of Object.entries(f.messages)) {
        const text = resolveMessage(entry, channel);
        if (text !== undefined) out[k] = text;
      }
      resolved.set(`${channel}:${locale}`, Object.freeze(out) as Record<string, string>);
    }
  }
  // Every locale words what English words, on every channel: a missing language stops start-up.
  for (const locale of files.keys()) {
    if (locale === 'en') continue;
    for (const channel of WORDING_CHANNELS) {
      const mine = resolved.get(`${channel}:${locale}`)!;
      for (const k of Object.keys(resolved.get(`${channel}:en`)!)) {
        if (mine[k] === undefined) problems.push({ file: path.join(dir, `${locale}.yaml`), reason: `"${k}": no ${channel} wording (English has one)` });
      }
    }
  }
  if (problems.length) throw new WordingError(problems);
  const locales = Object.freeze([...files.keys()]);
  return Object.freeze({
    dir,
    locales,
    messages(channel: WordingChannel, locale: string) {
      const m = resolved.get(`${channel}:${locale}`);
      if (!m) throw new WordingError([{ file: path.join(dir, `${locale}.yaml`), reason: `missing (a channel serves "${locale}")` }]);
      return m;
    },
    speech: (locale: string) => files.get(locale)?.speech,
    file: (locale: string) => path.join(dir, `${locale}.yaml`),
  });
}
