/**
 * The catalog kept current without a restart: reading CATALOG_FILE again as start-up reads it
 * (shape, integrity, the rules' references to products, a translation of every customer-facing
 * text), and the file watch that asks the live catalog to reload on an edit.
 */
import { loadCatalogVersion, problemsOf } from './adapters/files/catalog-file';
import { loadCatalogTexts } from './adapters/files/catalog-text-file';
import { FileValidationError } from './adapters/files/file-error';
import { watchFile } from './adapters/files/watch-file';
import { checkRuleReferences } from './adapters/rules/rule-references';
import type { RuleSetDefinition } from './adapters/rules/rule-files';
import type { RuleSetName } from './domain/ports/rules';
import type { CatalogRead, CatalogVersion, LiveCatalog } from './domain/catalog/live-catalog';
import { missingCatalogText, type CatalogTextFile, type DiagnosisTexts, type RuleTexts } from './domain/catalog/catalog-text';
import type { Logger } from './shared/logger';

export interface CatalogReaderOptions {
  file: string;
  /** Languages whose text files are read, and those every text must be translated into. */
  textLocales: readonly string[];
  requiredLocales: readonly string[];
  rules: () => ReadonlyMap<RuleSetName, RuleSetDefinition>;
  diagnosis: DiagnosisTexts;
  ruleTexts: RuleTexts;
  /** The text record the catalog is shown with (createCatalogText reads it on every use): replaced in place when a reload passes. */
  texts: Record<string, CatalogTextFile | undefined>;
}

/** Reads the catalog and its text files; a new offering comes with its words, or is refused. */
export function catalogFileReader(o: CatalogReaderOptions): () => CatalogRead {
  return () => {
    let next: CatalogVersion;
    let texts: Record<string, CatalogTextFile | undefined>;
    try {
      next = loadCatalogVersion(o.file);
      texts = loadCatalogTexts(o.file, o.textLocales);
    } catch (e) {
      if (e instanceof FileValidationError) return { ok: false, problems: problemsOf(e) };
      return { ok: false, problems: [{ place: 'catalog text', reason: (e as Error).message }] };
    }
    const refs = checkRuleReferences(o.rules(), next.catalog);
    if (refs.length > 0) return { ok: false, problems: refs.flatMap((r) => problemsOf(r).map((p) => ({ place: `rules: ${p.place}`, reason: p.reason }))) };
    const missing = missingCatalogText(next.catalog, o.diagnosis, texts, o.requiredLocales, o.ruleTexts);
    if (missing.length > 0) return { ok: false, problems: missing.map((m) => ({ place: 'catalog text', reason: `no translation: ${m}` })) };
    for (const locale of Object.keys(o.texts)) delete o.texts[locale];
    Object.assign(o.texts, texts);
    return { ok: true, ...next };
  };
}

/** Reloads the live catalog on every settled edit of the file; returns the stop function. */
export function watchCatalog(file: string, live: Pick<LiveCatalog, 'reload'>, logger: Pick<Logger, 'info' | 'error'>): () => void {
  return watchFile(
    file,
    () => {
      live.reload().then(
        (r) => logger.info({ revision: r.revision, offerings: r.offerings.length }, r.reloaded ? 'catalog reloaded' : 'catalog file unchanged'),
        (err: unknown) => logger.error({ err }, 'catalog edit rejected; the previous catalog stays in use'),
      );
    },
    (err) => logger.error({ err }, 'catalog file watch failed'),
  );
}
