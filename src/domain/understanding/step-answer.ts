/**
 * A step's answer from what the customer said: the option they named (by number, ordinal,
 * date, or words of its label: "the fiber", "the latest one", "Tuesday morning"), a yes or no,
 * a date or an amount. Pure: the entities come from the LanguageUnderstanding port.
 */
import type { Choice, Step } from '../procedures/procedure';
import type { NamedDate, Understood, UnderstandingLocale } from './language-understanding';

export type AskStep = Exclude<Step, { kind: 'done' }>;

export interface StepAnswer {
  value: string | boolean;
  /** How the option was found: 'sure' for a number, a date or exact words; 'guess' for partial words. */
  confidence: 'sure' | 'guess';
}

/** Words that say nothing about which option ("the", "one", "please", "el", "uno"). */
const STOP = new Set(
  'the a an my one ones please i want would like to it that this for of on in with and or id i d me is just mine go take choose pick let s lets um uh yeah yes ok okay el la los las lo un una uno mi mis de del en con y o por favor quiero quisiera ese esa este esta eso es'.split(' '),
);

export const plainWords = (s: string): string[] =>
  s
    .toLowerCase()
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[^a-z0-9 ]+/g, ' ')
    .split(' ')
    .filter(Boolean);

/** Word -> words it also means in option labels ("fibre" -> fiber, "internet" -> fiber dsl), from the data. */
export type Synonyms = Record<string, string[]>;

const ISO_DAY = /^(\d{4}-\d{2}-\d{2})(?:T|$)/;
const ISO_MONTH = /^(\d{4}-\d{2})$/;

