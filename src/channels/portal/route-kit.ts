/** Small helpers the portal's route files share. */
import type { NextFunction, Request, Response } from 'express';
import { customerOf } from './portal-session';

type Handler = (req: Request, res: Response) => Promise<void>;

/** An async handler whose failures go to the router's error handler. */
export const run = (h: Handler) => (req: Request, res: Response, next: NextFunction) => void h(req, res).catch(next);

/** A page for signed-in customers only: without a session, to sign-in. */
export const signedIn = (req: Request, res: Response, next: NextFunction): void => {
  if (customerOf(req)) return next();
  res.redirect(303, `/sign-in${res.locals.sessionEnded ? '?notice=session-ended' : ''}`);
};
