/**
 * Errors become RFC 9457 problem details (application/problem+json). Domain error codes map to
 * HTTP statuses here, once, for every HTTP channel; the code travels in the body so clients
 * branch on it, not on the status. Unexpected errors are logged and answered with a bare 500:
 * no stack trace or internal message ever leaves the server.
 */
import type { ErrorRequestHandler, Request, Response } from 'express';
import { DomainError, type ErrorCode } from '../../domain/shared/errors';

/** Every domain code has a status; adding a code without one fails the typecheck. */
export const DOMAIN_STATUS: Record<ErrorCode, number> = {
  VALIDATION_FAILED: 422,
  NOT_FOUND: 404,
  UNKNOWN_CUSTOMER: 404,
  NOT_IDENTIFIED: 401,
  NOT_VERIFIED: 403,
  VERIFICATION_FAILED: 401,
  ACCOUNT_LOCKED: 423,
  THROTTLED: 429,
  CODE_EXPIRED: 401,
  NOT_SERVICEABLE: 422,
  PRODUCT_NOT_SELLABLE: 422,
  PRODUCT_INCOMPATIBLE: 422,
  SERVICE_NOT_MODIFIABLE: 422,
  MODIFICATION_NOT_ALLOWED: 422,
  SERVICE_NOT_CANCELLABLE: 422,
  REASON_REQUIRED: 422,
  REASON_NOT_VALID: 422,
  ITEM_NOT_ADJUSTABLE: 422,
  AMOUNT_NOT_VALID: 422,
  LIMIT_EXCEEDED: 403,
  EXTENSION_NOT_ALLOWED: 422,
  QUOTE_EXPIRED: 409,
  CONFIRMATION_REQUIRED: 422,
  INTERACTION_CLOSED: 409,
  NOTHING_TO_RESUME: 404,
  STEP_NOT_VALID: 409,
  NOT_PERMITTED: 403,
  CONFLICT: 409,
  DUPLICATE: 409,
  BACKEND_UNAVAILABLE: 503,
  PHONE_ALREADY_REGISTERED: 409,
  ACCOUNT_NOT_IN_GOOD_STANDING: 403,
  ALREADY_HAVE_PRODUCT: 409,
  SERVICE_NOT_ON_ACCOUNT: 422,
};

/** Codes the HTTP edge raises itself (request shape, authentication, idempotency, routing). */
export type HttpCode =
  | 'BAD_REQUEST'
  | 'MALFORMED_JSON'
  | 'PAYLOAD_TOO_LARGE'
  | 'UNSUPPORTED_MEDIA_TYPE'
  | 'UNAUTHENTICATED'
  | 'IDEMPOTENCY_KEY_REQUIRED'
  | 'IDEMPOTENCY_KEY_IN_USE'
  | 'IDEMPOTENCY_KEY_REUSED'
  | 'ROUTE_NOT_FOUND'
  | 'METHOD_NOT_ALLOWED'
  | 'INTERNAL_ERROR';

export type ProblemCode = ErrorCode | HttpCode;

export interface FieldError {
  /** Where: `body.amountMinor`, `query.reasonCode`, `params.id`, `header.Idempotency-Key`. */
  path: string;
  message: string;
}

export interface Problem {
  type: string;
  title: string;
  status: number;
  code: ProblemCode;
  detail: string;
  instance: string;
  errors?: FieldError[];
  /** Safe, structured detail from the domain (attempts left, limit...). */
  details?: Record<string, unknown>;
}

/** An error the HTTP edge throws on purpose; the error handler renders it as it is. */
export class HttpProblem extends Error {
  constructor(
    readonly status: number,
    readonly code: ProblemCode,
    detail: string,
    readonly errors?: FieldError[],
    readonly headers: Record<string, string> = {},
  ) {
    super(detail);
    this.name = 'HttpProblem';
  }
}

export const problemType = (code: ProblemCode): string => `urn:telecare:problem:${code.toLowerCase().replace(/_/g, '-')}`;
export const problemTitle = (code: ProblemCode): string => {
  const words = code.toLowerCase().replace(/_/g, ' ');
  return words.charAt(0).toUpperCase() + words.slice(1);
};

