import assert from 'node:assert/strict';
import { ConfigError, generatedSecrets, loadConfig, wasGiven } from '../../../src/config/config';

const PRODUCTION = { NODE_ENV: 'production', SESSION_SECRET: 'x'.repeat(40), TWILIO_AUTH_TOKEN: 'y'.repeat(32), PUBLIC_BASE_URL: 'https://care.example.com' };

describe('config', () => {
  it('when nothing is set outside production, then it starts on embedded defaults', () => {
    const c = loadConfig({});
    assert.equal(c.port, 3000);
    assert.equal(c.mongodbUri, undefined);
    assert.equal(c.redisUrl, undefined);
    assert.equal(c.demoData, true);
  });

  it('when production lacks secrets, then it names each missing variable', () => {
    assert.throws(() => loadConfig({ NODE_ENV: 'production' }), (e: unknown) => {
      assert.ok(e instanceof ConfigError);
      assert.match(e.message, /SESSION_SECRET is required in production/);
      assert.match(e.message, /TWILIO_AUTH_TOKEN is required in production/);
      return true;
    });
  });

  it('when retention is not set, then interactions are kept 400 days and transcripts 90; transcripts may not outlive interactions', () => {
    const c = loadConfig({});
    assert.deepEqual([c.interactionRetentionDays, c.transcriptRetentionDays], [400, 90]);
    assert.throws(() => loadConfig({ INTERACTION_RETENTION_DAYS: '30', TRANSCRIPT_RETENTION_DAYS: '60' }), /TRANSCRIPT_RETENTION_DAYS must not exceed INTERACTION_RETENTION_DAYS/);
    assert.throws(() => loadConfig({ TRANSCRIPT_RETENTION_DAYS: '3' }), /TRANSCRIPT_RETENTION_DAYS="3" is invalid/);
  });

  it('when a value has the wrong shape, then the error names the variable and the value', () => {
    assert.throws(() => loadConfig({ REDIS_URL: 'localhost:6379' }), /REDIS_URL="localhost:6379" is invalid: must start with redis:\/\//);
    assert.throws(() => loadConfig({ PORT: '70000' }), /PORT="70000" is invalid/);
  });

  it('when signature validation is switched off outside development, then start-up is refused', () => {
    assert.throws(
      () => loadConfig({ ...PRODUCTION, TWILIO_VALIDATE_SIGNATURE: 'false' }),
      /TWILIO_VALIDATE_SIGNATURE=false is allowed only when NODE_ENV is development/,
    );
    assert.equal(loadConfig({ NODE_ENV: 'development', TWILIO_VALIDATE_SIGNATURE: 'false' }).twilioValidateSignature, false);
  });

  it('when production lacks PUBLIC_BASE_URL, then start-up is refused naming it', () => {
    const { PUBLIC_BASE_URL: _, ...rest } = PRODUCTION;
    assert.throws(() => loadConfig(rest), /PUBLIC_BASE_URL is required in production/);
    assert.equal(loadConfig(PRODUCTION).publicBaseUrl, 'https://care.example.com');
  });

  it('when production sets nothing else, then demo data, the demo chat page and the loopback bind are off; DEMO_DATA=true turns the demo on', () => {
    const c = loadConfig(PRODUCTION);
    assert.equal(c.demoData, false);
    assert.equal(c.demoChatPage, false);
    assert.equal(c.host, '0.0.0.0');
    assert.equal(loadConfig({ ...PRODUCTION, DEMO_DATA: 'true' }).demoData, true);
    assert.equal(loadConfig({ ...PRODUCTION, DEMO_CHAT_PAGE: 'true' }).demoChatPage, true);
  });

  it('when SESSION_SECRET is unset outside production, then each process gets its own random secret and says so', () => {
    const a = loadConfig({});
    const b = loadConfig({});
    assert.notEqual(a.sessionSecret, b.sessionSecret);
    assert.ok(a.sessionSecret.length >= 32);
    assert.deepEqual(generatedSecrets(a), ['SESSION_SECRET']);
    const given = loadConfig({ SESSION_SECRET: 's'.repeat(40) });
    assert.equal(given.sessionSecret, 's'.repeat(40));
    assert.deepEqual(generatedSecrets(given), []);
  });

  it('when HOST is unset outside production, then it is loopback; a non-loopback HOST needs its own TWILIO_AUTH_TOKEN', () => {
    assert.equal(loadConfig({}).host, '127.0.0.1');
    assert.throws(() => loadConfig({ HOST: '0.0.0.0' }), /TWILIO_AUTH_TOKEN is required when HOST \(0\.0\.0\.0\) is not a loopback address/);
    assert.equal(loadConfig({ HOST: '0.0.0.0', TWILIO_AUTH_TOKEN: 'z'.repeat(32) }).twilioAuthToken, 'z'.repeat(32));
    assert.equal(loadConfig({ HOST: '::1' }).host, '::1');
  });

  it('when TRUST_PROXY is set, then it becomes what Express takes: a boolean, a hop count or a list of addresses', () => {
    assert.equal(loadConfig({}).trustProxy, false);
    assert.equal(loadConfig({ TRUST_PROXY: 'true' }).trustProxy, true);
    assert.equal(loadConfig({ TRUST_PROXY: '2' }).trustProxy, 2);
    assert.deepEqual(loadConfig({ TRUST_PROXY: '10.0.0.0/8, loopback,fd00::/8,203.0.113.7' }).trustProxy, ['10.0.0.0/8', 'loopback', 'fd00::/8', '203.0.113.7']);
    assert.throws(() => loadConfig({ TRUST_PROXY: '10.0.0.0/8,proxy.example' }), /TRUST_PROXY="10\.0\.0\.0\/8,proxy\.example" is invalid: "proxy\.example" is not/);
    assert.throws(() => loadConfig({ TRUST_PROXY: '10.0.0.0/33' }), /TRUST_PROXY=/);
  });

  it('when METRICS_TOKEN is short, then it is refused; PUBLIC_BASE_URL counts as given only when set', () => {
    assert.throws(() => loadConfig({ METRICS_TOKEN: 'short' }), /METRICS_TOKEN="short" is invalid/);
    assert.equal(wasGiven(loadConfig({}), 'publicBaseUrl'), false);
    assert.equal(wasGiven(loadConfig({ PUBLIC_BASE_URL: 'https://care.example.com' }), 'publicBaseUrl'), true);
  });
});
