/**
 * The voice channel as bootstrap mounts it: /voice answers signed Twilio webhooks in the whole
 * app; a broken flow stops start-up; signature checks can be off only in development.
 */
import assert from 'node:assert/strict';
import path from 'node:path';
import express from 'express';
import request from 'supertest';
import twilio from 'twilio';
import { loadConfig } from '../../../src/config/config';
import { bootstrap, StartupError } from '../../../src/bootstrap';
import { createVoiceChannel } from '../../../src/channels/voice';
import { createMemoryCallStateStore } from '../../../src/adapters/voice-state/memory-call-state';
import { makeCare, ROOT } from '../../support/care-fixture';

const TOKEN = 'bootstrap-test-auth-token-00000000';
const env = (more: Record<string, string> = {}) =>
  loadConfig({ NODE_ENV: 'test', LOG_LEVEL: 'silent', PORT: '0', PUBLIC_BASE_URL: 'https://ivr.example.test', TWILIO_AUTH_TOKEN: TOKEN, IVR_FLOWS_DIR: path.join(ROOT, 'ivr-flows'), CATALOG_FILE: path.join(ROOT, 'catalog/catalog.json'), RULES_DIR: path.join(ROOT, 'rules'), ...more });

describe('voice: mounted by bootstrap', () => {
  it('when the app starts, then a signed incoming call gets the language menu as TwiML', async () => {
    const runtime = await bootstrap(env(), { overrides: { inMemory: true, watchFiles: false, workerInProcess: false } });
    try {
      const params = { CallSid: `CA${'4'.repeat(32)}`, From: '+12175550145', To: '+12175550100', CallStatus: 'ringing' };
      const signature = twilio.getExpectedTwilioSignature(TOKEN, 'https://ivr.example.test/voice/incoming', params);
      const res = await request(runtime.app).post('/voice/incoming').type('form').set('X-Twilio-Signature', signature).send(params);
      assert.equal(res.status, 200);
      assert.match(res.headers['content-type'], /text\/xml/);
      assert.match(res.text, /<Gather [^>]*action="https:\/\/ivr\.example\.test\/voice\/step\?s=1"/);
      const forged = await request(runtime.app).post('/voice/incoming').type('form').set('X-Twilio-Signature', 'AAAA').send(params);
      assert.equal(forged.status, 403);
    } finally {
      await runtime.close();
    }
  });

  it('when /voice is mounted ahead of the app, then it still gets the security headers, a request id, metrics, and the app 404 for unknown paths', async () => {
    const runtime = await bootstrap(env(), { overrides: { inMemory: true, watchFiles: false, workerInProcess: false } });
    try {
      const params = { CallSid: `CA${'6'.repeat(32)}`, From: '+12175550145', To: '+12175550100', CallStatus: 'ringing' };
      const signature = twilio.getExpectedTwilioSignature(TOKEN, 'https://ivr.example.test/voice/incoming', params);
      const res = await request(runtime.app).post('/voice/incoming').type('form').set('X-Twilio-Signature', signature).set('X-Request-Id', 'voice-hot-0001').send(params);
      assert.equal(res.status, 200);
      assert.equal(res.headers['x-request-id'], 'voice-hot-0001');
      assert.equal(res.headers['x-content-type-options'], 'nosniff');
      const missing = await request(runtime.app).get('/voice/no-such-route');
      assert.equal(missing.status, 404);
      assert.match(missing.headers['content-type'], /application\/problem\+json/);
      assert.equal(missing.body.code, 'ROUTE_NOT_FOUND');
      assert.equal(missing.headers['x-content-type-options'], 'nosniff', 'headers set once, by the inline middlewares');
      const metrics = await request(runtime.app).get('/metrics');
      assert.match(metrics.text, /http_request_duration_seconds_count\{[^}]*route="\/voice\/incoming"[^}]*\} [1-9]/);
      assert.equal((await request(runtime.app).get('/healthz')).status, 200, 'other paths are untouched');
    } finally {
      await runtime.close();
    }
  });

  it('when a flow is broken, then start-up stops naming the file, step and reason', async () => {
    await assert.rejects(
      bootstrap(env({ IVR_FLOWS_DIR: path.join(ROOT, 'test/fixtures/ivr-flows/bad-target') }), { overrides: { inMemory: true, watchFiles: false, workerInProcess: false } }),
      (e: unknown) => e instanceof StartupError && /IVR_FLOWS_DIR: [\s\S]*flow\.yaml: step "anything-else": next\.no -> "good-bye" is not a step/.test(e.message),
    );
  });

  it('when signature checks are off, then production refuses and development warns at start-up', async () => {
    const fx = await makeCare();
    try {
      const base = { publicBaseUrl: 'https://ivr.example.test', twilioAuthToken: TOKEN, twilioValidateSignature: false, ivrFlowsDir: path.join(ROOT, 'ivr-flows'), twilioWorkflowSid: undefined } as const;
      const callState = createMemoryCallStateStore({ ttlSec: 60 });
      assert.throws(() => createVoiceChannel({ care: fx.care, callState, config: { ...base, env: 'production' } }), /cannot be turned off in production/);
      const warnings: string[] = [];
      const logger = { info() {}, debug() {}, error() {}, warn: (_o: object, msg?: string) => void warnings.push(msg ?? '') };
      const app = express().use('/voice', createVoiceChannel({ care: fx.care, callState, logger, config: { ...base, env: 'development' } }));
      assert.match(warnings.join('\n'), /validation is OFF \(development only\)/);
      const res = await request(app).post('/voice/incoming').type('form').send({ CallSid: `CA${'5'.repeat(32)}`, From: '+12175550145' });
      assert.equal(res.status, 200);
    } finally {
      await fx.close();
    }
  });
});