/** The calendar day (and hour) of an option whose id or label is an ISO date, in the operator's zone. */
function optionDay(o: Choice, timeZone: string): { day: string; month: string; hour?: number } | undefined {
  for (const v of [o.label, o.id]) {
    const m = ISO_MONTH.exec(v);
    if (m) return { day: '', month: m[1] };
    if (!ISO_DAY.test(v)) continue;
    if (v.length === 10) return { day: v, month: v.slice(0, 7) };
    const at = new Date(v);
    if (Number.isNaN(at.getTime())) continue;
    const parts = new Intl.DateTimeFormat('en-CA', { timeZone, hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit' }).formatToParts(at);
    const get = (t: string) => parts.find((p) => p.type === t)?.value ?? '';
    const day = `${get('year')}-${get('month')}-${get('day')}`;
    return { day, month: day.slice(0, 7), hour: Number(get('hour')) };
  }
  return undefined;
}

const inPart = (hour: number | undefined, part: NamedDate['part']): boolean =>
  part === undefined || hour === undefined || (part === 'morning' ? hour < 12 : part === 'afternoon' ? hour >= 12 && hour < 17 : hour >= 17);

function byDate(options: Choice[], dates: NamedDate[], timeZone: string): Choice[] {
  const days = options.map((o) => optionDay(o, timeZone));
  if (days.some((d) => d === undefined)) return [];
  for (const named of dates) {
    const hits = options.filter((_o, i) => {
      const d = days[i]!;
      if (d.day === '') return named.date.slice(0, 7) === d.month || named.date.slice(5, 7) === d.month.slice(5, 7);
      return named.dayKnown && d.day === named.date && inPart(d.hour, named.part);
    });
    if (hits.length > 0) return hits;
  }
  return [];
}

function latest(options: Choice[], timeZone: string): Choice {
  const days = options.map((o) => optionDay(o, timeZone));
  if (days.every((d) => d !== undefined)) {
    const key = (i: number) => `${days[i]!.day || days[i]!.month}|${String(days[i]!.hour ?? 0).padStart(2, '0')}`;
    let best = 0;
    for (let i = 1; i < options.length; i++) if (key(i) > key(best)) best = i;
    return options[best];
  }
  return options[options.length - 1];
}

function earliest(options: Choice[], timeZone: string): Choice {
  const days = options.map((o) => optionDay(o, timeZone));
  if (days.every((d) => d !== undefined)) {
    const key = (i: number) => `${days[i]!.day || days[i]!.month}|${String(days[i]!.hour ?? 0).padStart(2, '0')}`;
    let best = 0;
    for (let i = 1; i < options.length; i++) if (key(i) < key(best)) best = i;
    return options[best];
  }
  return options[0];
}

/** The one option whose label shares the most meaningful words with what was said. */
function byWords(options: Choice[], text: string, synonyms: Synonyms): { choice: Choice; exact: boolean } | undefined {
  const said = plainWords(text).filter((w) => !STOP.has(w));
  if (said.length === 0) return undefined;
  const expanded = new Set(said.flatMap((w) => [w, ...(synonyms[w] ?? []).flatMap(plainWords)]));
  const scored = options.map((o) => {
    const label = new Set([...plainWords(o.label), ...plainWords(o.id)]);
    let score = 0;
    for (const w of expanded) if (label.has(w) || (w.length >= 4 && [...label].some((l) => l.length >= 4 && (l.startsWith(w) || w.startsWith(l))))) score += said.includes(w) ? 2 : 1;
    const exact = plainWords(o.label).filter((w) => !STOP.has(w)).every((w) => said.includes(w));
    return { choice: o, score, exact };
  });
  const top = Math.max(...scored.map((s) => s.score));
  if (top === 0) return undefined;
  const best = scored.filter((s) => s.score === top);
  return best.length === 1 ? { choice: best[0].choice, exact: best[0].exact } : undefined;
}

export interface AnswerContext {
  locale: UnderstandingLocale;
  timeZone: string;
  synonyms?: Synonyms;
  /** The text with numbers said in words written as digits ("fiber three hundred" -> "fiber 300"), for matching labels. */
  withDigits?: string;
}

const pad2 = (n: number) => String(n).padStart(2, '0');
const asAmount = (minor: number): string => `${Math.floor(minor / 100)}.${pad2(minor % 100)}`;

export function answerFromText(step: AskStep, text: string, u: Understood, ctx: AnswerContext): StepAnswer | null {
  const e = u.entities;
  switch (step.kind) {
    case 'confirm': {
      if (e.yesNo !== undefined) return { value: e.yesNo, confidence: 'sure' };
      if (u.intent === 'yes' || u.intent === 'no') return { value: u.intent === 'yes', confidence: u.score >= 0.8 ? 'sure' : 'guess' };
      return null;
    }
    case 'input': {
      if (step.input === 'amount') return e.amountsMinor.length > 0 ? { value: asAmount(e.amountsMinor[0]), confidence: 'sure' } : null;
      if (step.input === 'date') {
        const d = e.dates.find((x) => x.dayKnown);
        return d ? { value: d.date, confidence: 'sure' } : null;
      }
      if (step.input === 'digits') {
        const digits = text.replace(/[\s-]/g, '');
        return /^\d{1,32}$/.test(digits) ? { value: digits, confidence: 'sure' } : null;
      }
      return text.trim() ? { value: text.trim().slice(0, 500), confidence: 'sure' } : null;
    }
    case 'choose': {
      const options = step.options;
      if (options.length === 0) return null;
      if (e.number !== undefined && e.number >= 1 && e.number <= options.length) return { value: options[e.number - 1].id, confidence: 'sure' };
      const dated = byDate(options, e.dates, ctx.timeZone);
      if (dated.length === 1) return { value: dated[0].id, confidence: 'sure' };
      const pool = dated.length > 1 ? dated : options;
      const words = byWords(pool, ctx.withDigits ?? text, ctx.synonyms ?? {});
      if (words) return { value: words.choice.id, confidence: words.exact ? 'sure' : 'guess' };
      if (e.ordinal === 'last') return { value: latest(pool, ctx.timeZone).id, confidence: 'sure' };
      if (e.ordinal === 1 && dated.length !== 1) return { value: earliest(pool, ctx.timeZone).id, confidence: 'sure' };
      if (typeof e.ordinal === 'number' && e.ordinal <= pool.length) return { value: pool[e.ordinal - 1].id, confidence: 'sure' };
      if (dated.length > 1) return { value: dated[0].id, confidence: 'guess' };
      return null;
    }
  }
}
