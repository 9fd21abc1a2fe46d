/**
 * Request id and access logging. Every request gets an id (a well-formed X-Request-Id from the
 * caller is kept, anything else is replaced) and a child logger carrying it, so every line a
 * request causes can be found by one id. The access line holds method, path (no query string:
 * it may carry secrets), status and duration; never headers or bodies.
 */
import { randomUUID } from 'node:crypto';
import type { NextFunction, Request, RequestHandler, Response } from 'express';
import type { Logger } from '../logger';
import { routePattern } from '../metrics';

declare global {
  // eslint-disable-next-line @typescript-eslint/no-namespace
  namespace Express {
    interface Request {
      /** The request id (X-Request-Id). */
      id: string;
      /** A child logger with the request id on every line. */
      log: Logger;
    }
  }
}

const WELL_FORMED_ID = /^[A-Za-z0-9._:-]{8,128}$/;

export function requestId(header: string | undefined): string {
  return header !== undefined && WELL_FORMED_ID.test(header) ? header : randomUUID();
}

/** Paths probed often enough that their access lines go to debug. */
const QUIET = new Set(['/healthz', '/readyz', '/metrics']);

export function requestContext(logger: Logger): RequestHandler {
  return (req: Request, res: Response, next: NextFunction) => {
    const started = process.hrtime.bigint();
    const id = requestId(req.get('x-request-id'));
    req.id = id;
    // The child logger is made on first use: most requests log nothing but their access line,
    // and a pino child (bindings serialised and redacted) costs more than the rest of this.
    let child: Logger | undefined;
    Object.defineProperty(req, 'log', { configurable: true, enumerable: false, get: () => (child ??= logger.child({ reqId: id })) });
    res.setHeader('X-Request-Id', id);
    res.on('finish', () => {
      const status = res.statusCode;
      const path = req.originalUrl.split('?')[0];
      const level = status >= 500 ? 'error' : status >= 400 ? 'warn' : QUIET.has(path) ? 'debug' : 'info';
      if (!logger.isLevelEnabled(level)) return;
      const ms = Number(process.hrtime.bigint() - started) / 1e6;
      (child ?? logger)[level](
        { ...(child ? {} : { reqId: id }), req: { method: req.method, path, route: routePattern(req, res) }, res: { statusCode: status }, responseTimeMs: Math.round(ms * 10) / 10 },
        'request completed',
      );
    });
    next();
  };
}
