/**
 * <Gather hints>: the words callers will say at this point, in their language, so the speech
 * recogniser favours them. Taken from what is offered (the spoken labels), the catalog (product
 * and family names, symptoms, in the caller's language through the catalog text), the flow's words
 * and the understanding vocabulary (short phrases per intent, the words customers use for options).
 *
 * Twilio takes a comma-separated list of up to 500 phrases of at most 100 characters, the words
 * of a phrase separated by spaces (warning 13330 otherwise). Fewer, closer phrases bias better,
 * so each list is ordered by what matters most here and capped at MAX_HINTS.
 */
import { PRODUCT_FAMILIES, type Catalog } from '../../../domain/catalog/catalog-schema';
import type { ProcedureName, Step } from '../../../domain/procedures/procedure';
import type { Intent, Vocabulary } from '../../../domain/understanding/language-understanding';
import { speakDate, speakMonth, type Locale } from '../../../shared/format/speech/speak-facts';
import type { ListItem } from './choice-list';
import type { Turn } from './turn';

export const MAX_HINTS = 120;
export const MAX_HINT_CHARS = 100;
/** Short phrases taken per intent at the main menu (the classifier hears the rest anyway). */
const PHRASES_PER_INTENT = 3;

const ISO_DAY = /\b(\d{4}-\d{2}-\d{2})(?:T[\d:.]+(?:Z|[+-]\d{2}:?\d{2})?)?\b/g;
const ISO_MONTH = /\b(\d{4}-\d{2})\b(?!-)/g;

/**
 * A label as a hint: dates as said ("November 23rd"), no phone number (callers name the service,
 * not its number), no punctuation that would split or clutter the list. Undefined when nothing
 * is left or the phrase is longer than Twilio takes.
 */
