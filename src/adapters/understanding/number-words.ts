/** Numbers written or said as words, in English and Spanish ("twenty five", "veinticinco", "doce cincuenta"). */
import type { UnderstandingLocale } from '../../domain/understanding/language-understanding';

const EN: Record<string, number> = {
  zero: 0, oh: 0, one: 1, two: 2, three: 3, four: 4, five: 5, six: 6, seven: 7, eight: 8, nine: 9, ten: 10,
  eleven: 11, twelve: 12, thirteen: 13, fourteen: 14, fifteen: 15, sixteen: 16, seventeen: 17, eighteen: 18, nineteen: 19,
  twenty: 20, thirty: 30, forty: 40, fifty: 50, sixty: 60, seventy: 70, eighty: 80, ninety: 90,
};
const ES: Record<string, number> = {
  cero: 0, un: 1, uno: 1, una: 1, dos: 2, tres: 3, cuatro: 4, cinco: 5, seis: 6, siete: 7, ocho: 8, nueve: 9, diez: 10,
  once: 11, doce: 12, trece: 13, catorce: 14, quince: 15, dieciseis: 16, diecisiete: 17, dieciocho: 18, diecinueve: 19,
  veinte: 20, veintiuno: 21, veintiun: 21, veintidos: 22, veintitres: 23, veinticuatro: 24, veinticinco: 25, veintiseis: 26,
  veintisiete: 27, veintiocho: 28, veintinueve: 29, treinta: 30, cuarenta: 40, cincuenta: 50, sesenta: 60, setenta: 70,
  ochenta: 80, noventa: 90, cien: 100, ciento: 100, doscientos: 200, trescientos: 300, cuatrocientos: 400, quinientos: 500,
  seiscientos: 600, setecientos: 700, ochocientos: 800, novecientos: 900,
};
const HUNDRED: Record<UnderstandingLocale, string[]> = { en: ['hundred'], es: [] };
const THOUSAND: Record<UnderstandingLocale, string[]> = { en: ['thousand'], es: ['mil'] };
const JOINERS: Record<UnderstandingLocale, string[]> = { en: ['and', 'a'], es: ['y'] };

export const stripAccents = (s: string): string => s.normalize('NFD').replace(/[\u0300-\u036f]/g, '');

/**
 * Replaces each run of number words with its digits: "twenty five dollars" -> "25 dollars",
 * "doce cincuenta" -> "12 50" (two runs: a small number after a tens word ends the first).
 */
export function wordsToDigits(text: string, locale: UnderstandingLocale): string {
  const table = locale === 'es' ? ES : EN;
  const tokens = stripAccents(text.toLowerCase()).split(/(\s+|-)/).filter((t) => t.trim() !== '' && t !== '-');
  const out: string[] = [];
  let current: number | null = null;
  let total = 0;
  let lastSmall: number | null = null;
  const flush = () => {
    if (current !== null) out.push(String(total + current));
    current = null;
    total = 0;
    lastSmall = null;
  };
  for (let i = 0; i < tokens.length; i++) {
    const raw = tokens[i];
    const w = raw.replace(/[^a-z0-9]/g, '');
    const v = table[w];
    if (v !== undefined && !(w === 'a' || w === 'un' || w === 'una') ) {
      if (current === null) {
        current = v;
        lastSmall = v;
      } else if (lastSmall !== null && lastSmall >= 20 && lastSmall % 10 === 0 && v < 10 && lastSmall < 100) {
        current += v; // twenty five, treinta (y) cinco
        lastSmall = v;
      } else if (current >= 100 && current % 100 === 0 && v < 100) {
        current += v; // ciento veinte
        lastSmall = v;
      } else {
        flush(); // "twelve fifty": two numbers
        current = v;
        lastSmall = v;
      }
      continue;
    }
    if ((w === 'un' || w === 'una' || w === 'a') && THOUSAND[locale].includes(tokens[i + 1] ?? '')) continue;
    if (current !== null && HUNDRED[locale].includes(w)) {
      current *= 100;
      lastSmall = null;
      continue;
    }
    if (THOUSAND[locale].includes(w)) {
      total += (current ?? 1) * 1000;
      current = 0;
      lastSmall = null;
      continue;
    }
    if (current !== null && JOINERS[locale].includes(w) && table[(tokens[i + 1] ?? '').replace(/[^a-z0-9]/g, '')] !== undefined) {
      // "treinta y cinco", "one hundred and five": the joiner keeps the number going
      const next = table[(tokens[i + 1] ?? '').replace(/[^a-z0-9]/g, '')];
      if (next < 10 || current >= 100) continue;
    }
    flush();
    out.push(raw);
  }
  flush();
  return out.join(' ');
}
