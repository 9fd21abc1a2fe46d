/**
 * Browser libraries served from this server's node_modules (no CDN): Chart.js's UMD build for the
 * bills chart, and the Web Chat bundle, fetched only by the chat page's script when it opens.
 */
import path from 'node:path';
import express, { type Router } from 'express';

/** chart.js's package folder (its main file is dist/chart.cjs); the browser build is dist/chart.umd.min.js. */
const CHART_DIR = path.resolve(path.dirname(require.resolve('chart.js')), '..');
/** The Web Chat UMD bundle (window.WebChat); the package exports only lib/ and dist/*.mjs, so it is found from lib/. */
const WEBCHAT_BUNDLE = path.resolve(path.dirname(require.resolve('botframework-webchat')), '..', 'dist', 'webchat.js');

export const CHART_SCRIPT = '/assets/vendor/chart.umd.min.js';
export const WEBCHAT_SCRIPT = '/assets/vendor/webchat.js';

export function vendorAssets(): Router {
  const r = express.Router();
  const send = (file: string) => (_req: express.Request, res: express.Response) => {
    res.sendFile(file, { maxAge: '1d', etag: true });
  };
  r.get('/vendor/chart.umd.min.js', send(path.join(CHART_DIR, 'dist', 'chart.umd.min.js')));
  r.get('/vendor/webchat.js', send(WEBCHAT_BUNDLE));
  return r;
}
