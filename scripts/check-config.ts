/**
 * `npm run check:config`: validates the configuration, the catalog and the rules without
 * starting anything. Exit 0 when all are sound; exit 1 with file: place: reason otherwise.
 */
import { loadConfig } from '../src/config/config';
import { loadCatalogFile, problemsOf } from '../src/adapters/files/catalog-file';
import { FileValidationError } from '../src/adapters/files/file-error';
import { loadRuleDefinitions } from '../src/adapters/rules/rule-files';
import { checkRuleReferences } from '../src/adapters/rules/rule-references';
import { loadDispositionsFile } from '../src/adapters/files/dispositions-file';

function main(): number {
  const problems: string[] = [];
  let config;
  try {
    config = loadConfig();
  } catch (e) {
    process.stderr.write(`${e instanceof Error ? e.message : String(e)}\n`);
    return 1;
  }
  const catalog = attempt(problems, () => loadCatalogFile(config.catalogFile));
  const rules = attempt(problems, () => loadRuleDefinitions(config.rulesDir));
  const dispositions = attempt(problems, () => loadDispositionsFile(config.dispositionsFile));
  if (catalog && rules) for (const p of checkRuleReferences(rules, catalog)) problems.push(p.message);
  if (problems.length > 0) {
    process.stderr.write(`configuration check failed:\n  ${problems.join('\n  ')}\n`);
    return 1;
  }
  process.stdout.write(
    `configuration OK\n  catalog ${config.catalogFile}: ${catalog?.products.length} products, ${catalog?.bundles.length} bundles, ${catalog?.promotions.length} promotions\n` +
      `  rules ${config.rulesDir}: ${[...(rules?.values() ?? [])].map((d) => `${d.set} (${d.rules.length})`).join(', ')}\n` +
      `  dispositions ${config.dispositionsFile}: ${dispositions?.length}\n`,
  );
  return 0;
}

function attempt<T>(problems: string[], load: () => T): T | undefined {
  try {
    return load();
  } catch (e) {
    if (e instanceof FileValidationError) {
      const all = problemsOf(e);
      for (const p of all) problems.push(`${e.file}: ${p.place}: ${p.reason}`);
    } else problems.push(e instanceof Error ? e.message : String(e));
    return undefined;
  }
}

process.exitCode = main();
