import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import YAML from 'yaml';

const ROOT = path.resolve(__dirname, '../../..');

function checkWording(env: Record<string, string>) {
  const run = spawnSync(process.execPath, ['--import', 'tsx', 'scripts/check-wording.ts'], { cwd: ROOT, env: { PATH: process.env.PATH ?? '', NODE_ENV: 'test', ...env }, encoding: 'utf8' });
  return { code: run.status, out: run.stdout, err: run.stderr };
}

describe('npm run check:wording', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'telecare-wording-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('when the shipped wording and catalog text are complete, then it lists nothing and exits 0', () => {
    const r = checkWording({});
    assert.equal(r.code, 0, r.out + r.err);
    assert.match(r.out, /Missing wording keys: none\nCatalog text without a translation: none\nIVR prompts over 25 words before their first choice: none/);
  });

  it('when a Spanish prompt and a Spanish symptom are missing and an English prompt runs long, then each is listed and it exits 1', () => {
    cpSync(path.join(ROOT, 'wording'), path.join(dir, 'wording'), { recursive: true });
    cpSync(path.join(ROOT, 'catalog'), path.join(dir, 'catalog'), { recursive: true });
    const edit = (locale: string, change: (messages: Record<string, unknown>) => void) => {
      const file = path.join(dir, 'wording', `${locale}.yaml`);
      const doc = YAML.parse(readFileSync(file, 'utf8')) as { messages: Record<string, unknown> };
      change(doc.messages);
      writeFileSync(file, YAML.stringify(doc));
    };
    edit('es', (m) => delete m['confirm.details']);
    edit('en', (m) => (m['menu.anything-else'] = { speech: `${'Very long words here. '.repeat(8)}Press 1 for yes, or 2 for no.` }));
    const text = path.join(dir, 'catalog/catalog-text.es.yaml');
    writeFileSync(text, readFileSync(text, 'utf8').replace(/^ {2}no-dial-tone: .*\n/m, ''));
    const r = checkWording({ WORDING_DIR: path.join(dir, 'wording'), CATALOG_FILE: path.join(dir, 'catalog/catalog.json') });
    assert.equal(r.code, 1, r.out + r.err);
    assert.match(r.out, /Missing wording keys: 1\n {2}wording\/es\.yaml voice: confirm\.details\n/);
    assert.match(r.out, /Catalog text without a translation: 1\n {2}es: symptoms\.no-dial-tone \("No dial tone"\)\n/);
    assert.match(r.out, /IVR prompts over 25 words before their first choice: 1\n {2}en menu\.anything-else: 32 words before the first choice/);
  });
});