export function hintPhrase(text: string, locale: Locale, timeZone = 'UTC'): string | undefined {
  const said = text
    .replace(ISO_DAY, (iso) => speakDate(iso.length > 10 ? iso : iso.slice(0, 10), locale, timeZone).replace(/ (at|a las) .*$/, ''))
    .replace(ISO_MONTH, (period) => speakMonth(period, locale))
    .replace(/\+\d{7,15}\b/g, ' ')
    .replace(/[,;:!?¿¡()"[\]{}]|\.(?!\d)/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
  return said && said.length <= MAX_HINT_CHARS ? said : undefined;
}

/** Phrases in order, each once (whatever its case), at most `max`. */
export function hintList(phrases: Iterable<string | undefined>, max = MAX_HINTS): string[] {
  const seen = new Set<string>();
  const out: string[] = [];
  for (const p of phrases) {
    if (!p) continue;
    const key = p.toLowerCase();
    if (seen.has(key)) continue;
    seen.add(key);
    out.push(p);
    if (out.length >= max) break;
  }
  return out;
}

/** The words of one language, every one already a hint phrase: worked out once per runtime, catalog version and locale. */
export interface HintWords {
  /** Family names and the words for them ("internet", "wifi", "home phone"). */
  families: string[];
  /** Product names ("Brightwave TV Plus": brand names, the same in every language), and for English callers their short names ("tv plus"). */
  products: string[];
  /** Symptom names in the caller's language ("No dial tone", "No hay tono de marcado"). */
  symptoms: string[];
  agent: string[];
  /** Short phrases per intent and the words for options, from the understanding vocabulary (empty without it). */
  intents: Partial<Record<Intent, string[]>>;
  optionWords: string[];
  /** The main menu's hints by what it offers (a handful of combinations per flow). */
  menus: Map<string, string[]>;
}

/** Per runtime (its flow words, catalog text and classifier), per catalog version, per locale. */
const hintWordsCache = new WeakMap<object, WeakMap<object, Map<string, Promise<HintWords>>>>();
const MAX_MENUS_CACHED = 64;

async function vocabularyOf(t: Turn): Promise<Vocabulary | undefined> {
  try {
    return await t.rt.language?.vocabulary?.(t.state.locale);
  } catch {
    // Bad training data stops start-up; a call never loses its hints over it.
    return undefined;
  }
}

async function buildHintWords(t: Turn, catalog: Catalog): Promise<HintWords> {
  const { locale } = t.state;
  const phrased = (list: readonly string[]) => hintList(list.map((s) => hintPhrase(s, locale)), Number.MAX_SAFE_INTEGER);
  const words = t.rt.flows.locales[locale].words.families ?? {};
  const present = PRODUCT_FAMILIES.filter((f) => catalog.products.some((p) => p.family === f));
  const families = present.flatMap((f) => [...(t.hasPrompt(`family.${f}`) ? [t.say(`family.${f}`).text] : []), ...(words[f] ?? [])]);
  const services = catalog.products.filter((p) => p.kind === 'service');
  const addons = catalog.products.filter((p) => p.kind !== 'service');
  // Short names ("home phone", "fiber 500") are English words, said by English callers; brand names are everyone's.
  const short = locale === 'en' ? services.flatMap((p) => (p.shortName ? [p.shortName] : [])) : [];
  const symptoms = catalog.repair.symptoms.map((s) => t.rt.catalogText?.localizeText(s.label, locale) ?? s.label);
  const vocabulary = await vocabularyOf(t);
  return {
    families: phrased(families),
    products: phrased([...services.map((p) => p.name), ...short, ...addons.map((p) => p.name)]),
    symptoms: phrased(symptoms),
    agent: phrased(t.agentWords()),
    intents: vocabulary ? Object.fromEntries(Object.entries(vocabulary.intents).map(([intent, list]) => [intent, phrased(list)])) : {},
    optionWords: phrased(vocabulary?.optionWords ?? []),
    menus: new Map(),
  };
}

/** The words of the caller's language for hints. */
export function hintWords(t: Turn): Promise<HintWords> {
  const catalog = t.rt.care.catalog.catalog();
  let byCatalog = hintWordsCache.get(t.rt);
  if (!byCatalog) hintWordsCache.set(t.rt, (byCatalog = new WeakMap()));
  let byLocale = byCatalog.get(catalog);
  if (!byLocale) byCatalog.set(catalog, (byLocale = new Map()));
  let found = byLocale.get(t.state.locale);
  if (!found) {
    found = buildHintWords(t, catalog);
    byLocale.set(t.state.locale, found);
    found.catch(() => byLocale.delete(t.state.locale));
  }
  return found;
}

/** Phrases of several intents taken in turn, so each intent has its first phrases in. */
function interleaved(lists: string[][], perList: number): string[] {
  const out: string[] = [];
  for (let i = 0; i < perList; i += 1) for (const l of lists) if (l[i]) out.push(l[i]);
  return out;
}

/**
 * The speech-first main menu: the choices as said, the agent words, the catalog's family and
 * product names, the flow's words for each choice in this language, what callers say for the
 * procedures offered, then the symptoms they describe. Worked out once per set of choices.
 */
export async function menuHints(t: Turn, items: ListItem[], itemWords: string[], offered: readonly ProcedureName[]): Promise<string[]> {
  const words = await hintWords(t);
  const key = `${offered.join(',')}\n${items.map((i) => i.label).join('\n')}`;
  let hints = words.menus.get(key);
  if (!hints) {
    const phrased = (list: readonly string[]) => list.map((s) => hintPhrase(s, t.state.locale));
    const intents = interleaved(offered.map((p) => words.intents[p] ?? []), PHRASES_PER_INTENT);
    hints = hintList([...phrased(items.map((i) => i.label)), ...words.agent, ...words.families, ...words.products, ...phrased(itemWords), ...intents, ...words.symptoms]);
    if (words.menus.size >= MAX_MENUS_CACHED) words.menus.clear();
    words.menus.set(key, hints);
  }
  return hints;
}

/** Fields whose options are services or products: callers name them by family or product ("my TV", "the fiber"). */
const NAMED_BY_PRODUCT = /^(service|product|addon|modification)$/;

/**
 * A question with options: the options as said (the caller's own service names among them), then
 * what names them, then the agent words. Only the labels, in the caller's language: an option's
 * other words are the domain's English label, still matched but not hinted to a Spanish recogniser.
 */
export async function choiceHints(t: Turn, step: Extract<Step, { kind: 'choose' }>, items: ListItem[]): Promise<string[]> {
  const offered = items.map((i) => hintPhrase(i.label, t.state.locale, t.rt.flows.settings.timeZone));
  const words = await hintWords(t);
  if (!NAMED_BY_PRODUCT.test(step.field)) return hintList([...offered, ...words.agent]);
  // The services to choose from are the caller's own (their names are the options); products are named when buying or changing.
  const products = step.field === 'service' ? [] : words.products;
  return hintList([...offered, ...words.families, ...products, ...words.optionWords, ...words.agent]);
}
