/**
 * Server-rendered pages, one way for every channel that has them (the CSR console, the customer
 * portal): Eta templates in web/views, autoescaped, with a shared layout (web/views/layout.eta)
 * and static files from web/assets served from the app itself (no CDN). The folder is found by
 * walking up from this file, so the same code works under tsx (src/) and compiled (dist/src/).
 */
import fs from 'node:fs';
import path from 'node:path';
import { Eta } from 'eta';

/** The project's web/ folder (views and assets); or another folder laid out the same way (`web-portal`). */
export function webDir(from: string = __dirname, folder = 'web'): string {
  for (let dir = from; ; dir = path.dirname(dir)) {
    const candidate = path.join(dir, folder);
    if (fs.existsSync(path.join(candidate, 'views', 'layout.eta'))) return candidate;
    if (path.dirname(dir) === dir) throw new Error(`no ${folder}/views/layout.eta above ${from}`);
  }
}

/** What every page gives the layout. */
export interface PageData {
  title: string;
  /** Scripts (same-origin files only: the CSP allows no inline script). */
  scripts?: string[];
  /** A one-line message after a redirect (see flash.ts). */
  flash?: { kind: 'ok' | 'error'; text: string };
  [key: string]: unknown;
}

export interface Views {
  /** Renders web/views/<name>.eta with `data` (HTML-escaped unless the template says <%~). */
  render(name: string, data: PageData | Record<string, unknown>): string;
}

export function createViews(opts: { dir?: string; cache?: boolean } = {}): Views {
  const eta = new Eta({ views: path.join(opts.dir ?? webDir(), 'views'), cache: opts.cache ?? true, autoEscape: true, autoTrim: [false, 'nl'] });
  return { render: (name, data) => eta.render(name, data) };
}
