/**
 * The portal over HTTP on the whole app (no browser): what it serves and what it leaves to the
 * other channels, its headers and cookies, CSRF on every form, the API's budgets, the chat-token
 * handover's guards, and its budgets (server time of the HTML, bytes of a first visit).
 */
import assert from 'node:assert/strict';
import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import express from 'express';
import { loadConfig } from '../../../src/config/config';
import { startServer, type RunningServer } from '../../../src/server';
import { demoPerson } from '../../../src/demo/demo-people';
import { PAGE_CSP } from '../../../src/shared/pages';
import { createTokenSigner } from '../../../src/shared/tokens';
import { createPortalSessions } from '../../../src/shared/portal-sessions';
import { makePortalRouter } from '../../../src/channels/portal';
import { createThrottle } from '../../../src/adapters/throttle';
import { makeCare, testHasher, type CareFixture } from '../../support/care-fixture';
import { CookieClient, csrfOf } from './cookie-client';
import type { RepairTicket } from '../../../src/domain/repair/ticket';

/** A page's visible text, one space between words (Intl's narrow and thin spaces too). */
const textOf = (html: string): string => html.replace(/<[^>]+>/g, ' ').replace(/&amp;/g, '&').replace(/&#39;/g, "'").replace(/[\s\u202f\u2009\u00a0]+/g, ' ').trim();

const dana = demoPerson('bundle');

async function signIn(client: CookieClient, id = dana.accountNumber, pin = dana.pin): Promise<void> {
  const page = await client.get('/sign-in');
  const res = await client.post('/sign-in', { _csrf: csrfOf(page.body), mode: 'pin', id, pin });
  assert.equal(res.status, 303, res.body.slice(0, 300));
  assert.equal(res.headers.get('location'), '/');
}

describe('customer portal pages over HTTP', function () {
  this.timeout(30_000);
  let server: RunningServer;
  before(async () => {
    const config = loadConfig({ NODE_ENV: 'test', LOG_LEVEL: 'silent', PORT: '0', HOST: '127.0.0.1', DEMO_DATA: 'true' });
    server = await startServer(config, { overrides: { inMemory: true, watchFiles: false, hasher: testHasher } });
  });
  after(async () => {
    await server?.stop(500);
  });
  const client = (headers?: Record<string, string>) => new CookieClient(server.url, headers);

  it('when a page is served, then it has the strict CSP (no inline script), helmet\'s headers and no caching', async () => {
    const res = await client().get('/sign-in');
    assert.equal(res.status, 200);
    assert.equal(res.headers.get('content-security-policy'), PAGE_CSP);
    assert.doesNotMatch(PAGE_CSP, /unsafe-inline|unsafe-eval/);
    assert.equal(res.headers.get('x-content-type-options'), 'nosniff');
    assert.equal(res.headers.get('strict-transport-security')?.startsWith('max-age='), true);
    assert.equal(res.headers.get('cache-control'), 'no-store');
    assert.equal(res.headers.get('referrer-policy'), 'same-origin');
    assert.doesNotMatch(res.body, /<script(?![^>]*\bsrc=)/, 'no inline script element');
  });

  it('when the other channels\' paths are asked for, then the portal leaves them alone (API, chat, console, unknown API path)', async () => {
    assert.equal((await client().get('/api/v1/openapi.json')).headers.get('content-type')?.startsWith('application/json'), true);
    const unknown = await client().post('/api/v1/no-such-thing', {});
    assert.equal(unknown.status, 404);
    assert.match(unknown.headers.get('content-type') ?? '', /problem\+json/);
    assert.equal((await client().get('/chat')).status, 200);
    assert.equal((await client().get('/console')).headers.get('location'), '/console/sign-in');
    const page404 = await client().get('/bills/a/b');
    assert.equal(page404.status, 404);
    assert.match(page404.body, /<h1>Page not found<\/h1>/);
  });

  it('when a form is posted without its CSRF token, or with one from another session, then it is refused and no session starts', async () => {
    const c = client();
    const res = await c.post('/sign-in', { mode: 'pin', id: dana.accountNumber, pin: dana.pin });
    assert.equal(res.status, 403);
    assert.match(res.body, /This form has expired/);
    assert.equal(c.jar.has('telecare_portal'), false);

    const other = client();
    await other.get('/sign-in');
    const stolen = csrfOf((await other.get('/sign-in')).body);
    await c.get('/sign-in');
    assert.equal((await c.post('/sign-in', { _csrf: stolen, mode: 'pin', id: dana.accountNumber, pin: dana.pin })).status, 403);
    assert.equal(c.jar.has('telecare_portal'), false);
  });

  it('when signed in, then the session cookie is httpOnly, SameSite=Lax, for the whole site, and not Secure outside production', async () => {
    const c = client();
    const page = await c.get('/sign-in');
    const res = await c.post('/sign-in', { _csrf: csrfOf(page.body), mode: 'pin', id: dana.accountNumber, pin: dana.pin });
    const cookie = res.setCookies.find((s) => s.startsWith('telecare_portal='));
    assert.match(cookie ?? '', /; Path=\/; .*HttpOnly; SameSite=Lax$/);
    assert.doesNotMatch(cookie ?? '', /Secure/);
  });

  it('when the chat token is asked for without a session or without the CSRF header, then none is given; with both, one bound to the session', async () => {
    const anon = client();
    const signedOut = await anon.get('/sign-in');
    assert.equal((await anon.send('POST', '/chat-with-us/token', undefined, { 'x-csrf-token': csrfOf(signedOut.body) })).status, 401);
    const c = client();
    await signIn(c);
    assert.equal((await c.send('POST', '/chat-with-us/token', undefined, {})).status, 403);
    const home = await c.get('/');
    const res = await c.send('POST', '/chat-with-us/token', undefined, { 'x-csrf-token': csrfOf(home.body) });
    assert.equal(res.status, 200);
    const minted = JSON.parse(res.body) as { token: string; conversationId: string };
    const claims = JSON.parse(Buffer.from(minted.token.split('.')[1], 'base64url').toString()) as { act?: { customerId: string; verification: string } };
    const customer = await server.runtime.stores.customers.findOne({ accountNumber: dana.accountNumber });
    assert.deepEqual(claims.act, { customerId: customer?.id, verification: 'verified' });
  });

  it('when the browser asks for Spanish, then the page is in Spanish; the language cookie wins over the header', async () => {
    const es = client({ 'accept-language': 'fr-FR, es;q=0.8, en;q=0.5' });
    assert.match((await es.get('/sign-in')).body, /<html lang="es">[\s\S]*<h1>Inicie sesión en su cuenta<\/h1>/);
    const page = await es.get('/sign-in');
    const switched = await es.post('/language', { _csrf: csrfOf(page.body), lang: 'en', back: '/sign-in' });
    assert.equal(switched.headers.get('location'), '/sign-in');
    assert.match((await es.get('/sign-in')).body, /<h1>Sign in to your account<\/h1>/);
    const offsite = await es.post('/language', { _csrf: csrfOf(page.body), lang: 'es', back: '//evil.example/x' });
    assert.equal(offsite.headers.get('location'), '/', 'never redirected off the site');
  });

  it('when a repair visit is booked, then home shows its window (start and end) in the operator\'s time zone, in English and Spanish', async () => {
    const grace = demoPerson('technician');
    const customer = await server.runtime.stores.customers.findOne({ accountNumber: grace.accountNumber });
    const service = customer!.services[0];
    const at = '2026-11-27T15:00:00.000Z';
    await server.runtime.stores.tickets.insert({
      id: 'tkt-home-window', customerId: customer!.id, serviceId: service!.id, symptom: 'no-dial-tone', status: 'scheduled', channel: 'portal', idempotencyKey: 'home-window', createdAt: at,
      diagnostics: { serviceId: service!.id, productId: service!.productId, family: 'phone', symptom: 'no-dial-tone', serviceStatus: 'active', recentOrders: [] } as unknown as RepairTicket['diagnostics'],
      diagnosis: { cause: 'dispatch', action: 'dispatch', explanation: 'A technician needs to visit.' },
      // 14:00 to 18:00 UTC is 8 AM to noon in Chicago (CST, December).
      appointment: { slotId: 'slot-home-window', start: '2026-12-01T14:00:00.000Z', end: '2026-12-01T18:00:00.000Z' },
      submission: { state: 'delivered', idempotencyKey: 'home-window', attempts: 1, nextAttemptAt: at, deliveredAt: at },
    });
    try {
      const en = client();
      await signIn(en, grace.accountNumber, grace.pin);
      assert.match(textOf((await en.get('/')).body), /Technician visit Tuesday, December 1, 8:00 AM – 12:00 PM CST/);
      const es = client({ 'accept-language': 'es' });
      await signIn(es, grace.accountNumber, grace.pin);
      assert.match(textOf((await es.get('/')).body), /Visita del técnico: martes, 1 de diciembre, 8:00 a\.m\. – 12:00 p\.m\. CST/);
    } finally {
      await server.runtime.stores.tickets.delete('tkt-home-window');
    }
  });

  it('when a signed-in home page is rendered, then its HTML takes under 50 ms of server time (median of 15) and a first visit transfers under 150 KB', async () => {
    const c = client();
    await signIn(c);
    await c.get('/');
    const times: number[] = [];
    for (let i = 0; i < 15; i++) {
      const t0 = process.hrtime.bigint();
      const res = await c.get('/');
      times.push(Number(process.hrtime.bigint() - t0) / 1e6);
      assert.equal(res.status, 200);
    }
    times.sort((a, b) => a - b);
    assert.ok(times[7] < 50, `median ${times[7].toFixed(1)} ms`);

    const visitor = client();
    const page = await visitor.get('/sign-in');
    const assets = [...page.body.matchAll(/(?:href|src)="(\/assets\/[^"]+)"/g)].map((m) => m[1]);
    assert.ok(assets.length >= 3, 'stylesheets and icon');
    let bytes = Buffer.byteLength(page.body);
    for (const a of assets) {
      const res = await fetch(`${server.url}${a}`);
      assert.equal(res.status, 200, a);
      bytes += (await res.arrayBuffer()).byteLength;
    }
    assert.ok(bytes < 150 * 1024, `${bytes} bytes`);
  });
});

describe('customer portal in production mode', function () {
  this.timeout(20_000);
  let care: CareFixture;
  let http: Server;
  let base: string;
  before(async () => {
    care = await makeCare();
    const secret = 'x'.repeat(40);
    const app = express();
    app.use(makePortalRouter({
      care: care.care,
      sessions: createPortalSessions(createTokenSigner(secret, { clock: care.clock }), care.care.sessions),
      clock: care.clock,
      secure: true,
      csrfSecret: secret,
      limits: { registrations: createThrottle({ points: 1, durationSec: 3600 }) },
    }));
    http = app.listen(0, '127.0.0.1');
    await new Promise((resolve) => http.once('listening', resolve));
    base = `http://127.0.0.1:${(http.address() as AddressInfo).port}`;
  });
  after(async () => {
    http?.close();
    await care?.close();
  });

  it('when signed in, then the session cookie is Secure, and the CSRF cookie is __Host- prefixed', async () => {
    const c = new CookieClient(base);
    const page = await c.get('/sign-in');
    assert.ok(page.setCookies.some((s) => s.startsWith('__Host-telecare_portal_csrf=') && /Secure/.test(s)));
    const res = await c.post('/sign-in', { _csrf: csrfOf(page.body), mode: 'pin', id: dana.accountNumber, pin: dana.pin });
    assert.match(res.setCookies.find((s) => s.startsWith('telecare_portal=')) ?? '', /HttpOnly; Secure; SameSite=Lax/);
  });

  it('when registrations from one address pass the API\'s budget, then the next is refused (429) and no customer is made', async () => {
    const register = async (c: CookieClient, n: number) => {
      const page = await c.get('/register');
      const key = /name="key" value="([^"]+)"/.exec(page.body)?.[1] as string;
      return c.post('/register', { _csrf: csrfOf(page.body), key, firstName: 'Lee', lastName: `Budget${n}`, email: `lee.budget${n}@example.com`, phone: `+1 618 555 01${60 + n}`, line1: '1 Main St', line2: '', city: 'Springfield', region: 'IL', postalCode: '62704', pin: '2580', password: '' });
    };
    assert.equal((await register(new CookieClient(base), 1)).status, 303);
    const refused = await register(new CookieClient(base), 2);
    assert.equal(refused.status, 429);
    assert.match(refused.body, /Too many attempts/);
    assert.deepEqual(await care.stores.customers.find({ email: 'lee.budget2@example.com' }), []);
  });
});
