/**
 * The API is a table of routes. Each route names its method, path, schemas, authentication and
 * idempotency, and a small handler over Care. The Express router and the OpenAPI document are
 * both generated from that table, so what is documented is what is validated.
 */
import type { Request } from 'express';
import { z } from 'zod';
import type { Care, Ctx } from '../../domain/care';
import type { Actor } from '../../domain/shared/actor';
import type { Clock, RateLimit } from '../../domain/shared/ports';
import type { Stores } from '../../domain/ports/store';
import type { TokenSigner } from '../../shared/tokens';
import { PORTAL_AUDIENCE, type PortalSession, type PortalSessions } from '../../shared/portal-sessions';
import { HttpProblem, type FieldError } from '../../shared/http/problem';

export const API_AUDIENCE = PORTAL_AUDIENCE;

export interface ApiDeps {
  care: Care;
  stores: Pick<Stores, 'idempotency'>;
  tokens: TokenSigner;
  clock: Clock;
  /** Per-source (client IP) budgets routes name in `perSource`; absent = unlimited. */
  limits?: Partial<Record<PerSourceLimit, RateLimit>>;
  /** Keys the Idempotency-Key request fingerprints (request bodies may hold PINs); the session secret. */
  fingerprintKey?: string;
}

/** What route handlers get: the deps, and portal sessions built over the token signer. */
export interface RouteDeps extends ApiDeps {
  sessions: PortalSessions;
}

export type PerSourceLimit = 'registrations';

type AnyObject = z.ZodType<Record<string, unknown>>;

export interface HandlerInput<P, Q, B> {
  params: P;
  query: Q;
  body: B;
  /** The token's actor (channel 'portal'); anonymous on public routes. */
  actor: Actor;
  /** The live portal session on authenticated routes. */
  session?: PortalSession;
  ctx: Ctx;
  /** The Idempotency-Key header, when the route takes one and it was sent. */
  idempotencyKey?: string;
  req: Request;
}

export interface RouteDef<P extends AnyObject, Q extends AnyObject, B extends z.ZodType> {
  method: 'get' | 'post' | 'delete';
  /** Express pattern relative to /api/v1, e.g. `/bills/:id`. */
  path: string;
  operationId: string;
  summary: string;
  tag: string;
  /** 'customer': a Bearer token is required. */
  auth: 'none' | 'customer';
  /** 'required': no Idempotency-Key, no call. 'optional': replayed when given. */
  idempotency: 'none' | 'optional' | 'required';
  params?: P;
  query?: Q;
  body?: B;
  /** A per-source budget spent before anything else (429 with Retry-After past it). */
  perSource?: PerSourceLimit;
  /** Success status (200, 201, 202). */
  status: number;
  /** Problem statuses this route can answer besides the common ones, for the document. */
  problems?: number[];
  description?: string;
  /**
   * For a response that holds a secret (a session token): what the Idempotency-Key record keeps
   * instead (the response without it), and how a replay makes the response whole again.
   */
  replay?: { keep(result: unknown): unknown; restore(kept: unknown, deps: RouteDeps): Promise<unknown> };
  handle(input: HandlerInput<z.output<P>, z.output<Q>, z.output<B>>, deps: RouteDeps): Promise<unknown>;
}

export type AnyRoute = RouteDef<AnyObject, AnyObject, z.ZodType>;

/** Keeps each route's handler typed by its own schemas while the table holds them alike. */
export const defineRoute = <P extends AnyObject = z.ZodObject<{}>, Q extends AnyObject = z.ZodObject<{}>, B extends z.ZodType = z.ZodUndefined>(
  def: RouteDef<P, Q, B>,
): AnyRoute => def as unknown as AnyRoute;

export const EMPTY = z.strictObject({});

/** Zod issues as field errors; unknown fields are listed one by one. */
export function fieldErrors(where: 'body' | 'query' | 'params' | 'header', issues: readonly z.core.$ZodIssue[]): FieldError[] {
  const out: FieldError[] = [];
  for (const issue of issues) {
    const base = [where, ...issue.path.map(String)].join('.');
    if (issue.code === 'unrecognized_keys') {
      for (const key of issue.keys) out.push({ path: `${base}.${key}`, message: 'unknown field' });
    } else {
      out.push({ path: base, message: issue.message });
    }
  }
  return out;
}

export function validationProblem(errors: FieldError[]): HttpProblem {
  const unknown = errors.filter((e) => e.message === 'unknown field').map((e) => e.path);
  const summary = unknown.length > 0 ? `unknown field(s): ${unknown.join(', ')}` : errors.map((e) => `${e.path}: ${e.message}`).join('; ');
  return new HttpProblem(400, 'VALIDATION_FAILED', `The request is not valid: ${summary}.`, errors);
}

/** Parses one part of the request; throws a 400 problem naming every bad field. */
export function parsePart<T extends z.ZodType>(where: 'body' | 'query' | 'params', schema: T, value: unknown): z.output<T> {
  const result = schema.safeParse(value);
  if (!result.success) throw validationProblem(fieldErrors(where, result.error.issues));
  return result.data;
}

/** `/bills/:id` → `/bills/{id}` (OpenAPI path template). */
export const openApiPath = (expressPath: string): string => expressPath.replace(/:([A-Za-z_][A-Za-z0-9_]*)/g, '{$1}');
