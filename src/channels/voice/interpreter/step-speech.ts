/**
 * Any domain procedure Step, spoken generically: choose = paged numbered list, confirm = 1/2,
 * input = keypad (or speech for text), done = the outcome's wording. The prompt key picks the
 * words (the wording catalog, wording/<locale>.yaml); unknown keys fall back to a generic sentence.
 */
import type { Choice, Step } from '../../../domain/procedures/procedure';
import type { GatherSpec, Utterance } from '../twiml/speech-plan';
import { pickFromList, speakList, type ListItem } from './choice-list';
import { choiceHints } from './speech-hints';
import { saysAny, singleKey, type CallerInput } from './matching';
import type { Turn } from './turn';
import { isMoney } from '../../../shared/format/speech/speak-facts';

type AskStep = Exclude<Step, { kind: 'done' }>;

/** At a confirmation with notes: hear them before answering. */
export const DETAILS_KEY = '3';

export const hasNotes = (step: AskStep): boolean => {
  const n = step.facts.notes;
  return Array.isArray(n) ? n.length > 0 : typeof n === 'string' && n.trim() !== '';
};

/** A fee of nothing is not worth a sentence ("the early termination fee is zero dollars"). */
function zeroFeesDropped(facts: Step['facts']): Step['facts'] {
  const out: Step['facts'] = {};
  for (const [k, v] of Object.entries(facts)) if (/Fee$/.test(k) && isMoney(v) && v.amountMinor === 0) out[k] = null;
  return out;
}

export function optionItems(t: Turn, options: Choice[]): ListItem[] {
  return options.map((o) => {
    const key = `options.${o.id}`;
    const label = t.hasPrompt(key) ? t.say(key).text : o.label;
    // Each price once: a detail that repeats the amount in figures ("+$20.00 a month") is not read.
    // A detail's own full stop would be read before ", press 1" ("per GB., press 1").
    const detail = o.detail && !(o.amount && /\$\s?\d/.test(o.detail)) ? o.detail.replace(/[.\s]+$/, '') : null;
    return { label, words: label === o.label ? [] : [o.label], facts: { detail, amount: o.amount ?? null } };
  });
}

export function askUtterances(t: Turn, step: AskStep): Utterance[] {
  const facts = step.facts;
  switch (step.kind) {
    case 'choose': {
      const out = [t.say(step.prompt, facts, 'generic.choose'), ...speakList(t, optionItems(t, step.options), { skippable: step.optional, optionKey: `${step.prompt}.option` })];
      if (t.state.attempts > 0) out.push(t.say('agent.hint', { key: t.rt.flows.settings.agentKey }));
      return out;
    }
    case 'confirm': {
      // A prompt may word its own yes/no (`<prompt>.options`), e.g. "To accept the offer, press 1".
      // Notes (contract terms, pro-rated charges) are offered on a key, so the question stays short.
      const short = { ...facts, notes: null, ...zeroFeesDropped(facts) };
      const out = [t.say(step.prompt, short, 'generic.confirm'), t.say(t.hasPrompt(`${step.prompt}.options`) ? `${step.prompt}.options` : 'confirm.options')];
      if (hasNotes(step)) out.push(t.say('confirm.details', { key: DETAILS_KEY }));
      return out;
    }
    case 'input': {
      const hint = step.input === 'amount' && step.optional ? 'input.amount-optional' : `input.${step.input}`;
      return [t.say(step.prompt, facts, 'generic.input'), t.say(hint, facts)];
    }
  }
}

export async function gatherFor(t: Turn, step: AskStep): Promise<GatherSpec> {
  const words = t.rt.flows.locales[t.state.locale].words;
  if (step.kind === 'choose') return t.gather({ input: 'dtmf speech', numDigits: 1, hints: await choiceHints(t, step, optionItems(t, step.options)) });
  if (step.kind === 'confirm') return t.gather({ input: 'dtmf speech', numDigits: 1, hints: [...words.yes, ...words.no] });
  if (step.input === 'text') return t.gather({ input: 'speech' });
  return t.gather({ input: 'dtmf', finishOnKey: '#' });
}

export type Interpreted = { kind: 'value'; value: unknown } | { kind: 'more' } | { kind: 'details' } | { kind: 'none' };

function dateFromKeys(digits: string, today: Date): string | undefined {
  let y: number, m: number, d: number;
  if (/^\d{8}$/.test(digits)) [y, m, d] = [Number(digits.slice(0, 4)), Number(digits.slice(4, 6)), Number(digits.slice(6))];
  else if (/^\d{4}$/.test(digits)) {
    [m, d] = [Number(digits.slice(0, 2)), Number(digits.slice(2))];
    y = today.getUTCFullYear();
    if (Date.UTC(y, m - 1, d) < Date.UTC(today.getUTCFullYear(), today.getUTCMonth(), today.getUTCDate())) y += 1;
  } else return undefined;
  const date = new Date(Date.UTC(y, m - 1, d));
  if (date.getUTCMonth() !== m - 1 || date.getUTCDate() !== d) return undefined;
  return date.toISOString().slice(0, 10);
}

/** The caller's key presses or words as the value the step's field expects. */
export function interpretAnswer(t: Turn, step: AskStep, input: CallerInput): Interpreted {
  if (step.kind === 'choose') {
    const pick = pickFromList(t, optionItems(t, step.options), input, { skippable: step.optional });
    if (pick.kind === 'item') return { kind: 'value', value: step.options[pick.index].id };
    if (pick.kind === 'skip') return { kind: 'value', value: null };
    return pick.kind === 'more' ? { kind: 'more' } : { kind: 'none' };
  }
  if (step.kind === 'confirm') {
    const words = t.rt.flows.locales[t.state.locale].words;
    const key = singleKey(input);
    if (key === '1' || saysAny(input.speech, words.yes)) return { kind: 'value', value: true };
    if (key === '2' || saysAny(input.speech, words.no)) return { kind: 'value', value: false };
    if (key === DETAILS_KEY && hasNotes(step)) return { kind: 'details' };
    return { kind: 'none' };
  }
  const digits = input.digits;
  switch (step.input) {
    case 'amount':
      if (digits === '' && step.optional) return { kind: 'value', value: '' };
      return /^\d{1,7}(\*\d{1,2})?$/.test(digits) ? { kind: 'value', value: digits.replace('*', '.') } : { kind: 'none' };
    case 'digits':
      return /^\d{1,32}$/.test(digits) ? { kind: 'value', value: digits } : { kind: 'none' };
    case 'date': {
      const date = dateFromKeys(digits, new Date());
      return date ? { kind: 'value', value: date } : { kind: 'none' };
    }
    case 'text':
      return input.speech.trim() ? { kind: 'value', value: input.speech.trim().slice(0, 500) } : { kind: 'none' };
  }
}
