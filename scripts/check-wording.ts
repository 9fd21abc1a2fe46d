/**
 * npm run check:wording: what a customer would hear or read wrong, without starting the server.
 * Lists (1) wording keys one language has and another lacks in the wording catalog (wording/,
 * per channel: IVR, chat, portal),
 * (2) catalog text without a translation for a language of settings.locales, and (3) IVR prompts
 * over 25 words before their first choice. Exits 1 when (1) or (2) finds anything; (3) is a
 * list to read (a prompt's facts make it longer or shorter; the voice prompt sweep test judges
 * the words actually said).
 */
import path from 'node:path';
import { checkFlows } from '../src/channels/voice/flows/load-flows';
import fs from 'node:fs';
import { parse as parseYaml } from 'yaml';
import { resolveMessage, wordingFileSchema, WORDING_CHANNELS, type WordingFile } from '../src/shared/wording/catalog';
import { loadCatalogFile } from '../src/adapters/files/catalog-file';
import { loadCatalogTexts, loadDiagnosisTexts, loadRuleTexts } from '../src/adapters/files/catalog-text-file';
import { missingCatalogText } from '../src/domain/catalog/catalog-text';

const flowsDir = path.resolve(process.env.IVR_FLOWS_DIR ?? './ivr-flows');
const wordingDir = path.resolve(process.env.WORDING_DIR ?? './wording');
const catalogFile = path.resolve(process.env.CATALOG_FILE ?? './catalog/catalog.json');
const rulesDir = path.resolve(process.env.RULES_DIR ?? './rules');
const MAX_WORDS = 25;

const missing: string[] = [];
const untranslated: string[] = [];
const long: string[] = [];

// The catalog files are read here without the loader's checks, so every gap is listed, not just the first.
const files: Record<string, WordingFile | undefined> = {};
for (const f of fs.readdirSync(wordingDir).filter((n) => /^[a-z]{2}\.yaml$/.test(n))) {
  const parsed = wordingFileSchema.safeParse(parseYaml(fs.readFileSync(path.join(wordingDir, f), 'utf8')));
  if (!parsed.success) {
    console.error(`${path.join(wordingDir, f)} is not a valid wording file: ${parsed.error.issues[0]?.message}`);
    process.exit(1);
  }
  files[f.slice(0, 2)] = parsed.data;
}
const wordedFor = (entry: WordingFile['messages'][string] | undefined, channel: (typeof WORDING_CHANNELS)[number]): boolean => entry !== undefined && resolveMessage(entry, channel) !== undefined;
const { flows, problems } = checkFlows(flowsDir, wordingDir);
const locales = flows?.settings.locales ?? (['en', 'es'] as const);
for (const channel of WORDING_CHANNELS) {
  const all = new Set(locales.flatMap((l) => Object.keys(files[l]?.messages ?? {}).filter((k) => wordedFor(files[l]!.messages[k], channel))));
  // `options.<id>` words an option's label for the ear in one language; without it the label is said.
  for (const locale of locales) for (const k of all) if (!wordedFor(files[locale]?.messages[k], channel) && !k.startsWith('options.')) missing.push(`wording/${locale}.yaml ${channel}: ${k}`);
}
if (!flows && missing.length === 0) {
  console.error(`IVR flows in ${flowsDir} are not valid (npm run check:flows says why): ${problems.length} problems`);
  process.exit(1);
}

const catalog = loadCatalogFile(catalogFile);
untranslated.push(...missingCatalogText(catalog, loadDiagnosisTexts(rulesDir), loadCatalogTexts(catalogFile, locales), locales, loadRuleTexts(rulesDir)));

const CHOICE = /\b(press|oprima|to (continue|accept)|para (continuar|aceptar))\b/i;
for (const locale of locales) {
  for (const [key, raw] of Object.entries(files[locale]?.messages ?? {})) {
    if (!wordedFor(raw, 'voice')) continue;
    // Every optional part counted as said: the longest the prompt can be (ICU syntax removed).
    const text = resolveMessage(raw, 'voice')!.replace(/\{\w+, (select|plural|selectordinal),/g, '').replace(/\b(none|other|one|true|false)\s*\{/g, '').replace(/[{}]/g, ' ');
    const at = text.search(CHOICE);
    const words = (at >= 0 ? text.slice(0, at) : text).split(/\s+/).filter(Boolean).length;
    if (at >= 0 && words > MAX_WORDS) long.push(`${locale} ${key}: ${words} words before the first choice`);
  }
}

const section = (title: string, lines: string[]) => {
  console.log(`${title}: ${lines.length === 0 ? 'none' : lines.length}`);
  for (const l of lines) console.log(`  ${l}`);
};
section('Missing wording keys', missing);
section('Catalog text without a translation', untranslated);
section(`IVR prompts over ${MAX_WORDS} words before their first choice`, long);
process.exit(missing.length + untranslated.length > 0 ? 1 : 0);
