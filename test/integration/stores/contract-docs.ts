/**
 * Test documents for the store contract. The contract is about storage, not business rules,
 * so every collection is handled through one loose document type.
 */
import assert from 'node:assert/strict';
import { COLLECTION_SPECS, type Collection, type CollectionName, type Stores } from '../../../src/domain/ports/store';
import { isDomainError, type ErrorCode } from '../../../src/domain/shared/errors';

export type TestDoc = { id: string; version: number } & Record<string, unknown>;
export type NewTestDoc = { id: string } & Record<string, unknown>;
export type TestCollection = Collection<TestDoc>;

export const COLLECTION_NAMES = Object.keys(COLLECTION_SPECS) as CollectionName[];

export const collectionOf = (stores: Stores, name: CollectionName): TestCollection =>
  stores[name] as unknown as TestCollection;

export function setPath(doc: Record<string, unknown>, path: string, value: unknown): void {
  const parts = path.split('.');
  let target = doc;
  for (const part of parts.slice(0, -1)) {
    target[part] ??= {};
    target = target[part] as Record<string, unknown>;
  }
  target[parts[parts.length - 1]!] = value;
}

/** A new document for `name` whose unique keys are all distinct per id. */
export function newDoc(name: CollectionName, id: string, extra: Record<string, unknown> = {}): NewTestDoc {
  const doc: Record<string, unknown> = { id, label: `doc ${id}`, nested: { list: [1, 2], deep: { flag: true } } };
  for (const { fields } of COLLECTION_SPECS[name].unique) {
    for (const field of fields) setPath(doc, field, `${field}-${id}`);
  }
  return { ...doc, ...extra, id };
}

/** Asserts that `work` rejects with a DomainError of `code`; returns its details. */
export async function rejectsWith(work: Promise<unknown>, code: ErrorCode): Promise<Record<string, unknown>> {
  try {
    await work;
  } catch (e) {
    assert.ok(isDomainError(e), `expected DomainError ${code}, got ${String(e)}`);
    assert.equal(e.code, code);
    return e.details;
  }
  assert.fail(`expected DomainError ${code}, but it resolved`);
}

export const ids = (docs: readonly { id: string }[]): string[] => docs.map((d) => d.id);
export const sortedIds = (docs: readonly { id: string }[]): string[] => ids(docs).sort();
