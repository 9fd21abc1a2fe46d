/**
 * Reads TwiML the way a phone would hear it, for the call simulator, the tests and the bench
 * (a tiny XML reader: TwiML is elements, attributes and text, nothing more).
 */
export interface XmlElement {
  name: string;
  attrs: Record<string, string>;
  children: XmlElement[];
  text: string;
}

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };
const decode = (s: string) => s.replace(/&(#x[0-9a-f]+|#\d+|\w+);/gi, (m, e: string) => (e[0] === '#' ? String.fromCodePoint(e[1] === 'x' || e[1] === 'X' ? parseInt(e.slice(2), 16) : Number(e.slice(1))) : (ENTITIES[e] ?? m)));

export function parseXml(xml: string): XmlElement {
  const root: XmlElement = { name: '#document', attrs: {}, children: [], text: '' };
  const stack = [root];
  const re = /<\?[^>]*\?>|<!--[\s\S]*?-->|<\/([\w:.-]+)\s*>|<([\w:.-]+)((?:\s+[\w:.-]+\s*=\s*(?:"[^"]*"|'[^']*'))*)\s*(\/?)>|([^<]+)/g;
  for (const m of xml.matchAll(re)) {
    const top = stack[stack.length - 1];
    if (m[1]) {
      if (top.name !== m[1]) throw new Error(`XML: </${m[1]}> closes <${top.name}>`);
      stack.pop();
    } else if (m[2]) {
      const attrs: Record<string, string> = {};
      for (const a of (m[3] ?? '').matchAll(/([\w:.-]+)\s*=\s*(?:"([^"]*)"|'([^']*)')/g)) attrs[a[1]] = decode(a[2] ?? a[3] ?? '');
      const el: XmlElement = { name: m[2], attrs, children: [], text: '' };
      top.children.push(el);
      if (!m[4]) stack.push(el);
    } else if (m[5] !== undefined) top.text += decode(m[5]);
    else if (m[0].startsWith('<') && !m[0].startsWith('<?') && !m[0].startsWith('<!--')) throw new Error(`XML: cannot read ${m[0].slice(0, 40)}`);
  }
  if (stack.length !== 1) throw new Error(`XML: <${stack[stack.length - 1].name}> not closed`);
  return root;
}

/** What the caller hears and what happens next, from one TwiML document. */
export interface Heard {
  says: { text: string; language?: string }[];
  gather?: { action: string; input: string; numDigits?: number; finishOnKey?: string; timeout?: number; hints?: string; actionOnEmptyResult: boolean };
  redirect?: string;
  enqueue?: { queue: string; waitUrl?: string; workflowSid?: string; task?: string };
  plays: string[];
  hangup: boolean;
}

export function hear(xml: string): Heard {
  const doc = parseXml(xml);
  const response = doc.children.find((c) => c.name === 'Response');
  if (!response) throw new Error('TwiML: no <Response>');
  const heard: Heard = { says: [], plays: [], hangup: false };
  const say = (el: XmlElement) => heard.says.push({ text: el.text.trim(), language: el.attrs.language });
  for (const el of response.children) {
    switch (el.name) {
      case 'Say':
        say(el);
        break;
      case 'Play':
        heard.plays.push(el.text.trim());
        break;
      case 'Gather':
        for (const c of el.children) if (c.name === 'Say') say(c);
        heard.gather = {
          action: el.attrs.action ?? '',
          input: el.attrs.input ?? 'dtmf',
          numDigits: el.attrs.numDigits ? Number(el.attrs.numDigits) : undefined,
          finishOnKey: el.attrs.finishOnKey,
          timeout: el.attrs.timeout ? Number(el.attrs.timeout) : undefined,
          hints: el.attrs.hints,
          actionOnEmptyResult: el.attrs.actionOnEmptyResult === 'true',
        };
        break;
      case 'Redirect':
        heard.redirect = el.text.trim();
        break;
      case 'Enqueue':
        heard.enqueue = { queue: el.text.trim(), waitUrl: el.attrs.waitUrl, workflowSid: el.attrs.workflowSid, task: el.children.find((c) => c.name === 'Task')?.text };
        break;
      case 'Hangup':
        heard.hangup = true;
        break;
      default:
        break;
    }
  }
  return heard;
}

export const spoken = (h: Heard): string => h.says.map((s) => s.text).join(' ');
