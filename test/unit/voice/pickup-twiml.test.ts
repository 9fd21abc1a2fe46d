/** The pickup TwiML: who the caller hears, what is dialled, what the CSR is whispered. */
import assert from 'node:assert/strict';
import { loadFlows } from '../../../src/channels/voice';
import { dialTwiml, whisperTwiml } from '../../../src/channels/voice/pickup-twiml';
import type { DialPlan } from '../../../src/domain/staff/voice-pickup';
import { ROOT } from '../../support/care-fixture';

const flows = loadFlows(`${ROOT}/ivr-flows`);
const opts = { flows, whisperUrl: 'https://ivr.example.test/voice/pickup/whisper', afterUrl: 'https://ivr.example.test/voice/pickup/after' };

describe('voice pickup TwiML', () => {
  it('when the CSR has no phone, then their Twilio Client identity is dialled, with the whisper URL on it', () => {
    const plan: DialPlan = { csrName: 'Pat Lee', target: { kind: 'client', identity: 'pat.lee' }, whisper: { verified: false, reason: 'no dial tone' } };
    const xml = dialTwiml(opts, 'esc-1', plan, 'en');
    assert.match(xml, /<Say [^>]*>Connecting you to Pat Lee now\.<\/Say><Dial action="https:\/\/ivr\.example\.test\/voice\/pickup\/after\?e=esc-1&amp;l=en" method="POST"><Client url="https:\/\/ivr\.example\.test\/voice\/pickup\/whisper\?e=esc-1" method="POST">pat\.lee<\/Client><\/Dial>/);
  });

  it('when the caller chose Spanish, then the announcement is in Spanish, while the whisper stays in the staff language', () => {
    const plan: DialPlan = { csrName: 'Alex Morgan', target: { kind: 'phone', number: '+12175550190' }, whisper: { verified: false, reason: 'no dial tone' } };
    assert.match(dialTwiml(opts, 'esc-1', plan, 'es'), /<Say voice="Polly\.Lupe-Neural" language="es-US">Le comunicamos ahora con Alex Morgan\.<\/Say>/);
    assert.match(whisperTwiml(opts, plan), /<Say [^>]*language="en-US">Not verified\. Reason: no dial tone\.<\/Say>/);
  });

  it('when the customer is verified, then the whisper names them', () => {
    const plan: DialPlan = { csrName: 'Alex Morgan', target: { kind: 'phone', number: '+12175550190' }, whisper: { customerName: 'Dana Whitfield', verified: true, reason: 'question about a charge' } };
    assert.match(whisperTwiml(opts, plan), />Customer Dana Whitfield\. Reason: question about a charge\.<\/Say>/);
  });
});
