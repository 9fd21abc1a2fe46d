/** Catalog content in every language the flow offers: the start-up check, and steps put in the customer's language. */
import assert from 'node:assert/strict';
import path from 'node:path';
import { loadCatalogFile } from '../../../src/adapters/files/catalog-file';
import { loadCatalogTexts, loadDiagnosisTexts } from '../../../src/adapters/files/catalog-text-file';
import { createCatalogText, missingCatalogText } from '../../../src/domain/catalog/catalog-text';
import { loadFlows } from '../../../src/channels/voice/flows/load-flows';
import type { Step } from '../../../src/domain/procedures/procedure';

const ROOT = path.resolve(__dirname, '../../..');
const CATALOG_FILE = path.join(ROOT, 'catalog/catalog.json');
const catalog = loadCatalogFile(CATALOG_FILE);
const diagnosis = loadDiagnosisTexts(path.join(ROOT, 'rules'));
const locales = loadFlows(path.join(ROOT, 'ivr-flows')).settings.locales;
const texts = () => structuredClone(loadCatalogTexts(CATALOG_FILE, ['en', 'es']));

describe('catalog text in every language', () => {
  it('when the shipped catalog, rules and Spanish text are checked against settings.locales, then nothing is missing', () => {
    assert.deepEqual(locales, ['en', 'es']);
    assert.ok(Object.keys(diagnosis).length >= 8, 'the diagnosis explanations are read from the rules');
    assert.deepEqual(missingCatalogText(catalog, diagnosis, texts(), locales), []);
  });

  it('when a symptom, a product description and a diagnosis lack Spanish, then the check names each with its English text', () => {
    const t = texts();
    delete t.es!.symptoms['no-dial-tone'];
    delete t.es!.products['fiber-500'];
    delete t.es!.diagnosis['equipment-lost-sync'];
    assert.deepEqual(missingCatalogText(catalog, diagnosis, t, locales), [
      'es: products.fiber-500 ("Up to 500 Mbps symmetrical fiber internet for busy homes.")',
      'es: symptoms.no-dial-tone ("No dial tone")',
      'es: diagnosis.equipment-lost-sync ("Your equipment is not talking to our network properly. A rem")',
    ]);
  });

  it('when a language is listed but has no file, then the check says so', () => {
    assert.deepEqual(missingCatalogText(catalog, diagnosis, {}, ['en', 'es']), ['es: no catalog-text.es.yaml']);
  });

  it('when a repair step is put in Spanish, then symptoms and the diagnosis are Spanish and the ids unchanged', () => {
    const text = createCatalogText(() => catalog, diagnosis, texts());
    const symptom: Step = { kind: 'choose', procedure: 'repair', field: 'symptom', prompt: 'repair.symptom', options: [{ id: 'no-dial-tone', label: 'No dial tone' }], optional: false, facts: {} };
    assert.deepEqual(text.localizeStep(symptom, 'es').options, [{ id: 'no-dial-tone', label: 'No hay tono de marcado' }]);
    const done: Step = { kind: 'done', procedure: 'repair', outcome: 'resolved', prompt: 'repair.done.resolved', facts: { explanation: diagnosis['equipment-lost-sync'] }, refs: {} };
    assert.match(String(text.localizeStep(done, 'es').facts.explanation), /^Su equipo no se está comunicando bien con nuestra red/);
    assert.equal(text.localizeStep(symptom, 'en'), symptom);
  });
});
