/**
 * ICU MessageFormat plurals and selects inside our wording ("{remaining, plural, one {# try}
 * other {# tries}}"), formatted with intl-messageformat before a channel fills its own
 * {placeholders}. A plural whose value is missing becomes `{name}`, so an optional segment
 * around it drops as before.
 */
interface MessageFormat {
  format(values: Record<string, string | number>): unknown;
}
// intl-messageformat is an ES module; Node (>= 20.19) loads it with require.
const { IntlMessageFormat } = require('intl-messageformat') as { IntlMessageFormat: new (message: string, locale: string) => MessageFormat };

const cache = new Map<string, MessageFormat>();

/** The end of the ICU argument that opens at `start` ("{"), by balanced braces; -1 when unbalanced. */
function closing(text: string, start: number): number {
  let depth = 0;
  for (let i = start; i < text.length; i++) {
    if (text[i] === '{') depth++;
    else if (text[i] === '}' && --depth === 0) return i;
  }
  return -1;
}

/**
 * The template with each ICU argument replaced by `{name}` (what the channel's own checks know),
 * and the ICU syntax errors found.
 */
export function stripIcu(template: string, locale = 'en'): { template: string; problems: string[] } {
  const problems: string[] = [];
  const open = /\{\s*([a-zA-Z0-9_]+)\s*,\s*(plural|select|selectordinal)\s*,/g;
  let out = '';
  let i = 0;
  for (let m = open.exec(template); m; m = open.exec(template)) {
    const end = closing(template, m.index);
    if (end < 0) {
      problems.push(`ICU argument {${m[1]}, ${m[2]}, ...} is not closed`);
      break;
    }
    try {
      new IntlMessageFormat(template.slice(m.index, end + 1), locale);
    } catch (err) {
      problems.push(`ICU argument {${m[1]}, ${m[2]}, ...}: ${(err as Error).message}`);
    }
    out += `${template.slice(i, m.index)}{${m[1]}}`;
    i = end + 1;
    open.lastIndex = i;
  }
  return { template: out + template.slice(i), problems };
}

export function applyIcu(template: string, values: Record<string, unknown>, locale: string): string {
  if (!/\{\s*[a-zA-Z0-9_]+\s*,\s*(plural|select|selectordinal)\s*,/.test(template)) return template;
  let out = '';
  let i = 0;
  const open = /\{\s*([a-zA-Z0-9_]+)\s*,\s*(plural|select|selectordinal)\s*,/g;
  for (let m = open.exec(template); m; m = open.exec(template)) {
    const end = closing(template, m.index);
    if (end < 0) break;
    const part = template.slice(m.index, end + 1);
    const name = m[1];
    const value = values[name];
    out += template.slice(i, m.index);
    // A count may arrive as text ("4") from a channel's facts.
    const count = typeof value === 'string' && /^\d+$/.test(value) ? Number(value) : value;
    const usable = m[2] === 'select' ? typeof value === 'string' : typeof count === 'number';
    if (usable) {
      const key = `${locale}|${part}`;
      let f = cache.get(key);
      if (!f) cache.set(key, (f = new IntlMessageFormat(part, locale)));
      out += String(f.format({ [name]: (m[2] === 'select' ? value : count) as string | number }));
    } else out += `{${name}}`;
    i = end + 1;
    open.lastIndex = i;
  }
  return out + template.slice(i);
}
