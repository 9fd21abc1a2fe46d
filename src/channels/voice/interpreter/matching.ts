/** Understanding what the caller pressed or said: keys, yes/no, agent, and spoken choices. */
export interface CallerInput {
  /** Keypad digits ('' when none). Never logged. */
  digits: string;
  /** Speech recognition result ('' when none). */
  speech: string;
}

export const isEmpty = (i: CallerInput): boolean => i.digits === '' && i.speech.trim() === '';

export function normalize(text: string): string {
  return text
    .toLowerCase()
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[^a-z0-9 ]+/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

/** True when the phrase contains one of the words (whole words or phrases). */
export function saysAny(speech: string, words: readonly string[]): boolean {
  if (!speech) return false;
  const said = ` ${normalize(speech)} `;
  return words.some((w) => {
    const n = normalize(w);
    return n.length > 0 && said.includes(` ${n} `);
  });
}

const SPOKEN_DIGITS: Record<string, string> = {
  zero: '0', one: '1', two: '2', three: '3', four: '4', five: '5', six: '6', seven: '7', eight: '8', nine: '9',
  cero: '0', uno: '1', una: '1', dos: '2', tres: '3', cuatro: '4', cinco: '5', seis: '6', siete: '7', ocho: '8', nueve: '9',
};

/** A single key the caller pressed, or said ("two", "option 2", "dos"). */
export function singleKey(input: CallerInput): string | undefined {
  if (input.digits.length === 1) return input.digits;
  if (input.digits.length > 1) return undefined;
  const words = normalize(input.speech).split(' ');
  if (words.length > 3) return undefined;
  for (const w of words) {
    if (/^[0-9]$/.test(w)) return w;
    if (SPOKEN_DIGITS[w]) return SPOKEN_DIGITS[w];
  }
  return undefined;
}

/** Index of the label the caller named, when exactly one matches. */
export function spokenChoice(speech: string, labels: readonly (readonly string[])[]): number | undefined {
  const said = normalize(speech);
  if (said.length < 3) return undefined;
  const hits = labels
    .map((words, i) => ({ i, hit: words.some((w) => {
      const n = normalize(w);
      return n.length >= 3 && (said.includes(n) || n.includes(said));
    }) }))
    .filter((x) => x.hit);
  return hits.length === 1 ? hits[0].i : undefined;
}
