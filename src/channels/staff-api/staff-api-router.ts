/**
 * The staff API under /api/v1/staff, built from the route table: validate, authenticate, call
 * the desk, answer JSON; domain errors become problems with their stable code (409 for a lost
 * race). Its OpenAPI document is served at /openapi.json.
 */
import express, { type Router } from 'express';
import type { z } from 'zod';
import { HttpProblem, type FieldError } from '../../shared/http/problem';
import { authenticateStaff } from './staff-auth';
import { QueueStreams } from './queue-events';
import { buildStaffOpenApi } from './staff-openapi';
import { STAFF_ROUTES, type StaffApiDeps, type StaffRoute } from './staff-routes';

export const STAFF_API_PATH = '/api/v1/staff';
export type { StaffApiDeps };

function parse(where: 'body' | 'params', schema: z.ZodType, value: unknown): unknown {
  const result = schema.safeParse(value ?? {});
  if (result.success) return result.data;
  const errors: FieldError[] = result.error.issues.flatMap((issue) => {
    const base = [where, ...issue.path.map(String)].join('.');
    return issue.code === 'unrecognized_keys' ? issue.keys.map((k) => ({ path: `${base}.${k}`, message: 'unknown field' })) : [{ path: base, message: issue.message }];
  });
  throw new HttpProblem(400, 'VALIDATION_FAILED', `The request is not valid: ${errors.map((e) => `${e.path}: ${e.message}`).join('; ')}.`, errors);
}

export function makeStaffApiRouter(deps: StaffApiDeps, routes: readonly StaffRoute[] = STAFF_ROUTES): Router {
  const router = express.Router();
  const streams = new QueueStreams();
  let document: unknown;
  router.get('/openapi.json', (_req, res) => {
    res.locals.routePattern = `${STAFF_API_PATH}/openapi.json`;
    document ??= buildStaffOpenApi(routes, STAFF_API_PATH);
    res.json(document);
  });
  for (const route of routes) {
    router[route.method](route.path, (req, res, next) => {
      res.locals.routePattern = `${STAFF_API_PATH}${route.path}`;
      void (async () => {
        const session = route.auth === 'staff' ? await authenticateStaff(req, deps.tokens, deps.desk) : undefined;
        const params = (route.params ? parse('params', route.params, { ...req.params }) : {}) as Record<string, string>;
        const body = route.body ? parse('body', route.body, req.body) : undefined;
        const result = await route.handle({ req, res, params, body, session: session as NonNullable<typeof session>, deps, streams });
        if (result !== undefined) res.status(route.status).json(result);
      })().catch(next);
    });
  }
  return router;
}
