/**
 * A spoken list of choices, paged for the ear: "For X, press 1 … for more, press 9".
 * Used by the main menu and by every domain `choose` step alike.
 */
import { keyName } from '../../../shared/format/speech/speak-facts';
import type { FactValues } from '../flows/prompt-template';
import type { Utterance } from '../twiml/speech-plan';
import { singleKey, spokenChoice, saysAny, type CallerInput } from './matching';
import type { Turn } from './turn';

export interface ListItem {
  /** Spoken label (already in the caller's language). */
  label: string;
  facts?: FactValues;
  /** Words that pick this item by voice. */
  words: string[];
}

export type ListPick = { kind: 'item'; index: number } | { kind: 'more' } | { kind: 'skip' } | { kind: 'none' };

function pages(t: Turn, count: number): { size: number; pages: number } {
  const size = t.rt.flows.settings.paging.pageSize;
  return { size, pages: count <= size ? 1 : Math.ceil(count / size) };
}

export function speakList(t: Turn, items: ListItem[], opts: { skippable?: boolean; optionKey?: string } = {}): Utterance[] {
  const { size, pages: total } = pages(t, items.length);
  const page = Math.min(t.state.page, total - 1);
  const out: Utterance[] = [];
  items.slice(page * size, page * size + size).forEach((item, i) => {
    out.push(t.say(opts.optionKey && t.hasPrompt(opts.optionKey) ? opts.optionKey : 'choose.option', { ...item.facts, label: item.label, n: String(i + 1) }));
  });
  if (opts.skippable) out.push(t.say('choose.skip'));
  const moreKey = t.rt.flows.settings.paging.moreKey;
  if (total > 1) out.push(t.say(page < total - 1 ? 'paging.more' : 'paging.again', { key: keyName(moreKey, t.state.locale) }));
  return out;
}

/** Maps a key press or phrase to an item on the current page, "more", "skip" or nothing. */
export function pickFromList(t: Turn, items: ListItem[], input: CallerInput, opts: { skippable?: boolean } = {}): ListPick {
  const { size, pages: total } = pages(t, items.length);
  const page = Math.min(t.state.page, total - 1);
  const key = singleKey(input);
  const { moreKey } = t.rt.flows.settings.paging;
  // "more options", "next": a short request; a sentence with "next" in it ("can I pay next week?") is about something else.
  const shortSpeech = input.speech.trim().split(/\s+/).length <= 3;
  if (total > 1 && (key === moreKey || (shortSpeech && saysAny(input.speech, t.rt.flows.locales[t.state.locale].words.more)))) return { kind: 'more' };
  if (opts.skippable && key === '*') return { kind: 'skip' };
  if (key && /^[1-9]$/.test(key)) {
    const n = Number(key);
    const index = page * size + n - 1;
    if (n <= size && index < items.length) return { kind: 'item', index };
    return { kind: 'none' };
  }
  if (input.speech) {
    const index = spokenChoice(input.speech, items.map((i) => [i.label, ...i.words]));
    if (index !== undefined) return { kind: 'item', index };
  }
  return { kind: 'none' };
}

/** Next page (wrapping to the first after the last). */
export function turnPage(t: Turn, count: number): void {
  const { pages: total } = pages(t, count);
  t.state.page = (Math.min(t.state.page, total - 1) + 1) % total;
}
