/**
 * Catalog content in the customer's language, as data: catalog.json holds the English, and
 * catalog-text.<locale>.yaml the other languages, keyed by the catalog's ids (brand and product
 * names stay). `missing` lists what a language lacks (start-up fails on it); `localizeStep`
 * puts a step's catalog text (symptoms, reasons, questions, descriptions, diagnoses) in the
 * customer's language for every channel alike.
 */
import type { Step } from '../procedures/procedure';
import type { Catalog } from './catalog-schema';

export interface CatalogTextFile {
  locale: string;
  products: Record<string, string>;
  symptoms: Record<string, string>;
  adjustmentReasons: Record<string, string>;
  discontinuationReasons: Record<string, string>;
  marketingQuestions: Record<string, { text: string; options: Record<string, string> }>;
  /** Repair diagnosis explanations by rule name. */
  diagnosis: Record<string, string>;
  /** Charge names, features and configuration options, by their English text (they have no ids). */
  charges: Record<string, string>;
  /** Retention offers (rules/retention-offers.json) by offer id. */
  offers: Record<string, string>;
  /** Next-best-offer pitches (rules/next-best-offer.json) by rule name. */
  pitches: Record<string, string>;
  /** Labels the domain composes ("Upgrade to {x}", "{x}: {y}") and their translation; the parts are translated in turn. */
  phrases: Record<string, string>;
}

/** Diagnosis rules' English explanations by rule name (from the rules data). */
export type DiagnosisTexts = Record<string, string>;
/** Other customer-facing rule texts by place ("offers.<offerId>", "pitches.<rule>") -> English. */
export type RuleTexts = Record<string, string>;

/** Every customer-facing catalog text with its place, in English. */
export function customerFacingTexts(catalog: Catalog, diagnosis: DiagnosisTexts, rules: RuleTexts = {}): { place: string; en: string }[] {
  const out: { place: string; en: string }[] = [];
  for (const p of catalog.products) if (p.description) out.push({ place: `products.${p.id}`, en: p.description });
  for (const s of catalog.repair.symptoms) out.push({ place: `symptoms.${s.code}`, en: s.label });
  for (const r of catalog.adjustments.reasons) out.push({ place: `adjustmentReasons.${r.code}`, en: r.label });
  for (const r of catalog.discontinuation.reasons) out.push({ place: `discontinuationReasons.${r.code}`, en: r.label });
  for (const q of catalog.discontinuation.marketingQuestions) {
    out.push({ place: `marketingQuestions.${q.id}.text`, en: q.text });
    for (const o of q.options) out.push({ place: `marketingQuestions.${q.id}.options.${o.id}`, en: o.label });
  }
  for (const [name, en] of Object.entries(diagnosis)) out.push({ place: `diagnosis.${name}`, en });
  const charges = new Set<string>();
  for (const p of catalog.products) {
    for (const c of p.pricing) charges.add(c.label);
    for (const f of p.features) charges.add(f.label);
    for (const o of p.config) [o.label, ...o.values.map((v) => v.label)].forEach((l) => charges.add(l));
  }
  for (const en of charges) out.push({ place: `charges.${en}`, en });
  for (const [place, en] of Object.entries(rules)) out.push({ place, en });
  return out;
}

function lookup(file: CatalogTextFile, place: string): string | undefined {
  if (place.startsWith('charges.')) return file.charges[place.slice('charges.'.length)];
  const [section, id, ...rest] = place.split('.');
  if (section === 'marketingQuestions') {
    const q = file.marketingQuestions[id];
    return rest[0] === 'text' ? q?.text : q?.options[rest[1]];
  }
  return (file[section as Exclude<keyof CatalogTextFile, 'locale' | 'marketingQuestions'>] as Record<string, string> | undefined)?.[id];
}

/** "<locale>: <place> (<English text>)" for each text a language listed in settings lacks. */
export function missingCatalogText(catalog: Catalog, diagnosis: DiagnosisTexts, files: Record<string, CatalogTextFile | undefined>, locales: readonly string[], rules: RuleTexts = {}): string[] {
  const problems: string[] = [];
  for (const locale of locales) {
    if (locale === 'en') continue;
    const file = files[locale];
    if (!file) {
      problems.push(`${locale}: no catalog-text.${locale}.yaml`);
      continue;
    }
    for (const t of customerFacingTexts(catalog, diagnosis, rules)) if (!lookup(file, t.place)?.trim()) problems.push(`${locale}: ${t.place} ("${t.en.slice(0, 60)}")`);
  }
  return problems;
}

