/**
 * The one message engine for every channel: ICU MessageFormat through intl-messageformat.
 *
 * A message's arguments are the domain's facts. Before formatting, each fact is turned into what
 * the medium needs by the channel's formatter (money in words for speech, "$12.34" on a screen),
 * so a catalog text never formats values itself. Three conventions, all plain ICU:
 *   - `{fact}`: the fact as the medium says it; a fact the step did not give says nothing.
 *   - `{fact, select, none {} other {… {fact} …}}`: a part said only when the fact has a value
 *     (missing, empty, false or an empty list select `none`); `true` selects `true`.
 *   - `{fact, plural, one {# try} other {# tries}}`: plurals and ordinals by the locale's rules.
 *   - `{fact, date, day}`: only the calendar day of a date-time ("received on October 30th").
 */
import type * as MessageFormatModule from 'intl-messageformat' with { 'resolution-mode': 'import' };

// intl-messageformat is ESM only; Node 20.19+ loads it with require (it has no top-level await).
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { IntlMessageFormat } = require('intl-messageformat') as typeof MessageFormatModule;
type Compiled = MessageFormatModule.IntlMessageFormat;

/** How a channel turns one fact into words (the medium's formatter). */
export type FactFormatter = (value: unknown) => string;

export interface RenderOptions {
  /** The BCP 47 tag plural rules follow ('en', 'es', 'en-US'). */
  locale: string;
  /** Formats a fact for the medium; the same function for every argument of the message. */
  format: FactFormatter;
  /** How whitespace is tidied: speech collapses all of it, text keeps line breaks. */
  medium: 'speech' | 'text';
}

interface Shape {
  /** Arguments used as a select (value: `none`, `true`, or the formatted value). */
  selects: Set<string>;
  /** Arguments used as a plural or selectordinal (value: a number). */
  plurals: Set<string>;
  /** Arguments said as they are, and `date` arguments (value: the formatted fact). */
  plain: Set<string>;
  dates: Set<string>;
}

// Element types of @formatjs/icu-messageformat-parser (stable since v1).
const enum T {
  argument = 1,
  number = 2,
  date = 3,
  time = 4,
  select = 5,
  plural = 6,
}
interface El {
  type: number;
  value?: unknown;
  options?: Record<string, { value: El[] }>;
  children?: El[];
}

function walk(els: El[], shape: Shape): void {
  for (const el of els) {
    const name = typeof el.value === 'string' ? el.value : undefined;
    if (el.type === T.argument || el.type === T.number || el.type === T.time) shape.plain.add(name!);
    else if (el.type === T.date) shape.dates.add(name!);
    else if (el.type === T.select) shape.selects.add(name!);
    else if (el.type === T.plural) shape.plurals.add(name!);
    for (const o of Object.values(el.options ?? {})) walk(o.value, shape);
    if (el.children) walk(el.children, shape);
  }
}

/** A date argument carries the fact's calendar day; the medium's formatter says it. */
const DAY_OF = (v: unknown): unknown => (typeof v === 'string' && /^\d{4}-\d{2}-\d{2}T/.test(v) ? v.slice(0, 10) : v);

interface Entry {
  format: (values: Record<string, unknown>) => string;
  shape: Shape;
}

const cache = new Map<string, Entry>();

function pluralRules(locales: string | string[], options?: Intl.PluralRulesOptions): Intl.PluralRules {
  return new Intl.PluralRules(locales, options);
}

function compile(message: string, locale: string): Entry {
  const key = `${locale}\u0000${message}`;
  let entry = cache.get(key);
  if (entry) return entry;
  const mf: Compiled = new IntlMessageFormat(message, locale, undefined, {
    ignoreTag: true,
    formatters: {
      getNumberFormat: (l: string | string[], o?: Intl.NumberFormatOptions) => new Intl.NumberFormat(l, o),
      // A `date` argument arrives already said by the medium's formatter (see renderMessage).
      getDateTimeFormat: () => ({ format: (v: unknown) => String(v) }) as unknown as Intl.DateTimeFormat,
      getPluralRules: pluralRules as never,
    },
  });
  const shape: Shape = { selects: new Set(), plurals: new Set(), plain: new Set(), dates: new Set() };
  walk(mf.getAst() as unknown as El[], shape);
  entry = { format: (values) => String(mf.format(values as Record<string, string>)), shape };
  cache.set(key, entry);
  return entry;
}

/** The ICU syntax problems of a message (empty when it compiles). */
export function messageProblems(message: string, locale = 'en'): string[] {
  try {
    compile(message, locale);
    return [];
  } catch (e) {
    return [(e as Error).message];
  }
}

/** The names a message uses as arguments (for checks: a message must name facts the step has). */
export function messageArguments(message: string, locale = 'en'): string[] {
  const { shape } = compile(message, locale);
  return [...new Set([...shape.plain, ...shape.selects, ...shape.plurals, ...shape.dates])];
}

const isAbsent = (v: unknown, said: string): boolean => v === null || v === undefined || v === false || (Array.isArray(v) && v.length === 0) || said === '';

/** Renders one catalog message with the step's facts for a medium. */
export function renderMessage(message: string, facts: Record<string, unknown>, opts: RenderOptions): string {
  if (!message.includes('{')) return tidy(message, opts.medium);
  const { format, shape } = compile(message, opts.locale);
  const values: Record<string, unknown> = {};
  for (const name of shape.plain) values[name] = opts.format(facts[name]);
  for (const name of shape.dates) values[name] = opts.format(DAY_OF(facts[name]));
  for (const name of shape.plurals) {
    const v = facts[name];
    values[name] = typeof v === 'number' ? v : Number(v);
  }
  for (const name of shape.selects) {
    const v = facts[name];
    const said = typeof values[name] === 'string' ? (values[name] as string) : opts.format(v);
    if (isAbsent(v, said)) values[name] = 'none';
    else if (v === true) values[name] = 'true';
    else if (!shape.plurals.has(name)) values[name] = said;
  }
  return tidy(format(values), opts.medium);
}

function tidy(text: string, medium: 'speech' | 'text'): string {
  return (medium === 'speech' ? text.replace(/\s+/g, ' ') : text.replace(/ {2,}/g, ' ')).trim();
}
