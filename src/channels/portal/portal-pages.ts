/**
 * How a portal page is rendered: web-portal/views/<view>.eta inside the portal layout, with the
 * request's words (locale from the language cookie or Accept-Language), the CSRF token for its
 * forms, the signed-in customer and a one-line notice after a redirect. The procedure forms
 * render through the same kit, so every portal page has one layout, one header and one wording.
 */
import type { Request, Response } from 'express';
import { createViews, type PageCsrf, type Views } from '../../shared/pages';
import { negotiateLocale, type PortalLocale, type Words, type Wording } from './portal-wording';
import { customerOf } from './portal-session';

export const LANGUAGE_COOKIE = 'telecare_lang';
/** Notices a redirect may name (?notice=code); only these show, nothing from the URL is reflected. */
const NOTICES: Record<string, 'ok' | 'error'> = { 'signed-out': 'ok', 'session-ended': 'error', welcome: 'ok', language: 'ok' };

export interface PortalPages {
  /** Renders web-portal/views/<view>.eta in the portal layout (data.title is the page title). */
  render(req: Request, res: Response, view: string, data: Record<string, unknown> & { title: string }, status?: number): void;
  /** The request's words: t(key, values), money, day, moment, period. */
  words(req: Request): Words;
  /** The CSRF token for this response's forms (field `_csrf`, or header x-csrf-token). */
  csrfToken(req: Request, res: Response): string;
}

export function localeOf(req: Request): PortalLocale {
  return negotiateLocale((req.cookies as Record<string, unknown> | undefined)?.[LANGUAGE_COOKIE], req.get('accept-language'));
}

export function createPortalPages(opts: { dir: string; wording: Wording; csrf: PageCsrf; supportPhone: () => string; views?: Views }): PortalPages {
  const views = opts.views ?? createViews({ dir: opts.dir });
  const words = (req: Request): Words => opts.wording.words(localeOf(req));
  return {
    words,
    csrfToken: (req, res) => opts.csrf.token(req, res),
    render(req, res, view, data, status = 200) {
      const w = words(req);
      const code = req.query.notice;
      const notice = typeof code === 'string' && Object.hasOwn(NOTICES, code) ? { kind: NOTICES[code], text: w.t(`notice.${code}`) } : res.locals.sessionEnded && !customerOf(req) ? { kind: 'error' as const, text: w.t('notice.session-ended') } : undefined;
      const html = views.render(view, {
        appName: w.t('app.name'),
        assetBase: '/assets',
        lang: w.tag.slice(0, 2),
        t: w.t,
        w,
        here: req.originalUrl.split('?')[0],
        signedIn: Boolean(customerOf(req)),
        supportPhone: opts.supportPhone(),
        csrf: opts.csrf.token(req, res),
        flash: notice,
        ...data,
      });
      res.status(status).type('html').send(html);
    },
  };
}
