/**
 * npm run check:wording: what a customer would hear or read wrong, without starting the server.
 * Lists (1) wording keys one language has and another lacks (IVR prompts, chat wording),
 * (2) catalog text without a translation for a language of settings.locales, and (3) IVR prompts
 * over 25 words before their first choice. Exits 1 when (1) or (2) finds anything; (3) is a
 * list to read (a prompt's facts make it longer or shorter; the voice prompt sweep test judges
 * the words actually said).
 */
import path from 'node:path';
import { checkFlows } from '../src/channels/voice/flows/load-flows';
import { loadChatDialogs } from '../src/channels/chat/dialogs-data/load-chat-dialogs';
import { loadCatalogFile } from '../src/adapters/files/catalog-file';
import { loadCatalogTexts, loadDiagnosisTexts, loadRuleTexts } from '../src/adapters/files/catalog-text-file';
import { missingCatalogText } from '../src/domain/catalog/catalog-text';
import { stripIcu } from '../src/shared/format/icu-plurals';

const flowsDir = path.resolve(process.env.IVR_FLOWS_DIR ?? './ivr-flows');
const dialogsDir = path.resolve(process.env.CHAT_DIALOGS_DIR ?? './chat-dialogs');
const catalogFile = path.resolve(process.env.CATALOG_FILE ?? './catalog/catalog.json');
const rulesDir = path.resolve(process.env.RULES_DIR ?? './rules');
const MAX_WORDS = 25;

const missing: string[] = [];
const untranslated: string[] = [];
const long: string[] = [];

const { flows, problems } = checkFlows(flowsDir);
if (!flows) {
  console.error(`IVR flows in ${flowsDir} are not valid (npm run check:flows says why): ${problems.length} problems`);
  process.exit(1);
}
const locales = flows.settings.locales;
const compare = (what: string, byLocale: Record<string, Record<string, string> | undefined>) => {
  const all = new Set(Object.values(byLocale).flatMap((r) => Object.keys(r ?? {})));
  // `options.<id>` words an option's label for the ear in one language; without it the label is said.
  for (const locale of locales) for (const k of all) if ((!byLocale[locale] || !(k in byLocale[locale]!)) && !k.startsWith('options.')) missing.push(`${what} ${locale}: ${k}`);
};
compare('ivr-flows/prompts', Object.fromEntries(locales.map((l) => [l, flows.locales[l]?.prompts])));
const dialogs = loadChatDialogs(dialogsDir);
for (const section of ['messages', 'prompts', 'facts'] as const) compare(`chat-dialogs/wording ${section}`, Object.fromEntries(locales.map((l) => [l, dialogs.wording[l as 'en' | 'es']?.[section]])));

const catalog = loadCatalogFile(catalogFile);
untranslated.push(...missingCatalogText(catalog, loadDiagnosisTexts(rulesDir), loadCatalogTexts(catalogFile, locales), locales, loadRuleTexts(rulesDir)));

const CHOICE = /\b(press|oprima|to (continue|accept)|para (continuar|aceptar))\b/i;
for (const locale of locales) {
  for (const [key, raw] of Object.entries(flows.locales[locale]?.prompts ?? {})) {
    const text = stripIcu(raw).template.replace(/[[\]]/g, '').replace(/\{\?[\w.-]+\}/g, '');
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
