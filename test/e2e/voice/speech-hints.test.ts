/**
 * <Gather hints> through the real voice webhook: the speech-first main menu and a product choice
 * carry the catalog's names (products, families, symptoms) in the caller's language, within
 * Twilio's limits (a comma-separated list, each phrase at most 100 characters).
 */
import assert from 'node:assert/strict';
import path from 'node:path';
import { LANGUAGE, startVoiceApp, type VoiceApp } from './support/voice-app';
import { CallScript } from './support/call-script';
import { loadCatalogFile } from '../../../src/adapters/files/catalog-file';
import { loadCatalogTexts } from '../../../src/adapters/files/catalog-text-file';
import { MAX_HINT_CHARS, MAX_HINTS } from '../../../src/channels/voice/interpreter/speech-hints';
import type { Heard } from '../../../src/channels/voice/twiml/twiml-reader';

const ROOT = path.resolve(__dirname, '../../..');
const CATALOG = loadCatalogFile(path.join(ROOT, 'catalog/catalog.json'));
const SPANISH = loadCatalogTexts(path.join(ROOT, 'catalog/catalog.json'), ['en', 'es']).es!;
const SERVICE_NAMES = CATALOG.products.filter((p) => p.kind === 'service').map((p) => p.name);
const ENGLISH_SYMPTOMS = CATALOG.repair.symptoms.map((s) => s.label);
const SPANISH_SYMPTOMS = CATALOG.repair.symptoms.map((s) => SPANISH.symptoms[s.code]!);

function hintsOf(h: Heard): string[] {
  assert.ok(h.gather?.hints, `no hints on: ${h.says.map((s) => s.text).join(' ')}`);
  const hints = h.gather.hints.split(', ');
  assert.ok(hints.length <= MAX_HINTS, `${hints.length} hints`);
  for (const x of hints) assert.ok(x.trim() === x && x.length > 0 && x.length <= MAX_HINT_CHARS, `hint "${x}"`);
  assert.equal(new Set(hints.map((x) => x.toLowerCase())).size, hints.length, 'each hint once');
  return hints;
}

const missing = (hints: string[], wanted: string[]) => wanted.filter((w) => !hints.includes(w));

describe('voice: speech hints from the catalog, in the caller\'s language', () => {
  let app: VoiceApp;
  before(async () => {
    app = await startVoiceApp();
  });
  after(async () => {
    await app.close();
  });

  async function atMainMenu(language: '1' | '2'): Promise<CallScript> {
    const who = app.person('bundle');
    const script = await new CallScript(app.call(who.phone)).dial();
    await script.play(language, who.pin);
    // Dana left a bill adjustment unfinished (demo data): the menu, not the draft.
    if (/(main menu|menú principal), (press|oprima) 2/.test(script.text())) await script.play('2');
    script.expectHeard(language === '1' ? /Main menu\. Tell me in a few words/ : /Menú principal\./);
    return script;
  }

  it('when an English caller reaches the main menu, then the hints name every service product, the families, the symptoms and the agent, and no Spanish', async () => {
    const hints = hintsOf((await atMainMenu('1')).heard);
    assert.deepEqual(missing(hints, SERVICE_NAMES), []);
    assert.deepEqual(missing(hints, ENGLISH_SYMPTOMS), []);
    const said = (await LANGUAGE.vocabulary!('en')).intents['bill-adjustment'][0]!;
    assert.deepEqual(missing(hints, ['tv plus', 'home phone', 'internet', 'TV', 'mobile', 'agent', 'balance', 'a charge on your bill', said]), []);
    for (const spanish of ['saldo', 'factura', 'agente', SPANISH_SYMPTOMS[0]!, 'teléfono fijo']) assert.ok(!hints.includes(spanish), `Spanish "${spanish}" in English hints`);
  });

  it('when a Spanish caller reaches the main menu, then the hints carry the Spanish family names, symptoms and words, the brand names, and no English words', async () => {
    const hints = hintsOf((await atMainMenu('2')).heard);
    assert.deepEqual(missing(hints, SERVICE_NAMES), []);
    assert.deepEqual(missing(hints, SPANISH_SYMPTOMS), []);
    const said = (await LANGUAGE.vocabulary!('es')).intents['bill-adjustment'][0]!;
    assert.deepEqual(missing(hints, ['teléfono fijo', 'televisión', 'móvil', 'agente', 'saldo', 'un cargo en su factura', said]), []);
    for (const english of ['balance', 'not working', 'agent', 'home phone', 'tv plus', ENGLISH_SYMPTOMS[0]!, 'a charge on your bill']) assert.ok(!hints.includes(english), `English "${english}" in Spanish hints`);
  });

  it('when a caller is asked which product to add, then the hints are the products offered, the catalog\'s names and the families, in their language', async () => {
    for (const [language, family, absent] of [['1', 'home phone', 'teléfono fijo'], ['2', 'teléfono fijo', 'home phone']] as const) {
      const script = await atMainMenu(language);
      await script.play(/a new service|un servicio nuevo/);
      script.expectHeard(language === '1' ? /Here are the services you can add\./ : /Estos son los servicios que puede agregar\./);
      const hints = hintsOf(script.heard);
      const offered = [...script.text().matchAll(/(?:For|Para) ([^,.]+?)(?:, (?:from|desde) [^,]+)?, (?:press|oprima) \d/g)].map((m) => m[1]!);
      assert.ok(offered.length >= 3, `products offered: ${script.text()}`);
      assert.deepEqual(hints.slice(0, offered.length), offered, 'the products offered come first');
      assert.deepEqual(missing(hints, ['Fiber 500', 'Brightwave TV Plus', family, 'internet']), []);
      assert.ok(!hints.includes(absent), `"${absent}" in the hints of locale ${language}`);
    }
  });

  it('when a caller chooses among their own services, then the hints are their service names without the phone number', async () => {
    const who = app.person('technician');
    const script = await new CallScript(app.call(who.phone)).dial();
    await script.play('1', who.pin, /a service that isn't working/);
    script.expectHeard(/Which service is having trouble\? For Brightwave Home Phone ending in 0 1 4 6, press 1\./);
    const hints = hintsOf(script.heard);
    assert.deepEqual(hints.slice(0, 4), ['Brightwave Home Phone', 'Fiber 500', 'Brightwave Mobile Unlimited', 'Brightwave Home Security']);
    assert.ok(hints.includes('tv') || hints.includes('TV'), 'a family the caller may name is hinted');
  });
});
