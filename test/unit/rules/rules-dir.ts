import { copyFileSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

export const ROOT = path.resolve(__dirname, '../../..');
export const RULES_DIR = path.join(ROOT, 'rules');
export const RULE_FIXTURES = path.join(ROOT, 'test/fixtures/rules');

/** A throw-away copy of the operator's rules directory. */
export function copyRules(): { dir: string; put(name: string, text: string): void; fixture(name: string): string; remove(): void } {
  const dir = mkdtempSync(path.join(tmpdir(), 'rules-'));
  for (const name of readdirSync(RULES_DIR)) copyFileSync(path.join(RULES_DIR, name), path.join(dir, name));
  return {
    dir,
    put: (name, text) => writeFileSync(path.join(dir, name), text),
    fixture: (name) => readFileSync(path.join(RULE_FIXTURES, name), 'utf8'),
    remove: () => rmSync(dir, { recursive: true, force: true }),
  };
}