export interface CatalogText {
  /** The step with its catalog text in the locale (English, or a language without a file, unchanged). */
  localizeStep<S extends Step>(step: S, locale: string): S;
  /** One text from the catalog or the rules (an offer's pitch) in the locale, else as given. */
  localizeText(text: string, locale: string): string;
}

export function createCatalogText(catalog: () => Catalog, diagnosis: DiagnosisTexts, files: Record<string, CatalogTextFile | undefined>, rules: RuleTexts = {}): CatalogText {
  // Any English catalog text met as a label or a fact (a reason chosen, a charge, a diagnosis) -> its place.
  let places: Map<string, string> | undefined;
  let placesOf: Catalog | undefined;
  const placeOf = (en: string): string | undefined => {
    if (!places || placesOf !== catalog()) {
      placesOf = catalog();
      places = new Map(customerFacingTexts(placesOf, diagnosis, rules).map((t) => [t.en, t.place]));
    }
    return places.get(en);
  };
  const patterns = new Map<CatalogTextFile, { re: RegExp; names: string[]; to: string }[]>();
  const patternsOf = (file: CatalogTextFile) => {
    let list = patterns.get(file);
    if (!list) {
      list = Object.entries(file.phrases).map(([from, to]) => {
        const names: string[] = [];
        const source = from.split(/(\{[a-z]\})/).map((part) => (/^\{[a-z]\}$/.test(part) ? (names.push(part.slice(1, -1)), '(.+?)') : part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))).join('');
        return { re: new RegExp(`^${source}$`), names, to };
      });
      patterns.set(file, list);
    }
    return list;
  };
  const translate = (file: CatalogTextFile, en: string, depth = 0): string | undefined => {
    const place = placeOf(en);
    const exact = place ? lookup(file, place) : undefined;
    if (exact || depth > 3) return exact;
    for (const p of patternsOf(file)) {
      const m = p.re.exec(en);
      if (!m) continue;
      return p.names.reduce((out, name, i) => out.replace(`{${name}}`, translate(file, m[i + 1], depth + 1) ?? m[i + 1]), p.to);
    }
    return undefined;
  };
  return {
    localizeText(text, locale) {
      const file = files[locale];
      return locale === 'en' || !file ? text : (translate(file, text) ?? text);
    },
    localizeStep(step, locale) {
      const file = files[locale];
      if (locale === 'en' || !file) return step;
      const facts = { ...step.facts };
      for (const [k, v] of Object.entries(facts)) {
        if (typeof v === 'string') facts[k] = translate(file, v) ?? v;
        // Quote notes: sentences the domain composed from catalog text.
        else if (Array.isArray(v)) facts[k] = v.map((x) => translate(file, x) ?? x);
      }
      if (step.kind !== 'choose') return { ...step, facts };
      const section = optionSection(step.procedure, step.field);
      const products = new Set(catalog().products.map((p) => p.id));
      const options = step.options.map((o) => {
        const label = (section ? lookup(file, `${section}.${o.id}`) : undefined) ?? translate(file, o.label);
        const detail = products.has(o.id) && o.detail ? file.products[o.id] : o.detail ? translate(file, o.detail) : undefined;
        return { ...o, ...(label ? { label } : {}), ...(detail ? { detail } : {}) };
      });
      const question = step.field.startsWith('marketing.') ? file.marketingQuestions[step.field.slice('marketing.'.length)]?.text : undefined;
      return { ...step, options, facts: question ? { ...facts, question } : facts };
    },
  };
}

/** Where a choice's option labels live in the text file, by the step that offers them. */
function optionSection(procedure: Step['procedure'], field: string): string | undefined {
  if (procedure === 'repair' && field === 'symptom') return 'symptoms';
  if (procedure === 'bill-adjustment' && field === 'reason') return 'adjustmentReasons';
  if (procedure === 'discontinue-service' && field === 'reason') return 'discontinuationReasons';
  if (procedure === 'discontinue-service' && field.startsWith('marketing.')) return `marketingQuestions.${field.slice('marketing.'.length)}.options`;
  return undefined;
}
