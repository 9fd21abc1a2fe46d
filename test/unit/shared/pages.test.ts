/** The shared page kit: templates escape what they are given; notices show only known texts; the views folder is found. */
import assert from 'node:assert/strict';
import path from 'node:path';
import type { Request } from 'express';
import { createViews, flashFrom, webDir, withNotice } from '../../../src/shared/pages';

const MESSAGES = { saved: { kind: 'ok' as const, text: 'Saved.' } };
const req = (query: Record<string, unknown>) => ({ query }) as unknown as Request;

describe('shared pages', () => {
  it('when data holds markup, then the rendered page shows it as text, never as markup', () => {
    const html = createViews().render('console/sign-in', { title: '<b>x</b>', assetBase: '/a', csrf: '"><script>alert(1)</script>', error: '<img src=x onerror=alert(1)>', username: '"><script>alert(2)</script>' });
    assert.doesNotMatch(html, /<script>alert|<img src=x|<b>x<\/b>/);
    assert.match(html, /&lt;script&gt;alert\(2\)&lt;\/script&gt;/);
    assert.match(html, /<title>&lt;b&gt;x&lt;\/b&gt; · Telecare<\/title>/);
  });

  it('when a notice code is known, then its fixed text shows; an unknown or repeated one shows nothing', () => {
    assert.deepEqual(flashFrom(req({ notice: 'saved' }), MESSAGES), MESSAGES.saved);
    assert.equal(flashFrom(req({ notice: '<script>' }), MESSAGES), undefined);
    assert.equal(flashFrom(req({ notice: ['saved', 'saved'] }), MESSAGES), undefined);
    assert.equal(flashFrom(req({ notice: 'toString' }), MESSAGES), undefined, 'not an inherited property');
    assert.equal(withNotice('/console/queue', 'saved'), '/console/queue?notice=saved');
    assert.equal(withNotice('/x?a=1', 'saved'), '/x?a=1&notice=saved');
  });

  it('when looked up from a source folder, then the web folder with the layout is found above it', () => {
    assert.equal(webDir(path.join(__dirname)), path.resolve(__dirname, '../../../web'));
    assert.throws(() => webDir('/'), /no web\/views\/layout.eta/);
  });
});
