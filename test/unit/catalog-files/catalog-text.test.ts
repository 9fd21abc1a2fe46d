/** Catalog content in every language the flow offers: the start-up check, and steps put in the customer's language. */
import assert from 'node:assert/strict';
import path from 'node:path';
import { loadCatalogFile } from '../../../src/adapters/files/catalog-file';
import { loadCatalogTexts, loadDiagnosisTexts, loadRuleTexts } from '../../../src/adapters/files/catalog-text-file';
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
    assert.deepEqual(missingCatalogText(catalog, diagnosis, texts(), locales, loadRuleTexts(path.join(ROOT, 'rules'))), []);
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

  it('when the notes of a quote and a composed modification label are put in Spanish, then the sentences are Spanish with their values kept', () => {
    const text = createCatalogText(() => catalog, diagnosis, texts());
    const quote: Step = {
      kind: 'confirm', procedure: 'modify-service', field: 'confirm', prompt: 'modify-service.confirm',
      facts: { notes: ['Your next bill includes $9.62 for the rest of this month.', 'International minutes per minute: the first 100 at $0.00, up to 500 at $0.08, then $0.12.', 'Fiber 500 comes with a 12-month contract (until about 2027-11-20); ending it early costs $10.00 for each remaining month.'] },
    };
    assert.deepEqual(text.localizeStep(quote, 'es').facts.notes, [
      'Su próxima factura incluye $9.62 por el resto de este mes.',
      'Minutos internacionales por minuto: los primeros 100 a $0.00, hasta 500 a $0.08, luego $0.12.',
      'Fiber 500 incluye un contrato de 12 meses (hasta aproximadamente el 2027-11-20); terminarlo antes cuesta $10.00 por cada mes restante.',
    ]);
    const mods: Step = { kind: 'choose', procedure: 'modify-service', field: 'modification', prompt: 'modify-service.modification', options: [{ id: 'm1', label: 'Wi-Fi router: Use my own router' }, { id: 'm2', label: 'Upgrade to Fiber 1000' }], optional: false, facts: {} };
    assert.deepEqual(text.localizeStep(mods, 'es').options.map((o) => o.label), ['Router Wi-Fi: Usar mi propio router', 'Subir a Fiber 1000']);
  });
});
