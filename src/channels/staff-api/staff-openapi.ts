/**
 * The staff API's OpenAPI 3.1 document, generated from its route table and zod schemas: request
 * bodies and parameters from the schemas the router validates with, response bodies from
 * STAFF_RESPONSE_SCHEMAS (a JSON route without one cannot be documented: the build refuses).
 */
import { z } from 'zod';
import type { StaffRoute } from './staff-routes';
import { STAFF_RESPONSE_SCHEMAS } from './staff-response-registry';

type Json = Record<string, unknown>;

const STATUS_TEXT: Record<number, string> = {
  400: 'The request is malformed or not valid (VALIDATION_FAILED, MALFORMED_JSON, IDEMPOTENCY_KEY_REQUIRED)',
  401: 'Not signed in, signed out, expired, or a wrong username or password (UNAUTHENTICATED, VERIFICATION_FAILED)',
  403: 'Not this person\'s queue or escalation, not their role (approvals are a supervisor\'s), or their own request (NOT_PERMITTED)',
  404: 'No such escalation (NOT_FOUND)',
  409: 'Another CSR took it first, another decision won, or it is in a state that does not allow this (CONFLICT, IDEMPOTENCY_KEY_IN_USE)',
  422: 'Refused: unknown disposition, a required note missing, the escalation closed, a procedure\'s own refusal (VALIDATION_FAILED and the procedure\'s codes), or an Idempotency-Key used for another request (IDEMPOTENCY_KEY_REUSED)',
  423: 'The staff account is locked after too many failed sign-ins (ACCOUNT_LOCKED)',
  429: 'Too many attempts from this source (THROTTLED)',
  500: 'Unexpected error (logged; no detail is given)',
  503: 'A back-end system (billing, ordering, network) is not answering; retry with the same Idempotency-Key (BACKEND_UNAVAILABLE)',
};

/** Requests are described as they may be sent (io input), responses as they are sent (io output: closed objects). */
function schemaOf(schema: z.ZodType, io: 'input' | 'output' = 'input'): Json {
  const json = z.toJSONSchema(schema, { io, unrepresentable: 'any', target: 'draft-2020-12' }) as Json;
  delete json.$schema;
  return json;
}

const EVENT_STREAM: Json = { type: 'string', description: 'text/event-stream: "event: <name>" and "data: <JSON>" blocks; a comment line keeps it alive' };

function successContent(route: StaffRoute, responses: Readonly<Record<string, z.ZodType>>): Json | undefined {
  if (route.status === 204) return undefined;
  if (route.produces === 'text/event-stream') return { 'text/event-stream': { schema: EVENT_STREAM } };
  const schema = responses[route.operationId];
  if (!schema) throw new Error(`staff route ${route.method.toUpperCase()} ${route.path} (${route.operationId}) has no response schema in STAFF_RESPONSE_SCHEMAS`);
  return { 'application/json': { schema: schemaOf(schema, 'output') }, ...(route.query ? { 'text/csv': { schema: { type: 'string' } } } : {}) };
}

function operationOf(route: StaffRoute, responseSchemas: Readonly<Record<string, z.ZodType>>): Json {
  const statuses = [...new Set([400, 500, ...(route.auth === 'staff' ? [401] : []), ...(route.problems ?? [])])].sort((a, b) => a - b);
  const content = successContent(route, responseSchemas);
  const replayed = route.path.includes('/actions/') ? { headers: { 'Idempotent-Replayed': { description: '"true" when this is the stored answer of an earlier request with the same Idempotency-Key', schema: { type: 'string' } } } } : {};
  const responses: Json = { [String(route.status)]: { description: route.summary, ...(content ? { content } : {}), ...replayed } };
  for (const status of statuses) responses[String(status)] = { description: STATUS_TEXT[status], content: { 'application/problem+json': { schema: { $ref: '#/components/schemas/Problem' } } } };
  const parameters: Json[] = [];
  if (route.params) {
    const props = (schemaOf(route.params).properties ?? {}) as Record<string, Json>;
    for (const [name, schema] of Object.entries(props)) parameters.push({ name, in: 'path', required: true, schema });
  }
  if (route.query) {
    const props = (schemaOf(route.query).properties ?? {}) as Record<string, Json>;
    for (const [name, schema] of Object.entries(props)) parameters.push({ name, in: 'query', required: false, schema });
  }
  return {
    operationId: route.operationId,
    summary: route.summary,
    tags: ['staff'],
    parameters,
    responses,
    security: route.auth === 'staff' ? [{ staffBearer: [] }] : [],
    ...(route.body ? { requestBody: { required: true, content: { 'application/json': { schema: schemaOf(route.body) } } } } : {}),
  };
}

export function buildStaffOpenApi(routes: readonly StaffRoute[], basePath: string, responseSchemas: Readonly<Record<string, z.ZodType>> = STAFF_RESPONSE_SCHEMAS): Json {
  const paths: Record<string, Json> = {};
  for (const route of routes) {
    const path = `${basePath}${route.path.replace(/:([A-Za-z_][A-Za-z0-9_]*)/g, '{$1}')}`;
    paths[path] = { ...(paths[path] ?? {}), [route.method]: operationOf(route, responseSchemas) };
  }
  const documentSchema = { type: 'object', required: ['openapi', 'info', 'paths'], properties: { openapi: { type: 'string', const: '3.1.0' }, info: { type: 'object' }, paths: { type: 'object' } } };
  paths[`${basePath}/openapi.json`] = { get: { operationId: 'staffOpenApi', summary: 'This document', tags: ['staff'], security: [], responses: { '200': { description: 'OpenAPI 3.1 document', content: { 'application/json': { schema: documentSchema } } } } } };
  return {
    openapi: '3.1.0',
    info: { title: 'Telecare staff API', version: '1.0.0', description: 'For CSRs and supervisors: sign in, the live queue, taking an escalation with its screen pop, and the wrap-up. Every action is audited.' },
    servers: [{ url: '/' }],
    tags: [{ name: 'staff' }],
    paths,
    components: {
      securitySchemes: { staffBearer: { type: 'http', scheme: 'bearer', bearerFormat: 'signed staff token (audience "staff") from POST /api/v1/staff/sessions' } },
      schemas: {
        Problem: {
          type: 'object',
          required: ['type', 'title', 'status', 'code', 'detail', 'instance'],
          properties: { type: { type: 'string' }, title: { type: 'string' }, status: { type: 'integer' }, code: { type: 'string' }, detail: { type: 'string' }, instance: { type: 'string' }, errors: { type: 'array' }, details: { type: 'object' } },
        },
      },
    },
  };
}
