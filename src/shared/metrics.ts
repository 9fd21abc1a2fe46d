/**
 * Prometheus metrics on a registry of our own (never prom-client's global default, so tests and
 * libraries cannot collide with it). Routes are labelled by their matched pattern
 * (`/api/v1/bills/:id`), never the raw URL, so label cardinality stays bounded.
 */
import { collectDefaultMetrics, Counter, Histogram, Registry } from 'prom-client';
import type { NextFunction, Request, RequestHandler, Response } from 'express';

export const metricsRegistry = new Registry();
collectDefaultMetrics({ register: metricsRegistry });

export const httpRequestDuration = new Histogram({
  name: 'http_request_duration_seconds',
  help: 'HTTP request duration by method, matched route pattern and status',
  labelNames: ['method', 'route', 'status'] as const,
  buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
  registers: [metricsRegistry],
});

export const procedureOutcomes = new Counter({
  name: 'procedure_outcomes_total',
  help: 'Guided procedures and self-service calls by channel, procedure and outcome',
  labelNames: ['channel', 'procedure', 'outcome'] as const,
  registers: [metricsRegistry],
});

export const ordersOverdue = new Counter({
  name: 'provisioning_orders_overdue_total',
  help: 'Orders still in progress past their deadline (each counted once when flagged)',
  registers: [metricsRegistry],
});

/** Channels call this when a procedure ends (completed, submitted, escalate...). */
export function recordOutcome(channel: string, procedure: string, outcome: string): void {
  procedureOutcomes.inc({ channel, procedure, outcome });
}

/**
 * The route pattern a request matched. A router may set `res.locals.routePattern` itself;
 * otherwise Express's matched route (mount path + route path) is used; unmatched requests share one label.
 */
export function routePattern(req: Request, res: Response): string {
  const explicit = res.locals.routePattern;
  if (typeof explicit === 'string') return explicit;
  const route = (req as Request & { route?: { path?: unknown } }).route;
  if (route && typeof route.path === 'string') return `${req.baseUrl}${route.path}`;
  return 'unmatched';
}

/** Times every request and observes it when the response is finished. */
export function metricsMiddleware(): RequestHandler {
  return (req: Request, res: Response, next: NextFunction) => {
    const end = httpRequestDuration.startTimer();
    res.on('finish', () => {
      end({ method: req.method, route: routePattern(req, res), status: String(res.statusCode) });
    });
    next();
  };
}
