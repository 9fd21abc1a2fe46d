/**
 * The OpenAPI 3.1 document, generated from the route table and its zod schemas (z.toJSONSchema),
 * so it cannot drift from what the API validates.
 */
import { z } from 'zod';
import { openApiPath, type AnyRoute } from './route-kit';
import { RESPONSE_SCHEMAS } from './response-registry';

type Json = Record<string, unknown>;

const COMMON_PROBLEMS: Record<string, number[]> = { none: [400, 413, 500], customer: [400, 401, 403, 413, 500] };

const STATUS_TEXT: Record<number, string> = {
  400: 'The request is malformed or not valid (code VALIDATION_FAILED, MALFORMED_JSON, IDEMPOTENCY_KEY_REQUIRED)',
  401: 'Not signed in, session expired, or verification failed (UNAUTHENTICATED, VERIFICATION_FAILED, CODE_EXPIRED)',
  403: 'Not allowed at this verification level, above a limit, or refused by account standing (NOT_VERIFIED, LIMIT_EXCEEDED, ACCOUNT_NOT_IN_GOOD_STANDING); a refusal carries details.refusal { reasonCode, reason, nextSteps, facts }',
  404: 'Not found, or not this customer\'s (NOT_FOUND, UNKNOWN_CUSTOMER)',
  405: 'Method not allowed on this path',
  409: 'Conflict: concurrent change, duplicate, the product is already on the account (ALREADY_HAVE_PRODUCT), or the same Idempotency-Key still in progress',
  413: 'The body is larger than 64 kB',
  422: 'Well-formed but refused by the operator\'s rules (e.g. MODIFICATION_NOT_ALLOWED), or an Idempotency-Key reused for another request',
  423: 'The account is locked after too many failed verifications (ACCOUNT_LOCKED)',
  429: 'Too many attempts from this source (THROTTLED)',
  500: 'Unexpected error (logged; no detail is given)',
  503: 'A back-end system is unavailable; retry later (BACKEND_UNAVAILABLE)',
};

/** Requests are described as they may be sent (io input), responses as they are sent (io output: closed objects). */
function schemaOf(schema: z.ZodType, io: 'input' | 'output' = 'input'): Json {
  const json = z.toJSONSchema(schema, { io, unrepresentable: 'any', target: 'draft-2020-12' }) as Json;
  delete json.$schema;
  return json;
}

function responseSchemaOf(route: AnyRoute, responses: Readonly<Record<string, z.ZodType>>): Json {
  const schema = responses[route.operationId];
  if (!schema) throw new Error(`API route ${route.method.toUpperCase()} ${route.path} (${route.operationId}) has no response schema in RESPONSE_SCHEMAS`);
  return schemaOf(schema, 'output');
}

function parametersOf(route: AnyRoute): Json[] {
  const out: Json[] = [];
  for (const [where, schema] of [['path', route.params], ['query', route.query]] as const) {
    if (!schema) continue;
    const json = schemaOf(schema);
    const props = (json.properties ?? {}) as Record<string, Json>;
    const required = new Set((json.required ?? []) as string[]);
    for (const [name, prop] of Object.entries(props)) out.push({ name, in: where, required: where === 'path' || required.has(name), schema: prop });
  }
  if (route.idempotency !== 'none') {
    out.push(route.idempotency === 'required' ? { $ref: '#/components/parameters/IdempotencyKeyRequired' } : { $ref: '#/components/parameters/IdempotencyKeyOptional' });
  }
  return out;
}

