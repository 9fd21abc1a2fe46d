/**
 * Runs middlewares one after another as a single call, without a router: for hot paths served
 * ahead of the app's routes that still need its common middlewares. `done` gets the first error
 * any of them passes to next, or nothing once all have called next.
 */
import type { Request, RequestHandler, Response } from 'express';

export function runChain(chain: readonly RequestHandler[], req: Request, res: Response, done: (err?: unknown) => void): void {
  let i = 0;
  const step = (err?: unknown): void => {
    if (err) return done(err);
    const mw = chain[i++];
    if (!mw) return done();
    void mw(req, res, step);
  };
  step();
}
