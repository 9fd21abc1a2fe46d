/**
 * Translates the port's filter subset into an nedb query with MongoDB's meaning, where the two
 * differ: `field: null` also matches a missing field, and `$ne` excludes arrays that contain
 * the value (nedb would compare the whole array).
 */
import type { FieldCondition, Filter, FindOptions } from '../../../domain/ports/store';
import { toDbField } from '../shared/documents';

export type NedbQuery = Record<string, unknown>;

const OPERATORS = new Set(['$in', '$ne', '$lt', '$lte', '$gt', '$gte', '$exists']);

function equality(field: string, value: string | number | boolean | null): NedbQuery {
  if (value === null) return { $or: [{ [field]: null }, { [field]: { $exists: false } }] };
  return { [field]: value };
}

function condition(field: string, cond: FieldCondition): NedbQuery {
  if (cond === null || typeof cond !== 'object') return equality(field, cond);
  const entries = Object.entries(cond);
  const [op, value] = entries.length === 1 ? entries[0]! : ['', undefined];
  if (!OPERATORS.has(op)) throw new Error(`unsupported filter condition on ${field}: ${JSON.stringify(cond)}`);
  if (op === '$ne') return { $not: equality(field, value as string | number | boolean | null) };
  if (op === '$in') return { [field]: { $in: [...(value as readonly (string | number)[])] } };
  return { [field]: { [op]: value } };
}

export function toNedbQuery(filter: Filter): NedbQuery {
  const parts = Object.entries(filter).map(([field, cond]) => condition(toDbField(field), cond));
  if (parts.length === 0) return {};
  if (parts.length === 1) return parts[0]!;
  return { $and: parts };
}

export function toNedbSort(sort: FindOptions['sort']): Record<string, 1 | -1> | undefined {
  if (!sort) return undefined;
  return Object.fromEntries(Object.entries(sort).map(([field, dir]) => [toDbField(field), dir]));
}
