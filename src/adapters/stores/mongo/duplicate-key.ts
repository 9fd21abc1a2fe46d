/**
 * Which unique key a MongoDB E11000 error is about. Servers give `keyPattern` (and `keyValue`), but
 * some servers, proxies and drivers' wrapped errors only keep the message:
 * `E11000 duplicate key error collection: db.customers index: customerId_1_period_1 dup key: { ... }`.
 * The index name then tells the fields, as MongoDB names indexes by default (`<field>_<direction>`
 * joined by `_`; `_id_` for the id).
 */

/** Port field names (`id` for `_id`) of the duplicated key; null when `e` is no duplicate key error; ['unknown'] when it can't be told. */
export function duplicateKeyFields(e: unknown): string[] | null {
  if (typeof e !== 'object' || e === null) return null;
  const err = e as { code?: unknown; codeName?: unknown; keyPattern?: unknown; keyValue?: unknown; errmsg?: unknown; message?: unknown; errorResponse?: { errmsg?: unknown } };
  const message = [err.errmsg, err.errorResponse?.errmsg, err.message].find((m): m is string => typeof m === 'string' && m.includes('E11000'));
  if (err.code !== 11000 && err.code !== 11001 && err.codeName !== 'DuplicateKey' && !message) return null;
  const fields = keysOf(err.keyPattern) ?? keysOf(err.keyValue) ?? (message ? fieldsOfIndexName(indexNameIn(message)) : null);
  return (fields ?? ['unknown']).map((f) => (f === '_id' ? 'id' : f));
}

function keysOf(value: unknown): string[] | null {
  if (typeof value !== 'object' || value === null) return null;
  const keys = Object.keys(value);
  return keys.length > 0 ? keys : null;
}

const INDEX_IN_MESSAGE = /\bindex:\s+(\S+?)\s+dup key/;

/** The index name; old servers write it as `<db>.<collection>.$<name>`. */
function indexNameIn(message: string): string | null {
  const name = INDEX_IN_MESSAGE.exec(message)?.[1];
  if (!name) return null;
  const dollar = name.lastIndexOf('.$');
  return dollar >= 0 ? name.slice(dollar + 2) : name;
}

/** `customerId_1_period_1` → [customerId, period]; `_id_` → [_id]; a name not built the default way → null. */
export function fieldsOfIndexName(name: string | null): string[] | null {
  if (!name) return null;
  if (name === '_id_') return ['_id'];
  const fields: string[] = [];
  const part = /(.+?)_(-1|1|text|2d|2dsphere|hashed)(?:_|$)/y;
  let at = 0;
  while (at < name.length) {
    part.lastIndex = at;
    const m = part.exec(name);
    if (!m) return null;
    fields.push(m[1]);
    at = part.lastIndex;
  }
  return fields.length > 0 ? fields : null;
}
