/**
 * Every prompt the voice flow produces for the demo callers, in both languages: each caller
 * walks every main-menu item taking the first option (again the second, again the third: a quote's details) at every step
 * until the call ends or returns to the menu. No prompt may read a raw value ($12.34, an ISO
 * date, an E.164 number, an identifier of six or more digits as digits or as a quantity) or put
 * more than 25 words before the first choice, and a Spanish caller hears no English catalog text.
 * Every <Gather hints> list keeps Twilio's limits, names no raw value, and for a Spanish caller
 * holds no English catalog text either.
 */
import assert from 'node:assert/strict';
import { startVoiceApp, type VoiceApp } from './support/voice-app';
import type { Heard } from '../../../src/channels/voice/twiml/twiml-reader';
import type { DemoPerson } from '../../../src/demo/demo-people';
import path from 'node:path';
import { loadCatalogFile } from '../../../src/adapters/files/catalog-file';
import { loadDiagnosisTexts, loadRuleTexts } from '../../../src/adapters/files/catalog-text-file';
import { customerFacingTexts } from '../../../src/domain/catalog/catalog-text';
import { hintProblems, problemsIn, type Problem } from './support/spoken-rules';
import { MAX_HINT_CHARS, MAX_HINTS } from '../../../src/channels/voice/interpreter/speech-hints';

const PEOPLE: DemoPerson['key'][] = ['bundle', 'suspended', 'outage', 'reset', 'technician'];
const MENU_KEYS = [['1'], ['2'], ['3'], ['4'], ['5'], ['9', '1'], ['9', '2']];
const ROOT = path.resolve(__dirname, '../../..');
/** The catalog's and the rules' (diagnoses, offers, pitches) English texts long enough not to be a brand name. */
const ENGLISH_CATALOG_TEXT = customerFacingTexts(loadCatalogFile(path.join(ROOT, 'catalog/catalog.json')), loadDiagnosisTexts(path.join(ROOT, 'rules')), loadRuleTexts(path.join(ROOT, 'rules')))
  .map((t) => t.en)
  .filter((t) => t.split(' ').length >= 3);

/** How the domain's quote notes start in English (catalog/catalog-text.<locale>.yaml phrases put them in Spanish). */
const ENGLISH_NOTE = /\b(Your next bill|Your final bill|Your contract|Your current contract|We will let you know|works as soon as|comes with a|per \w+(?=: )|bundle (saves|discount)|ends with it|end with it|may stop working|does not change)\b/;

const spokenText = (h: Heard): string => h.says.map((s) => s.text).join(' ').replace(/\s+/g, ' ').trim();

describe('voice: every prompt of the flow, both languages, demo data', function () {
  this.timeout(240_000);
  let app: VoiceApp;
  before(async () => {
    app = await startVoiceApp();
  });
  after(async () => {
    await app.close();
  });

  it('when the demo callers walk every menu item in English and Spanish, then no prompt reads a raw value or runs long before its first choice', async () => {
    const heard = new Map<string, Problem[]>();
    let spanish = false;
    const record = (h: Heard) => {
      const text = spokenText(h);
      if (!text || heard.has(text)) return;
      const problems = problemsIn(h.says.map((x) => x.text));
      const hints = h.gather?.hints ?? '';
      if (hints) problems.push(...hintProblems(hints, { maxHints: MAX_HINTS, maxChars: MAX_HINT_CHARS }));
      // A Spanish caller hears no English catalog text (symptoms, reasons, descriptions, diagnoses), nor is it hinted to their recogniser.
      if (spanish) for (const t of ENGLISH_CATALOG_TEXT) if (text.includes(t)) problems.push({ rule: `English catalog text "${t}"`, text });
      if (spanish) for (const t of ENGLISH_CATALOG_TEXT) if (hints.split(', ').includes(t)) problems.push({ rule: `English catalog text "${t}" in the hints`, text: hints });
      if (spanish && ENGLISH_NOTE.test(text)) problems.push({ rule: 'English quote note', text });
      heard.set(text, problems);
    };
    for (const lang of ['1', '2'] as const) {
      spanish = lang === '2';
      for (const key of PEOPLE) {
        const who = app.person(key);
        for (const menu of MENU_KEYS) {
          for (const pick of ['1', '2', '3']) {
            const caller = app.call(who.phone);
            let h = await caller.dial();
            record(h);
            for (const k of [lang, who.pin]) record((h = await caller.press(k)));
            if (/(main menu|menú principal), (press|oprima) 2/.test(spokenText(h))) record((h = await caller.press('2')));
            for (const k of menu) record((h = await caller.press(k)));
            for (let turn = 0; turn < 14 && h.gather && !h.hangup && !h.enqueue; turn++) {
              const g = h.gather;
              if (/anything else|algo más/i.test(spokenText(h)) && turn > 0) break;
              if (g.input === 'speech') h = await caller.speak('12 Elm Street, Springfield');
              else if (g.finishOnKey === '#') h = await caller.press(/amount|importe|monto|\$|dólar|dollar/i.test(spokenText(h)) ? '5' : '1231');
              else h = await caller.press(pick);
              record(h);
            }
          }
        }
      }
    }
    const problems = [...heard.values()].flat();
    console.log(`      ${heard.size} distinct prompts heard; ${problems.length} problems`);
    for (const p of problems) console.log(`        ${p.rule}: ${p.text}`);
    assert.ok(heard.size > 100, `only ${heard.size} prompts heard: the sweep did not reach the procedures`);
    for (const reached of [/The details: /, /Los detalles: /, /Your quote for /, /Su cotización de /, /Which bill is the charge on/, /¿En qué factura está el cargo\?|factura/]) {
      assert.ok([...heard.keys()].some((text) => reached.test(text)), `the sweep never heard ${reached}`);
    }
    assert.deepEqual(problems, []);
  });
});
