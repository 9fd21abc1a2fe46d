/**
 * Every response the API tests receive is checked against the published OpenAPI document: its
 * status must be documented for the operation, its content type must be the documented one, and
 * its body must validate against the documented schema (JSON Schema 2020-12, as OpenAPI 3.1 uses).
 * A path under /api/v1 that matches no operation may only answer a documented problem (404, 405).
 */
import assert from 'node:assert/strict';
import Ajv2020, { type ValidateFunction } from 'ajv/dist/2020';
import addFormats from 'ajv-formats';
import type request from 'supertest';
import type { Response } from 'supertest';

type Json = Record<string, unknown>;
type Agent = ReturnType<typeof request>;
const METHODS = ['get', 'post', 'put', 'patch', 'delete', 'head', 'options'] as const;

export interface ContractChecker {
  check(method: string, url: string, res: Response): void;
  /** How many responses were validated (a harness that validates nothing would pass everything). */
  readonly checked: number;
}

/**
 * Checks responses against one or more documents (the customer API's and the staff API's): each
 * path is looked up in every document, and a document's $refs resolve in that document.
 */
export function contractChecker(docs: Json | Json[]): ContractChecker {
  const ajv = new Ajv2020({ strict: true, allErrors: true });
  addFormats(ajv);
  const documents = (Array.isArray(docs) ? docs : [docs]).map((doc, index) => ({ index, components: (doc.components ?? {}) as Record<string, Record<string, Json>> }));
  const paths = (Array.isArray(docs) ? docs : [docs]).flatMap((doc, index) =>
    Object.entries(doc.paths as Record<string, Record<string, Json>>).map(([template, item]) => ({
      template,
      item,
      doc: documents[index]!,
      params: (template.match(/\{/g) ?? []).length,
      pattern: new RegExp(`^${template.replace(/\{[^}]+\}/g, '[^/]+')}$`),
    })),
  );
  type Doc = (typeof documents)[number];
  const validators = new Map<string, ValidateFunction>();
  let checked = 0;

  const resolve = (doc: Doc, node: Json): Json => {
    const ref = node.$ref;
    if (typeof ref !== 'string') return node;
    const [, , kind, name] = ref.split('/');
    const target = doc.components[kind as string]?.[name as string];
    assert.ok(target, `unresolved ${ref}`);
    return resolve(doc, target);
  };
  const validatorFor = (doc: Doc, key: string, schema: Json): ValidateFunction => {
    const k = `${doc.index}:${key}`;
    let v = validators.get(k);
    if (!v) validators.set(k, (v = ajv.compile(resolve(doc, schema))));
    return v;
  };
  const problemSchema = documents[0]!.components.schemas?.Problem as Json;

  /** JSON bodies are validated parsed; anything else (an event stream) as its text. */
  function validateBody(doc: Doc, key: string, schema: Json, res: Response, label: string, contentType: string): void {
    const validate = validatorFor(doc, key, schema);
    const body: unknown = /json$/.test(contentType) ? res.body : res.text;
    if (!validate(body)) assert.fail(`${label}: the body does not match the documented schema: ${ajv.errorsText(validate.errors, { separator: '; ' })}\n${(res.text ?? '').slice(0, 2000)}`);
  }

  return {
    get checked() {
      return checked;
    },
    check(method, url, res) {
      const path = url.split('?')[0] as string;
      if (!path.startsWith('/api/v1/')) return;
      checked += 1;
      const label = `${method.toUpperCase()} ${path} → ${res.status}`;
      const contentType = String(res.headers['content-type'] ?? '').split(';')[0] as string;
      const candidates = paths.filter((p) => p.pattern.test(path) && p.item[method]).sort((a, b) => a.params - b.params);
      const found = candidates[0];
      const op = found?.item[method] as { operationId: string; responses: Record<string, Json> } | undefined;
      if (!found || !op) {
        assert.ok([404, 405].includes(res.status), `${label}: no documented operation, and not a 404/405`);
        assert.equal(contentType, 'application/problem+json', `${label}: not a problem`);
        validateBody(documents[0]!, 'Problem', problemSchema, res, label, contentType);
        return;
      }
      const documented = op.responses[String(res.status)];
      assert.ok(documented, `${label}: status ${res.status} is not documented for ${op.operationId} (documented: ${Object.keys(op.responses).join(', ')})`);
      if (method === 'head') return;
      const content = resolve(found.doc, documented).content as Record<string, { schema: Json }> | undefined;
      if (!content) {
        assert.equal(res.text ?? '', '', `${label}: documented without a body, but one was sent`);
        return;
      }
      const media = content[contentType];
      assert.ok(media, `${label}: content type ${contentType || '(none)'} is not documented (documented: ${Object.keys(content).join(', ')})`);
      validateBody(found.doc, `${op.operationId} ${res.status} ${contentType}`, media.schema, res, label, contentType);
    },
  };
}

/** The same supertest agent, with every request's response checked by `checker`. */
export function contractChecked(agent: Agent, checker: ContractChecker): Agent {
  return new Proxy(agent, {
    get(target, prop, receiver) {
      const value: unknown = Reflect.get(target, prop, receiver);
      if (typeof value !== 'function' || !(METHODS as readonly (string | symbol)[]).includes(prop)) return value;
      const method = prop as string;
      return (url: string, ...rest: unknown[]) =>
        (value as (...a: unknown[]) => request.Test).call(target, url, ...rest).expect((res: Response) => checker.check(method, url, res));
    },
  });
}
