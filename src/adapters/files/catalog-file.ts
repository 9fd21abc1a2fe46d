import { readFileSync, statSync } from 'node:fs';
import { createHash } from 'node:crypto';
import type { z } from 'zod';
import { catalogSchema, type Catalog } from '../../domain/catalog/catalog-schema';
import { checkCatalogIntegrity } from '../../domain/catalog/catalog-integrity';
import { FileValidationError, jsonPath, parseJsonFile } from './file-error';
import type { CatalogVersion } from '../../domain/catalog/live-catalog';

/**
 * Reads, parses and validates the catalog: shape (zod), then integrity (cross-references).
 * Any problem throws FileValidationError naming the file, the place and the reason; the first
 * problem is thrown, and `problems` on the error lists every one.
 */
export function loadCatalogFile(path: string): Catalog {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (e) {
    throw new FileValidationError(path, '(file)', `cannot read: ${(e as NodeJS.ErrnoException).code ?? String(e)}`);
  }
  return parseCatalog(path, text);
}

/**
 * The catalog with its revision: a hash of the file's modification time and content, so every
 * process reading the same file agrees on it, and every edit (even back to an earlier text) has
 * a new one. Throws like loadCatalogFile.
 */
export function loadCatalogVersion(path: string): CatalogVersion {
  let text: string;
  let mtime: bigint;
  try {
    mtime = statSync(path, { bigint: true }).mtimeNs;
    text = readFileSync(path, 'utf8');
  } catch (e) {
    throw new FileValidationError(path, '(file)', `cannot read: ${(e as NodeJS.ErrnoException).code ?? String(e)}`);
  }
  const catalog = parseCatalog(path, text);
  return { catalog, revision: createHash('sha256').update(`${mtime}:${text}`).digest('hex').slice(0, 16) };
}

/** Validates catalog JSON text; `file` is only used in messages. */
export function parseCatalog(file: string, text: string): Catalog {
  const raw = parseJsonFile(file, text);
  const parsed = catalogSchema.safeParse(raw);
  if (!parsed.success) throw fromZod(file, parsed.error);
  const problems = checkCatalogIntegrity(parsed.data);
  if (problems.length > 0) throw withAll(new FileValidationError(file, problems[0].path, problems[0].reason), problems.map((p) => ({ place: p.path, reason: p.reason })));
  return parsed.data;
}

export function fromZod(file: string, error: z.ZodError): FileValidationError {
  const all = error.issues.map((issue) => ({ place: jsonPath(issue.path), reason: describeIssue(issue) }));
  return withAll(new FileValidationError(file, all[0].place, all[0].reason), all);
}

function describeIssue(issue: z.core.$ZodIssue): string {
  if (issue.code === 'unrecognized_keys') return `unknown field${issue.keys.length > 1 ? 's' : ''} ${issue.keys.map((k) => `"${k}"`).join(', ')}`;
  return issue.message;
}

function withAll(err: FileValidationError, problems: { place: string; reason: string }[]): FileValidationError {
  Object.defineProperty(err, 'problems', { value: problems, enumerable: false });
  return err;
}

/** Every problem found in the file (the error's own place/reason is the first). */
export function problemsOf(err: FileValidationError): { place: string; reason: string }[] {
  const all = (err as FileValidationError & { problems?: { place: string; reason: string }[] }).problems;
  return all ?? [{ place: err.place, reason: err.reason }];
}
