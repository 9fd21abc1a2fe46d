/** The console's cookies in production: Secure, and the CSRF cookie with the __Host- prefix. */
import assert from 'node:assert/strict';
import express from 'express';
import request from 'supertest';
import { makeConsoleRouter } from '../../../src/channels/console';
import { createStaffDesk } from '../../../src/domain/staff/staff-desk';
import { createTokenSigner } from '../../../src/shared/tokens';
import { startApi, type Api } from '../api/api-harness';
import { BILLING_CSR } from '../staff/staff-harness';
import { csrfOf } from './console-harness';

describe('CSR console in production', () => {
  let api: Api;
  beforeEach(async () => {
    api = await startApi();
  });
  afterEach(() => api.close());

  it('when the console runs with secure cookies, then the CSRF and session cookies are Secure, httpOnly and SameSite=Strict', async () => {
    const { deps, care } = api.runtime;
    const desk = createStaffDesk({ ...deps, escalations: care.escalations, dispositions: () => [] });
    const secret = 'a-test-secret-that-is-long-enough-0123456789';
    const app = express().use('/console', makeConsoleRouter({ desk, tokens: createTokenSigner(secret, { clock: deps.clock }), events: deps.events, clock: deps.clock, tokenTtlSeconds: 3600, secure: true, csrfSecret: secret, timeZone: () => 'America/Chicago' }));

    const form = await request(app).get('/console/sign-in');
    const csrfCookie = ([] as string[]).concat(form.headers['set-cookie'] ?? []).find((c) => c.startsWith('__Host-telecare_console_csrf='));
    assert.ok(csrfCookie, 'the CSRF cookie takes the __Host- prefix');
    assert.match(csrfCookie, /; Secure/i);
    assert.match(csrfCookie, /; HttpOnly/i);
    assert.match(csrfCookie, /; SameSite=Strict/i);
    assert.match(csrfCookie, /; Path=\/(;|$)/);

    const res = await request(app).post('/console/sign-in').set('Cookie', csrfCookie.split(';')[0] as string).type('form').send({ _csrf: csrfOf(form.text), username: BILLING_CSR.username, password: BILLING_CSR.password });
    assert.equal(res.status, 303);
    const session = ([] as string[]).concat(res.headers['set-cookie'] ?? []).find((c) => c.startsWith('telecare_console='));
    assert.ok(session);
    assert.match(session, /; Secure/i);
    assert.match(session, /; HttpOnly/i);
    assert.match(session, /; SameSite=Strict/i);
  });
});
