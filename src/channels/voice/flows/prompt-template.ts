/**
 * Prompt wording with {fact} placeholders. A [bracketed segment] is spoken only when every
 * placeholder in it has a value; {?fact} says nothing but drops its segment when the fact is
 * empty or false; {fact:date} reads only the day of a date-time. So "Due {dueDate}.[ This bill is overdue.{?overdue}]" needs no code.
 */
import { speakFact, type Locale } from '../speech/speak-facts';
import { stripIcu } from '../../../shared/format/icu-plurals';

type Token = { text: string } | { fact: string; guard: boolean; format?: string } | { segment: Token[] };

const compiled = new Map<string, Token[]>();

function parse(template: string): Token[] {
  const root: Token[] = [];
  const stack: Token[][] = [root];
  const re = /\{(\??)([\w.-]+)(?::(date))?\}|\[|\]|[^{}[\]]+|[{}]/g;
  for (const m of template.matchAll(re)) {
    const top = stack[stack.length - 1];
    if (m[2] !== undefined) top.push({ fact: m[2], guard: m[1] === '?', format: m[3] });
    else if (m[0] === '[') {
      const segment: Token[] = [];
      top.push({ segment });
      stack.push(segment);
    } else if (m[0] === ']') {
      if (stack.length > 1) stack.pop();
    } else top.push({ text: m[0] });
  }
  return root;
}

/** Returns the problems of a template (unbalanced brackets), for the flow validator. */
export function templateProblems(withIcu: string): string[] {
  // ICU plurals and selects ("{n, plural, one {# try} other {# tries}}") are checked by intl-messageformat.
  const { template, problems } = stripIcu(withIcu);
  if (problems.length > 0) return problems;
  let depth = 0;
  for (const ch of template) {
    if (ch === '[') depth += 1;
    if (ch === ']') depth -= 1;
    if (depth < 0) return ['"]" without "["'];
  }
  if (depth !== 0) return ['"[" without "]"'];
  return /\{(?![?]?[\w.-]+(:date)?\})/.test(template) ? ['"{" not closed as {name}'] : [];
}

export type FactValues = Record<string, unknown>;

function renderTokens(tokens: Token[], facts: FactValues, locale: Locale, timeZone: string): { text: string; complete: boolean } {
  let text = '';
  let complete = true;
  for (const t of tokens) {
    if ('text' in t) text += t.text;
    else if ('fact' in t) {
      const value = facts[t.fact];
      // {fact:date} reads only the day of a date-time ("received on October 30th").
      const spoken = speakFact(t.format === 'date' && typeof value === 'string' ? value.slice(0, 10) : value, locale, timeZone);
      if (!spoken) complete = false;
      if (!t.guard) text += spoken;
    } else {
      const inner = renderTokens(t.segment, facts, locale, timeZone);
      if (inner.complete) text += inner.text;
    }
  }
  return { text, complete };
}

export function fillTemplate(template: string, facts: FactValues, locale: Locale, timeZone = 'UTC'): string {
  let tokens = compiled.get(template);
  if (!tokens) {
    tokens = parse(template);
    compiled.set(template, tokens);
  }
  return renderTokens(tokens, facts, locale, timeZone).text.replace(/\s+/g, ' ').trim();
}
