/** Product family words in chat-dialogs/intents.yaml: validated as data, read from free text. */
import assert from 'node:assert/strict';
import { IntentsFile } from '../../../src/channels/chat/dialogs-data/schema';
import { Understanding } from '../../../src/channels/chat/bot/understanding';
import { DIALOGS } from './chat-test-kit';

describe('chat understanding: product families named in a message', () => {
  const u = new Understanding(DIALOGS.intents);

  const cases: [string, 'en' | 'es', string | null][] = [
    ["my TV isn't working", 'en', 'tv'],
    ['the television is broken', 'en', 'tv'],
    ['my landline has no dial tone', 'en', 'phone'],
    ['my cell phone has no signal', 'en', 'mobile'],
    ['my phone is dead', 'en', 'phone'],
    ['wifi is down', 'en', 'broadband'],
    ['my alarm keeps beeping', 'en', 'security'],
    ['no tengo internet', 'es', 'broadband'],
    ['mi tele no funciona', 'es', 'tv'],
    ['mi teléfono fijo no tiene tono', 'es', 'phone'],
    ['mi celular no funciona', 'es', 'mobile'],
    ['something is broken', 'en', null],
    ['my tv and my internet are down', 'en', null],
  ];
  for (const [text, locale, family] of cases) {
    it(`when the message is "${text}" (${locale}), then the family is ${String(family)}`, () => {
      assert.equal(u.family(text, locale), family);
    });
  }

  it('when intents data names a family the catalog does not know, then it is refused when loaded', () => {
    const bad = { ...DIALOGS.intents, families: { ...DIALOGS.intents.families, radio: { en: ['radio'] } } };
    const r = IntentsFile.safeParse(bad);
    assert.equal(r.success, false);
    assert.ok(IntentsFile.safeParse(DIALOGS.intents).success);
  });
});
