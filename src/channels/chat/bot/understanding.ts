/** Exact words from chat-dialogs/intents.yaml: commands, yes/no, choices, families (what sentences mean is read-text.ts's job). */
import type { Choice } from '../../../domain/procedures/procedure';
import type { ProductFamily } from '../../../domain/catalog/catalog-schema';
import type { IntentsFile, Command, Locale } from '../dialogs-data/schema';
import { COMMANDS } from '../dialogs-data/schema';

export const normalize = (s: string): string =>
  s
    .toLowerCase()
    .normalize('NFKC')
    .replace(/[’']/g, "'")
    .replace(/[^\p{L}\p{N}'?$. ]+/gu, ' ')
    .replace(/[.!]+$/u, '')
    .replace(/\s+/g, ' ')
    .trim();

type Words = { en: string[]; es?: string[] };
const hasWord = (text: string, word: string) => ` ${text} `.includes(` ${word} `);

export class Understanding {
  /** Word lists per locale, already normalized (they are read on every message). */
  private readonly normalized = new WeakMap<Words, Partial<Record<Locale, string[]>>>();

  constructor(private readonly intents: IntentsFile) {}

  private listFor(w: Words, locale: Locale): string[] {
    let byLocale = this.normalized.get(w);
    if (!byLocale) this.normalized.set(w, (byLocale = {}));
    return (byLocale[locale] ??= (locale === 'en' ? w.en : [...(w.es ?? []), ...w.en]).map(normalize));
  }

  /** A whole-message command (help, cancel, start over, agent, resume, menu). */
  command(text: string, locale: Locale): Command | null {
    const t = normalize(text);
    for (const c of COMMANDS) if (this.listFor(this.intents.commands[c], locale).includes(t)) return c;
    return null;
  }

  /** True when the whole message is one of this command's words (for commands that share words). */
  is(command: Command, text: string, locale: Locale): boolean {
    return this.listFor(this.intents.commands[command], locale).includes(normalize(text));
  }

  /**
   * The one product family the message names ("my TV", "no tengo internet"), or null when none or
   * several do. A word inside a longer matched word ("phone" in "cell phone") does not count.
   */
  family(text: string, locale: Locale): ProductFamily | null {
    const t = normalize(text);
    const hits: { family: ProductFamily; word: string }[] = [];
    for (const [family, w] of Object.entries(this.intents.families ?? {}) as [ProductFamily, Words][]) {
      for (const word of this.listFor(w, locale)) if (word && hasWord(t, word)) hits.push({ family, word });
    }
    const kept = hits.filter((h) => !hits.some((o) => o.family !== h.family && o.word.length > h.word.length && hasWord(o.word, h.word)));
    const families = new Set(kept.map((h) => h.family));
    return families.size === 1 ? [...families][0] : null;
  }

  yesNo(text: string, locale: Locale): boolean | null {
    const t = normalize(text);
    if (this.listFor(this.intents.no, locale).includes(t)) return false;
    if (this.listFor(this.intents.yes, locale).includes(t)) return true;
    return null;
  }

  isSkip(text: string, locale: Locale): boolean {
    const t = normalize(text);
    return t === '' || this.listFor(this.intents.skip, locale).includes(t);
  }

  /** "more", "more options", "next": the next page of a long list. */
  isMore(text: string, locale: Locale): boolean {
    const t = normalize(text);
    return (locale === 'es' ? ['más', 'mas', 'más opciones', 'mas opciones', 'siguiente', 'ver más'] : ['more', 'more options', 'next', 'show more', 'next page']).includes(t);
  }

  wantsCode(text: string, locale: Locale): boolean {
    const t = normalize(text);
    return this.listFor(this.intents.sendCode, locale).includes(t);
  }

  /** An option by its number, id, exact label, or the only label containing the text. */
  option(options: Choice[], text: string): Choice | null {
    const t = normalize(text);
    if (!t) return null;
    const n = /^#?(\d{1,2})$/.exec(t);
    if (n && Number(n[1]) >= 1 && Number(n[1]) <= options.length) return options[Number(n[1]) - 1];
    const exact = options.find((o) => normalize(o.id) === t || normalize(o.label) === t || t.startsWith(`${normalize(o.label)} `));
    if (exact) return exact;
    const partial = options.filter((o) => normalize(o.label).includes(t) || t.includes(normalize(o.label)));
    return partial.length === 1 ? partial[0] : null;
  }
}
