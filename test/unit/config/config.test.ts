import assert from 'node:assert/strict';
import { ConfigError, loadConfig } from '../../../src/config/config';

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
      () => loadConfig({ NODE_ENV: 'production', TWILIO_VALIDATE_SIGNATURE: 'false', SESSION_SECRET: 'x'.repeat(40), TWILIO_AUTH_TOKEN: 'y'.repeat(32) }),
      /TWILIO_VALIDATE_SIGNATURE=false is allowed only when NODE_ENV is development/,
    );
    assert.equal(loadConfig({ NODE_ENV: 'development', TWILIO_VALIDATE_SIGNATURE: 'false' }).twilioValidateSignature, false);
  });
});
