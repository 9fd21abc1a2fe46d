/**
 * The rules a spoken turn must keep (the prompt sweep applies them to every prompt the flow
 * produces; test/unit/voice/spoken-rules.test.ts proves each one catches what it names).
 */
const CHOICE = /\b(press|oprima) (\d|star|pound|asterisco)/i;
export const MAX_WORDS_BEFORE_CHOICE = 25;

export interface Problem {
  rule: string;
  text: string;
}

/** A run of digits a TTS engine reads as a quantity: six or more, not part of an amount ("1,000,000", "12.50"). */
const RAW_IDENTIFIER = /(?<![\d.,$])\b\d{6,}\b(?![.,]\d)/;

const EN_NUMBER_WORDS = new Set(
  'zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen seventeen eighteen nineteen twenty thirty forty fifty sixty seventy eighty ninety hundred thousand million billion'.split(' '),
);
const ES_NUMBER_WORDS = new Set(
  'cero un uno una dos tres cuatro cinco seis siete ocho nueve diez once doce trece catorce quince dieciséis diecisiete dieciocho diecinueve veinte veintiún veintiuno veintidós veintitrés veinticuatro veinticinco veintiséis veintisiete veintiocho veintinueve treinta cuarenta cincuenta sesenta setenta ochenta noventa cien ciento doscientos trescientos cuatrocientos quinientos seiscientos setecientos ochocientos novecientos mil millón millones'.split(
    ' ',
  ),
);
const SCALES = new Set(['thousand', 'million', 'billion', 'mil', 'millón', 'millones']);
const JOINERS = new Set(['and', 'y']);
const CURRENCY_NOUNS = /^(dollars?|cents?|euros?|pesos?|centavos?|céntimos?|dólar|dólares)$/;

const isNumberWord = (w: string): boolean => EN_NUMBER_WORDS.has(w) || ES_NUMBER_WORDS.has(w) || w.split('-').every((p) => EN_NUMBER_WORDS.has(p));

/**
 * Number words in the thousands or more that are not an amount of money: an identifier read
 * as a quantity ("thirty-one million one hundred one", "treinta y un millones…").
 */
export function identifierReadAsNumber(text: string): string | undefined {
  const words = text.toLowerCase().split(/[^a-záéíóúñü-]+/).filter(Boolean);
  for (let i = 0; i < words.length; ) {
    if (!isNumberWord(words[i])) {
      i += 1;
      continue;
    }
    let j = i;
    while (j < words.length && (isNumberWord(words[j]) || (JOINERS.has(words[j]) && j + 1 < words.length && isNumberWord(words[j + 1])))) j += 1;
    const run = words.slice(i, j);
    if (run.some((w) => SCALES.has(w))) {
      const next = words[j] === 'de' ? words[j + 1] : words[j];
      if (!next || !CURRENCY_NOUNS.test(next)) return run.join(' ');
    }
    i = j;
  }
  return undefined;
}

/**
 * Words before the first choice are the step's own prompt: the <Say> holding the first choice
 * up to it, and the <Say> just before when the choice opens its own (the question, then "press
 * 1 for yes"). Earlier <Say>s are what the last answer led to (a balance read, a repair done):
 * raw values are checked there too, length is not.
 */
export function problemsIn(says: string[]): Problem[] {
  const text = says.join(' ');
  const problems: Problem[] = [];
  if (/\$\s?\d/.test(text)) problems.push({ rule: 'raw money', text });
  if (/\b\d{4}-\d{2}(-\d{2})?\b/.test(text)) problems.push({ rule: 'ISO date', text });
  if (/\+\d{7,}/.test(text)) problems.push({ rule: 'E.164 number', text });
  if (RAW_IDENTIFIER.test(text)) problems.push({ rule: 'identifier as a raw run of digits', text });
  const asNumber = identifierReadAsNumber(text);
  if (asNumber) problems.push({ rule: `identifier read as a number ("${asNumber}")`, text });
  const i = says.findIndex((s) => CHOICE.test(s));
  if (i >= 0) {
    const at = says[i].search(CHOICE);
    const prompt = `${at === 0 && i > 0 ? says[i - 1] : ''} ${says[i].slice(0, at)}`.trim();
    const before = prompt ? prompt.split(/\s+/).length : 0;
    if (before > MAX_WORDS_BEFORE_CHOICE) problems.push({ rule: `${before} words before the first choice`, text });
  }
  return problems;
}

/** What Twilio takes in <Gather hints> (warning 13330 otherwise), and what a recogniser can use: no raw values, each phrase once. */
export function hintProblems(hints: string, limits: { maxHints: number; maxChars: number }): Problem[] {
  const list = hints.split(',').map((h) => h.trim());
  const problems: Problem[] = [];
  if (list.length > limits.maxHints) problems.push({ rule: `${list.length} hints (at most ${limits.maxHints})`, text: hints });
  for (const h of list) {
    if (!h) problems.push({ rule: 'empty hint', text: hints });
    else if (h.length > limits.maxChars) problems.push({ rule: `hint over ${limits.maxChars} characters`, text: h });
    if (/\b\d{4}-\d{2}(-\d{2})?\b/.test(h)) problems.push({ rule: 'ISO date in a hint', text: h });
    if (/\+\d{7,}/.test(h)) problems.push({ rule: 'E.164 number in a hint', text: h });
  }
  const lower = list.map((h) => h.toLowerCase());
  const repeated = lower.filter((h, i) => lower.indexOf(h) !== i);
  if (repeated.length) problems.push({ rule: `repeated hints (${[...new Set(repeated)].join(', ')})`, text: hints });
  return problems;
}
