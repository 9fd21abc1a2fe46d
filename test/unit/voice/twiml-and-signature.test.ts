import assert from 'node:assert/strict';
import twilio from 'twilio';
import { expectedSignature, isValidTwilioSignature } from '../../../src/channels/voice/twilio-signature';
import { createTwimlRenderer } from '../../../src/channels/voice/twiml/render-twiml';
import { hear, parseXml } from '../../../src/channels/voice/twiml/twiml-reader';

const TOKEN = 'unit-test-auth-token-000000000000';

describe('voice: Twilio signatures', () => {
  const url = 'https://ivr.example.test/voice/step?s=4';
  const params = { CallSid: `CA${'1'.repeat(32)}`, Digits: '1', From: '+12175550142', SpeechResult: 'café & más' };

  it('when our fast signature is computed, then it equals the twilio package\'s', () => {
    assert.equal(expectedSignature(TOKEN, url, params), twilio.getExpectedTwilioSignature(TOKEN, url, params));
  });

  it('when the signature, URL, params or token differ, then validation fails', () => {
    const good = twilio.getExpectedTwilioSignature(TOKEN, url, params);
    assert.equal(isValidTwilioSignature(TOKEN, good, url, params), true);
    assert.equal(isValidTwilioSignature(TOKEN, undefined, url, params), false);
    assert.equal(isValidTwilioSignature(TOKEN, good, url.replace('s=4', 's=5'), params), false);
    assert.equal(isValidTwilioSignature(TOKEN, good, url, { ...params, Digits: '2' }), false);
    assert.equal(isValidTwilioSignature('another-token-0000000000000000', good, url, params), false);
  });

  it('when Twilio signed the URL with the default port, then the fallback still accepts it', () => {
    const withPort = 'https://ivr.example.test:443/voice/step?s=4';
    const sig = twilio.getExpectedTwilioSignature(TOKEN, withPort, params);
    assert.equal(isValidTwilioSignature(TOKEN, sig, url, params), true);
  });
});

describe('voice: TwiML rendering', () => {
  const renderer = createTwimlRenderer({ stepUrl: 'https://ivr.example.test/voice/step', locales: { en: { voice: 'Polly.Joanna-Neural', language: 'en-US' }, es: { voice: 'Polly.Lupe-Neural', language: 'es-US' } } });
  const plan = { locale: 'en' as const, say: [{ text: 'For bills & payments, press 1.' }, { text: 'Para español, oprima 2.', locale: 'es' as const }], gather: { input: 'dtmf speech' as const, timeout: 6, speechTimeout: 'auto' as const, numDigits: 1, hints: ['bill', 'agent'] } };

  it('when a gather plan is rendered, then the TwiML asks with the right voices, posts to the step with its sequence and redirects on silence', () => {
    const heard = hear(renderer.render(plan, 7));
    assert.deepEqual(heard.says, [{ text: 'For bills & payments, press 1.', language: 'en-US' }, { text: 'Para español, oprima 2.', language: 'es-US' }]);
    assert.equal(heard.gather?.action, 'https://ivr.example.test/voice/step?s=7');
    assert.equal(heard.gather?.actionOnEmptyResult, true);
    assert.equal(heard.gather?.input, 'dtmf speech');
    assert.equal(heard.gather?.hints, 'bill, agent');
    assert.equal(heard.redirect, 'https://ivr.example.test/voice/step?s=7');
  });

  it('when the same plan is rendered for another step, then it comes from the cache with only the sequence changed', () => {
    const a = renderer.render(plan, 7);
    const size = renderer.size();
    const b = renderer.render(plan, 8);
    assert.equal(renderer.size(), size);
    assert.equal(b, a.replaceAll('s=7', 's=8'));
  });

  it('when an escalation plan is rendered, then the caller is enqueued with a wait URL', () => {
    const heard = hear(renderer.render({ locale: 'es', say: [{ text: 'Le transfiero.' }], end: { kind: 'enqueue', queue: 'billing', waitUrl: 'https://ivr.example.test/voice/wait?l=es' } }, 3));
    assert.deepEqual(heard.enqueue, { queue: 'billing', waitUrl: 'https://ivr.example.test/voice/wait?l=es', workflowSid: undefined, task: undefined });
  });

  it('when XML is broken, then the reader says so', () => {
    assert.throws(() => parseXml('<Response><Say>hi</Response>'), /closes <Say>/);
  });
});