function operationOf(route: AnyRoute, responseSchemas: Readonly<Record<string, z.ZodType>>): Json {
  const statuses = [...new Set([...COMMON_PROBLEMS[route.auth], ...(route.problems ?? []), ...(route.idempotency !== 'none' ? [409, 422] : [])])].sort((a, b) => a - b);
  const responses: Json = {
    [String(route.status)]: {
      description: route.description ?? route.summary,
      // 204 No Content has no body to describe.
      ...(route.status === 204 ? {} : { content: { 'application/json': { schema: responseSchemaOf(route, responseSchemas) } } }),
      ...(route.idempotency !== 'none' ? { headers: { 'Idempotent-Replayed': { description: '"true" when this is the stored response of an earlier request with the same key', schema: { type: 'string' } } } } : {}),
    },
  };
  for (const status of statuses) responses[String(status)] = { $ref: `#/components/responses/Problem${status}` };
  const op: Json = {
    operationId: route.operationId,
    summary: route.summary,
    tags: [route.tag],
    parameters: parametersOf(route),
    responses,
    security: route.auth === 'customer' ? [{ bearerAuth: [] }] : [],
  };
  if (route.body) {
    const optional = route.body.safeParse(undefined).success;
    op.requestBody = { required: !optional, content: { 'application/json': { schema: schemaOf(route.body) } } };
  }
  return op;
}

const problemSchema: Json = {
  type: 'object',
  required: ['type', 'title', 'status', 'code', 'detail', 'instance'],
  properties: {
    type: { type: 'string', description: 'urn:telecare:problem:<code>' },
    title: { type: 'string' },
    status: { type: 'integer' },
    code: { type: 'string', description: 'Stable error code to branch on (domain codes such as ACCOUNT_LOCKED, or HTTP codes such as VALIDATION_FAILED)' },
    detail: { type: 'string' },
    instance: { type: 'string', description: 'The request path' },
    errors: { type: 'array', items: { type: 'object', required: ['path', 'message'], properties: { path: { type: 'string' }, message: { type: 'string' } } } },
    details: { type: 'object', description: 'Safe structured detail from the domain (e.g. attempts left)' },
  },
};

const idempotencyKey = (required: boolean): Json => ({
  name: 'Idempotency-Key',
  in: 'header',
  required,
  description: '1 to 100 printable characters (a UUID is ideal). A retry with the same key and body returns the first response (header Idempotent-Replayed: true) and never does the work twice; keys expire after 24 hours.',
  schema: { type: 'string', minLength: 1, maxLength: 100, pattern: '^[\\x20-\\x7E]{1,100}$' },
});

export function buildOpenApi(routes: readonly AnyRoute[], basePath: string, responseSchemas: Readonly<Record<string, z.ZodType>> = RESPONSE_SCHEMAS): Json {
  const paths: Record<string, Json> = {};
  for (const route of routes) {
    const path = `${basePath}${openApiPath(route.path)}`;
    paths[path] = { ...(paths[path] ?? {}), [route.method]: operationOf(route, responseSchemas) };
  }
  const documentSchema = { type: 'object', required: ['openapi', 'info', 'paths'], properties: { openapi: { type: 'string', const: '3.1.0' }, info: { type: 'object' }, paths: { type: 'object' } } };
  paths[`${basePath}/openapi.json`] = { get: { operationId: 'getOpenApi', summary: 'This document', tags: ['meta'], security: [], responses: { '200': { description: 'OpenAPI 3.1 document', content: { 'application/json': { schema: documentSchema } } } } } };
  const responses: Json = {};
  for (const [status, description] of Object.entries(STATUS_TEXT)) {
    responses[`Problem${status}`] = { description, content: { 'application/problem+json': { schema: { $ref: '#/components/schemas/Problem' } } } };
  }
  return {
    openapi: '3.1.0',
    info: {
      title: 'Telecare customer-care API',
      version: '1.0.0',
      description: 'The JSON API of the web portal: sign in, look at services and bills, and run the self-service procedures (new service, modification, discontinuation, bill adjustment, payment extension, repair) over the same domain as the IVR and chat.',
    },
    servers: [{ url: '/' }],
    tags: ['sessions', 'account', 'orders', 'billing', 'repair', 'procedures', 'interactions', 'meta'].map((name) => ({ name })),
    paths,
    components: {
      securitySchemes: { bearerAuth: { type: 'http', scheme: 'bearer', bearerFormat: 'HMAC-SHA256 signed token from POST /api/v1/sessions (30 minutes)' } },
      parameters: { IdempotencyKeyRequired: idempotencyKey(true), IdempotencyKeyOptional: idempotencyKey(false) },
      schemas: { Problem: problemSchema },
      responses,
    },
  };
}