export function toProblem(error: unknown, instance: string): { problem: Problem; headers: Record<string, string> } {
  if (error instanceof HttpProblem) {
    const problem: Problem = { type: problemType(error.code), title: problemTitle(error.code), status: error.status, code: error.code, detail: error.message, instance };
    if (error.errors?.length) problem.errors = error.errors;
    return { problem, headers: error.headers };
  }
  if (error instanceof DomainError) {
    const status = DOMAIN_STATUS[error.code] ?? 500;
    const problem: Problem = { type: problemType(error.code), title: problemTitle(error.code), status, code: error.code, detail: error.message, instance };
    if (Object.keys(error.details).length > 0) problem.details = error.details;
    const headers: Record<string, string> = {};
    const retryAfter = error.details.retryAfterSec;
    if (status === 429 || status === 503) headers['Retry-After'] = String(typeof retryAfter === 'number' && retryAfter > 0 ? Math.ceil(retryAfter) : 30);
    return { problem, headers };
  }
  const bodyParser = bodyParserProblem(error);
  if (bodyParser) return toProblem(bodyParser, instance);
  // The router decoding a path parameter with a malformed escape (`/bills/%E0%A4%A`): the client's fault.
  if (error instanceof URIError) return toProblem(new HttpProblem(400, 'BAD_REQUEST', 'The request path is not validly percent-encoded.'), instance);
  return {
    problem: { type: problemType('INTERNAL_ERROR'), title: problemTitle('INTERNAL_ERROR'), status: 500, code: 'INTERNAL_ERROR', detail: 'Something went wrong on our side; it has been logged.', instance },
    headers: {},
  };
}

/** body-parser's own errors (express.json): malformed JSON, too large, unsupported charset. */
function bodyParserProblem(error: unknown): HttpProblem | null {
  if (!error || typeof error !== 'object' || !('type' in error)) return null;
  const type = (error as { type?: unknown }).type;
  if (type === 'entity.parse.failed') return new HttpProblem(400, 'MALFORMED_JSON', 'The request body is not valid JSON.');
  if (type === 'entity.too.large') return new HttpProblem(413, 'PAYLOAD_TOO_LARGE', 'The request body is larger than allowed.');
  if (type === 'charset.unsupported' || type === 'encoding.unsupported') return new HttpProblem(415, 'UNSUPPORTED_MEDIA_TYPE', 'The request body encoding is not supported.');
  if (type === 'request.aborted' || type === 'request.size.invalid' || type === 'stream.encoding.set') return new HttpProblem(400, 'BAD_REQUEST', 'The request body could not be read.');
  return null;
}

export function sendProblem(res: Response, problem: Problem, headers: Record<string, string> = {}): void {
  for (const [name, value] of Object.entries(headers)) res.setHeader(name, value);
  res.status(problem.status).type('application/problem+json').send(JSON.stringify(problem));
}

const instanceOf = (req: Request): string => req.originalUrl.split('?')[0];

/** The last middleware: every error becomes a problem; 5xx are logged with the error. */
export function problemHandler(): ErrorRequestHandler {
  return (error: unknown, req, res, next) => {
    if (res.headersSent) {
      next(error);
      return;
    }
    const { problem, headers } = toProblem(error, instanceOf(req));
    if (problem.status >= 500) req.log?.error({ err: error, problemCode: problem.code }, 'request failed');
    else req.log?.debug({ problemCode: problem.code, detail: problem.detail }, 'request refused');
    sendProblem(res, problem, headers);
  };
}

/** 404 for anything no router answered. */
export function notFoundHandler(): (req: Request, res: Response) => void {
  return (req, res) => {
    const { problem } = toProblem(new HttpProblem(404, 'ROUTE_NOT_FOUND', `No route for ${req.method} ${instanceOf(req)}.`), instanceOf(req));
    sendProblem(res, problem);
  };
}
