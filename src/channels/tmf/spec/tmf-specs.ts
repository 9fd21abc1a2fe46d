/**
 * The TM Forum v5 specifications the server speaks (copies under tmf/ at the project root),
 * compiled once with ajv. OpenAPI 3.0 schemas are not quite JSON Schema: `discriminator` with a
 * `oneOf` picks one branch by `@type` (JSON Schema would demand exactly one match, and the TMF
 * "RefOrValue" pairs overlap), and `nullable`, `example` are annotations. Each schema is
 * rewritten accordingly before ajv sees it; nothing else of the published text is changed.
 */
import { accessSync, constants, readFileSync } from 'node:fs';
import path from 'node:path';
import Ajv, { type ValidateFunction, type ErrorObject } from 'ajv';
import addFormats from 'ajv-formats';
import { parse } from 'yaml';

export const TMF_SPEC_FILES = {
  TMF620: 'TMF620-Product_Catalog_Management-v5.0.0.oas.yaml',
  TMF621: 'TMF621-Trouble_Ticket-v5.0.1.oas.yaml',
  TMF622: 'TMF622-ProductOrdering-v5.0.0.oas.yaml',
  TMF629: 'TMF629-Customer_Management-v5.0.1.oas.yaml',
  TMF637: 'TMF637-ProductInventory-v5.0.0.oas.yaml',
  TMF678: 'TMF678-CustomerBill-v5.0.0.oas.yaml',
} as const;
export type TmfApi = keyof typeof TMF_SPEC_FILES;

/** Where the copies live: tmf/ at the project root (two levels above src/channels/tmf/spec, or dist/src/...). */
export const DEFAULT_SPEC_DIR = path.resolve(__dirname, __dirname.includes(`${path.sep}dist${path.sep}`) ? '../../../../../tmf' : '../../../../tmf');

type Json = null | boolean | number | string | Json[] | { [k: string]: Json };

/** OpenAPI 3.0 → JSON Schema, in a copy. */
function rewrite(node: Json): Json {
  if (Array.isArray(node)) return node.map(rewrite);
  if (!node || typeof node !== 'object') return node;
  const out: { [k: string]: Json } = {};
  for (const [k, v] of Object.entries(node)) {
    if (k === 'discriminator' || k === 'nullable' || k === 'example' || k === 'examples') continue;
    out[k] = rewrite(v);
  }
  const disc = node.discriminator as { propertyName?: string; mapping?: Record<string, string> } | undefined;
  if (disc?.propertyName && disc.mapping && Array.isArray(node.oneOf)) {
    const prop = disc.propertyName;
    const branches = Object.entries(disc.mapping).map(([value, ref]) => ({ if: { properties: { [prop]: { const: value } }, required: [prop] }, then: { $ref: ref } }));
    delete out.oneOf;
    // A known @type selects its schema; an unknown one is refused (its branch does not exist).
    out.allOf = [...((out.allOf as Json[] | undefined) ?? []), { required: [prop], properties: { [prop]: { enum: Object.keys(disc.mapping) } } }, ...branches];
  }
  if (node.nullable === true && typeof node.type === 'string') out.type = [node.type, 'null'];
  return out;
}

export interface SchemaError {
  path: string;
  message: string;
}

export interface TmfSpecs {
  /** The parsed document (for tests: paths, responses). */
  document(api: TmfApi): Record<string, unknown>;
  /** Validates against components/schemas/<name> of the API; the errors, or [] when valid. */
  validate(api: TmfApi, schemaName: string, value: unknown): SchemaError[];
  /** A schema exists by that name. */
  has(api: TmfApi, schemaName: string): boolean;
}

const errorsOf = (errors: ErrorObject[] | null | undefined): SchemaError[] =>
  (errors ?? []).filter((e) => e.keyword !== 'if').map((e) => ({ path: e.instancePath || '/', message: `${e.message ?? 'invalid'}${e.keyword === 'additionalProperties' ? ` (${String((e.params as { additionalProperty?: string }).additionalProperty)})` : ''}` }));

export function loadTmfSpecs(dir = DEFAULT_SPEC_DIR): TmfSpecs {
  const ajv = new Ajv({ strict: false, allErrors: true, validateSchema: false, logger: false });
  addFormats(ajv);
  ajv.addFormat('base64', /^[A-Za-z0-9+/]*={0,2}$/);
  const docs = new Map<TmfApi, Record<string, unknown>>();
  for (const [api, file] of Object.entries(TMF_SPEC_FILES) as [TmfApi, string][]) {
    const doc = parse(readFileSync(path.join(dir, file), 'utf8')) as Record<string, unknown>;
    docs.set(api, doc);
    const schemas = (doc.components as { schemas: Record<string, Json> }).schemas;
    ajv.addSchema({ $id: `${api}.json`, components: { schemas: rewrite(schemas) } } as object);
  }
  const compiled = new Map<string, ValidateFunction>();
  const validator = (api: TmfApi, name: string): ValidateFunction => {
    const key = `${api}#${name}`;
    let fn = compiled.get(key);
    if (!fn) {
      fn = ajv.compile({ $ref: `${api}.json#/components/schemas/${name}` });
      compiled.set(key, fn);
    }
    return fn;
  };
  return {
    document: (api) => docs.get(api) as Record<string, unknown>,
    has: (api, name) => Boolean(((docs.get(api)?.components as { schemas: Record<string, unknown> }).schemas ?? {})[name]),
    validate(api, name, value) {
      const fn = validator(api, name);
      return fn(value) ? [] : errorsOf(fn.errors);
    },
  };
}

/**
 * The same, parsed on first use (the six documents take most of a second to parse): start-up only
 * checks that every file is there and readable, so a missing copy still stops it at once.
 */
export function lazyTmfSpecs(dir = DEFAULT_SPEC_DIR): TmfSpecs {
  for (const file of Object.values(TMF_SPEC_FILES)) {
    try {
      accessSync(path.join(dir, file), constants.R_OK);
    } catch {
      throw new Error(`TM Forum specification missing: ${path.join(dir, file)}`);
    }
  }
  let specs: TmfSpecs | undefined;
  const get = () => (specs ??= loadTmfSpecs(dir));
  return {
    document: (api) => get().document(api),
    has: (api, name) => get().has(api, name),
    validate: (api, name, value) => get().validate(api, name, value),
  };
}
