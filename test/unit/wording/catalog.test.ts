/** The wording catalog (wording/<locale>.yaml) and the one ICU message engine every channel uses. */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { loadWordingCatalog, WordingError, WORDING_CHANNELS } from '../../../src/shared/wording/catalog';
import { messageArguments, renderMessage } from '../../../src/shared/wording/render';

const ROOT = path.resolve(__dirname, '../../..');
const text = (locale = 'en') => ({ locale, medium: 'text' as const, format: (v: unknown) => (v === null || v === undefined ? '' : String(v)) });

describe('wording catalog', () => {
  let dir: string;
  const write = (locale: string, messages: Record<string, unknown>) => fs.writeFileSync(path.join(dir, `${locale}.yaml`), JSON.stringify({ locale, messages }));
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'wording-'));
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('when the shipped catalog loads, then every channel has English and Spanish words for the same keys', () => {
    const catalog = loadWordingCatalog(path.join(ROOT, 'wording'));
    assert.deepEqual([...catalog.locales].sort(), ['en', 'es']);
    for (const channel of WORDING_CHANNELS) {
      const en = catalog.messages(channel, 'en');
      const es = catalog.messages(channel, 'es');
      assert.ok(Object.keys(en).length > 100, channel);
      assert.deepEqual(Object.keys(en).filter((k) => !(k in es)), [], channel);
    }
  });

  it('when a key is worded in both languages, then both use the same facts (a translation never drops or invents one)', () => {
    const catalog = loadWordingCatalog(path.join(ROOT, 'wording'));
    const differ: string[] = [];
    for (const channel of WORDING_CHANNELS) {
      const en = catalog.messages(channel, 'en');
      const es = catalog.messages(channel, 'es');
      for (const [k, t] of Object.entries(en)) {
        if (es[k] === undefined) continue;
        const a = messageArguments(t, 'en').sort().join(',');
        const b = messageArguments(es[k], 'es').sort().join(',');
        if (a !== b) differ.push(`${channel} ${k}: en {${a}} es {${b}}`);
      }
    }
    assert.deepEqual(differ, []);
  });

  it('when a message has one text or variants, then each channel gets its own, else its medium\'s', () => {
    write('en', { all: 'Same everywhere', medium: { speech: 'Said', text: 'Written' }, chatOnly: { chat: 'Typed', text: 'Shown' }, voiceOnly: { speech: 'Only said' } });
    const catalog = loadWordingCatalog(dir);
    assert.deepEqual(catalog.messages('voice', 'en'), { all: 'Same everywhere', medium: 'Said', voiceOnly: 'Only said' });
    assert.deepEqual(catalog.messages('chat', 'en'), { all: 'Same everywhere', medium: 'Written', chatOnly: 'Typed' });
    assert.deepEqual(catalog.messages('portal', 'en'), { all: 'Same everywhere', medium: 'Written', chatOnly: 'Shown' });
  });

  it('when Spanish lacks a text English has for a channel, then loading stops naming the file, the key and the channel', () => {
    write('en', { a: 'A', b: { speech: 'B', text: 'Bee' } });
    write('es', { a: 'A', b: { speech: 'Be' } });
    assert.throws(
      () => loadWordingCatalog(dir),
      (e: unknown) => e instanceof WordingError && e.problems.map((p) => `${path.basename(p.file)}: ${p.reason}`).join('\n') === ['es.yaml: "b": no chat wording (English has one)', 'es.yaml: "b": no portal wording (English has one)'].join('\n'),
    );
  });

  it('when a message is not valid ICU or a file names another locale, then loading stops saying so', () => {
    write('en', { a: 'You have {n, plural, one {# try}} left' });
    write('es', { a: 'A' });
    fs.writeFileSync(path.join(dir, 'es.yaml'), JSON.stringify({ locale: 'fr', messages: { a: 'A' } }));
    assert.throws(() => loadWordingCatalog(dir), (e: unknown) => e instanceof WordingError && e.problems.length === 2 && /"a": .*other/i.test(e.problems[0]!.reason) && /locale is "fr"/.test(e.problems[1]!.reason));
  });
});

describe('the ICU message engine', () => {
  it('when a fact is missing, null, false or empty, then its optional part is dropped and a bare argument says nothing', () => {
    const m = 'Balance {balance}.{due, select, none {} other { Due {due}.}}';
    assert.equal(renderMessage(m, { balance: '$5.00', due: '2026-12-03' }, text()), 'Balance $5.00. Due 2026-12-03.');
    for (const due of [undefined, null, false, '', []]) assert.equal(renderMessage(m, { balance: '$5.00', due }, text()), 'Balance $5.00.');
    assert.equal(renderMessage('Hi {name}, welcome', {}, text()), 'Hi , welcome');
  });

  it('when a select tests true or a word, then the branch follows the fact', () => {
    const m = '{overdue, select, true {Overdue} other {On time}} {channel, select, voice {by phone} other {online}}';
    assert.equal(renderMessage(m, { overdue: true, channel: 'voice' }, text()), 'Overdue by phone');
    assert.equal(renderMessage(m, { overdue: false, channel: 'chat' }, text()), 'On time online');
  });

  it('when a message says a date argument, then the medium\'s formatter says its calendar day', () => {
    const format = (v: unknown) => `<${String(v)}>`;
    assert.equal(renderMessage('on {d, date, day}', { d: '2026-10-30T23:30:00.000Z' }, { locale: 'en', medium: 'speech', format }), 'on <2026-10-30>');
  });

  it('when the medium is speech, then whitespace is one space; when text, line breaks stay', () => {
    assert.equal(renderMessage('a\n\nb  {x}', { x: 1 }, { ...text(), medium: 'speech' }), 'a b 1');
    assert.equal(renderMessage('a\n\nb  {x}', { x: 1 }, text()), 'a\n\nb 1');
  });

  it('when English and Spanish count, then the plural rules are each language\'s', () => {
    const en = '{n, plural, one {# try} other {# tries}} left';
    assert.deepEqual([0, 1, 2].map((n) => renderMessage(en, { n }, text())), ['0 tries left', '1 try left', '2 tries left']);
    assert.equal(renderMessage('{n, plural, one {queda # intento} other {quedan # intentos}}', { n: 1 }, text('es')), 'queda 1 intento');
  });
});
