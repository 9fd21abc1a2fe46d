/**
 * Loads catalog-text.<locale>.yaml (next to the catalog file) and the repair diagnosis rules'
 * explanations, for CatalogText and its start-up check. A bad file names file, place and reason.
 */
import fs from 'node:fs';
import path from 'node:path';
import YAML from 'yaml';
import { z } from 'zod';
import type { CatalogTextFile, DiagnosisTexts, RuleTexts } from '../../domain/catalog/catalog-text';

const texts = z.record(z.string().min(1), z.string().min(1));
const CatalogTextSchema = z.strictObject({
  locale: z.string().regex(/^[a-z]{2}$/),
  products: texts.default({}),
  symptoms: texts.default({}),
  adjustmentReasons: texts.default({}),
  discontinuationReasons: texts.default({}),
  marketingQuestions: z.record(z.string().min(1), z.strictObject({ text: z.string().min(1), options: texts })).default({}),
  diagnosis: texts.default({}),
  charges: texts.default({}),
  offers: texts.default({}),
  pitches: texts.default({}),
  phrases: texts.default({}),
});

export class CatalogTextError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'CatalogTextError';
  }
}

export function loadCatalogTexts(catalogFile: string, locales: readonly string[]): Record<string, CatalogTextFile | undefined> {
  const dir = path.dirname(catalogFile);
  const out: Record<string, CatalogTextFile | undefined> = {};
  for (const locale of locales) {
    if (locale === 'en') continue;
    const file = path.join(dir, `catalog-text.${locale}.yaml`);
    if (!fs.existsSync(file)) continue;
    const shown = `${path.basename(dir)}/catalog-text.${locale}.yaml`;
    let raw: unknown;
    try {
      raw = YAML.parse(fs.readFileSync(file, 'utf8'));
    } catch (err) {
      throw new CatalogTextError(`${shown}: not valid YAML: ${(err as Error).message.split('\n')[0]}`);
    }
    const parsed = CatalogTextSchema.safeParse(raw);
    if (!parsed.success) throw new CatalogTextError(parsed.error.issues.slice(0, 5).map((i) => `${shown}: ${i.path.join('.') || '(top)'}: ${i.message}`).join('\n'));
    if (parsed.data.locale !== locale) throw new CatalogTextError(`${shown}: locale: says ${parsed.data.locale}`);
    out[locale] = parsed.data;
  }
  return out;
}

/** The repair diagnosis rules' explanations (customers hear them), by rule name. */
export function loadDiagnosisTexts(rulesDir: string): DiagnosisTexts {
  const file = path.join(rulesDir, 'repair-diagnosis.json');
  if (!fs.existsSync(file)) return {};
  const data = JSON.parse(fs.readFileSync(file, 'utf8')) as { rules?: { name?: string; event?: { params?: { explanation?: unknown } } }[] };
  const out: DiagnosisTexts = {};
  for (const r of data.rules ?? []) if (r.name && typeof r.event?.params?.explanation === 'string') out[r.name] = r.event.params.explanation;
  return out;
}

/** Retention offer labels and next-best-offer pitches (customers hear them), by place. */
export function loadRuleTexts(rulesDir: string): RuleTexts {
  const out: RuleTexts = {};
  const read = (name: string) => {
    const file = path.join(rulesDir, name);
    return fs.existsSync(file) ? (JSON.parse(fs.readFileSync(file, 'utf8')) as { rules?: { name?: string; event?: { params?: Record<string, unknown> } }[] }) : { rules: [] };
  };
  for (const r of read('retention-offers.json').rules ?? []) {
    const p = r.event?.params ?? {};
    if (typeof p.offerId === 'string' && typeof p.label === 'string') out[`offers.${p.offerId}`] = p.label;
  }
  for (const r of read('next-best-offer.json').rules ?? []) {
    const p = r.event?.params ?? {};
    if (r.name && typeof p.pitch === 'string') out[`pitches.${r.name}`] = p.pitch;
  }
  return out;
}
