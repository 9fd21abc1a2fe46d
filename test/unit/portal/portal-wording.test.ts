import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { loadWording, negotiateLocale } from '../../../src/channels/portal/portal-wording';
import { webDir, createViews } from '../../../src/shared/pages';

const DIR = path.resolve(__dirname, '../../../wording');

describe('portal wording', () => {
  it('when the browser names languages with weights, then the best one we have wins, and the cookie wins over all', () => {
    assert.equal(negotiateLocale(undefined, 'fr-CA, es-MX;q=0.9, en;q=0.8'), 'es');
    assert.equal(negotiateLocale(undefined, 'es;q=0.2, en-GB;q=0.7'), 'en');
    assert.equal(negotiateLocale(undefined, 'es;q=0, de'), 'en');
    assert.equal(negotiateLocale(undefined, undefined), 'en');
    assert.equal(negotiateLocale('es', 'en-US'), 'es');
    assert.equal(negotiateLocale('<script>', 'es'), 'es');
  });

  it('when words are formatted, then amounts follow the locale and moments the operator\'s time zone, calendar days never shift', () => {
    const wording = loadWording(DIR, 'America/Chicago');
    const en = wording.words('en');
    const es = wording.words('es');
    assert.equal(en.money({ amountMinor: 123456, currency: 'USD' }), '$1,234.56');
    assert.equal(es.money({ amountMinor: 123456, currency: 'USD' }), '$1,234.56');
    assert.equal(en.moment('2026-11-21T03:30:00.000Z').replace(/\s/g, ' '), 'Nov 20, 2026, 9:30 PM');
    assert.equal(en.day('2026-12-01'), 'Dec 1, 2026');
    assert.equal(es.period('2026-11'), 'noviembre de 2026');
    assert.equal(en.t('home.draft.text', { procedure: 'a cancellation', channel: 'voice', when: 'today' }), 'You started a cancellation on the phone on today and did not finish.');
    assert.equal(es.t('bills.chartLabel', { count: 1 }), 'Total de las facturas del último mes; las mismas cifras están en la tabla de abajo.');
    assert.equal(es.t('bills.chartLabel', { count: 3 }), 'Total de las facturas de los últimos 3 meses; las mismas cifras están en la tabla de abajo.');
  });

  it('when a language lacks a key the other has, then loading stops and names it', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'wording-'));
    const write = (locale: string, messages: Record<string, unknown>) => fs.writeFileSync(path.join(dir, `${locale}.yaml`), JSON.stringify({ locale, messages }));
    write('en', { a: { portal: 'A' }, b: { portal: 'B' } });
    write('es', { a: { portal: 'A' } });
    assert.throws(() => loadWording(dir, 'UTC'), /es\.yaml: "b": no portal wording/);
    write('es', { a: { portal: 'A' }, b: { portal: 'B' } });
    assert.throws(() => loadWording(dir, 'Mars/Olympus'), RangeError);
  });

  it('when a page shows what a customer typed, then it is escaped', () => {
    const views = createViews({ dir: webDir(__dirname, 'web-portal') });
    const w = loadWording(DIR, 'UTC').words('en');
    const evil = '"><script>alert(1)</script>';
    const html = views.render('register', { title: evil, appName: 'x', assetBase: '/a', lang: 'en', t: w.t, w, here: '/register', signedIn: false, supportPhone: evil, csrf: evil, key: evil, fields: [], form: { firstName: evil, city: evil }, invalid: [], error: evil });
    assert.doesNotMatch(html, /<script>alert/);
    assert.match(html, /&quot;&gt;&lt;script&gt;alert\(1\)&lt;\/script&gt;/);
  });
});
