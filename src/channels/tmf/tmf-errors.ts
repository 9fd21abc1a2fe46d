/**
 * Errors in the TM Forum `Error` shape ({ @type, code, reason, message, status }), for every
 * route under /tmf-api and /oauth/token. Domain codes keep their meaning (and HTTP status) from
 * the one table in shared/http/problem.ts; unexpected errors are logged and answered bare.
 */
import type { ErrorRequestHandler, Response } from 'express';
import { DomainError } from '../../domain/shared/errors';
import { DOMAIN_STATUS, HttpProblem } from '../../shared/http/problem';

export interface TmfErrorBody {
  '@type': 'Error';
  code: string;
  reason: string;
  message?: string;
  status: string;
}

/** A refusal the TMF edge raises itself. */
export class TmfError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    readonly reason: string,
    message?: string,
    readonly headers: Record<string, string> = {},
  ) {
    super(message ?? reason);
    this.name = 'TmfError';
  }
}

export function toTmfError(error: unknown): { status: number; body: TmfErrorBody; headers: Record<string, string> } {
  if (error instanceof TmfError) return { status: error.status, body: { '@type': 'Error', code: error.code, reason: error.reason, message: error.message, status: String(error.status) }, headers: error.headers };
  if (error instanceof DomainError) {
    const status = DOMAIN_STATUS[error.code] ?? 500;
    return { status, body: { '@type': 'Error', code: error.code, reason: error.code.toLowerCase().replace(/_/g, ' '), message: error.message, status: String(status) }, headers: status === 503 ? { 'Retry-After': '30' } : {} };
  }
  if (error instanceof HttpProblem) return { status: error.status, body: { '@type': 'Error', code: error.code, reason: error.code.toLowerCase().replace(/_/g, ' '), message: error.message, status: String(error.status) }, headers: error.headers };
  const type = error && typeof error === 'object' && 'type' in error ? (error as { type?: unknown }).type : undefined;
  if (type === 'entity.parse.failed') return toTmfError(new TmfError(400, 'MALFORMED_JSON', 'malformed json', 'The request body is not valid JSON.'));
  if (type === 'entity.too.large') return toTmfError(new TmfError(413, 'PAYLOAD_TOO_LARGE', 'payload too large', 'The request body is larger than allowed.'));
  return { status: 500, body: { '@type': 'Error', code: 'INTERNAL_ERROR', reason: 'internal error', message: 'Something went wrong on our side; it has been logged.', status: '500' }, headers: {} };
}

export function sendTmfError(res: Response, error: unknown): void {
  const { status, body, headers } = toTmfError(error);
  for (const [k, v] of Object.entries(headers)) res.setHeader(k, v);
  res.status(status).json(body);
}

export function tmfErrorHandler(): ErrorRequestHandler {
  return (error: unknown, req, res, next) => {
    if (res.headersSent) return next(error);
    const { status } = toTmfError(error);
    if (status >= 500) req.log?.error({ err: error }, 'TMF request failed');
    sendTmfError(res, error);
  };
}
