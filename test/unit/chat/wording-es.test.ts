/** The Spanish chat wording (from the wording catalog) covers the English one: every key, with the same placeholders. */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import YAML from 'yaml';
import { loadChatDialogs } from '../../../src/channels/chat/dialogs-data/load-chat-dialogs';

const DIR = path.resolve(__dirname, '../../../chat-dialogs');
const SECTIONS = ['messages', 'prompts', 'facts'] as const;
type Wording = Record<(typeof SECTIONS)[number], Record<string, string>>;

const chat = loadChatDialogs(DIR).wording;
const placeholders = (text: string): string[] => [...new Set([...text.matchAll(/\{([a-zA-Z0-9_]+)\}/g)].map((m) => m[1]!))].sort();
const bold = (text: string): string[] => [...text.matchAll(/\*\*([^*]+)\*\*/g)].map((m) => m[1]!);

describe('chat wording: Spanish covers English', () => {
  const en: Wording = chat.en;
  const es: Wording = chat.es!;

  it('when the English wording has a key in any section, then the Spanish wording has it too', () => {
    const missing = SECTIONS.flatMap((s) => Object.keys(en[s]).filter((k) => typeof es[s]?.[k] !== 'string' || es[s][k].trim() === '').map((k) => `${s}.${k}`));
    assert.deepEqual(missing, [], `missing in wording/es.yaml (chat): ${missing.join(', ')}`);
  });

  it('when a key is worded in both languages, then both use the same {placeholder} names', () => {
    const differ = SECTIONS.flatMap((s) =>
      Object.keys(en[s])
        .filter((k) => es[s]?.[k] !== undefined)
        .filter((k) => placeholders(en[s][k]!).join(',') !== placeholders(es[s][k]!).join(','))
        .map((k) => `${s}.${k}: en {${placeholders(en[s][k]!).join(', ')}} es {${placeholders(es[s][k]!).join(', ')}}`),
    );
    assert.deepEqual(differ, []);
  });

  it('when a Spanish message names a command in bold, then it is one the bot recognises in Spanish, as often as English does', () => {
    const intents = YAML.parse(fs.readFileSync(path.join(DIR, 'intents.yaml'), 'utf8')) as { commands: Record<string, { es?: string[] }> };
    const spanishCommands = new Set(Object.values(intents.commands).flatMap((c) => c.es ?? []));
    const problems = SECTIONS.flatMap((s) =>
      Object.keys(en[s])
        .filter((k) => es[s]?.[k] !== undefined)
        .flatMap((k) => {
          const words = bold(es[s][k]!);
          const unknown = words.filter((w) => !spanishCommands.has(w)).map((w) => `${s}.${k}: **${w}** is not a Spanish command`);
          return words.length === bold(en[s][k]!).length ? unknown : [...unknown, `${s}.${k}: ${words.length} bold commands, English has ${bold(en[s][k]!).length}`];
        }),
    );
    assert.deepEqual(problems, []);
  });

  it('when the chat-dialogs directory is loaded, then the loader accepts it with both locales', () => {
    const dialogs = loadChatDialogs(DIR);
    assert.equal(dialogs.wording.en.locale, 'en');
    assert.equal(dialogs.wording.es?.locale, 'es');
    for (const s of SECTIONS) assert.deepEqual(Object.keys(dialogs.wording.es![s]).sort(), Object.keys(dialogs.wording.en[s]).sort(), s);
  });
});
