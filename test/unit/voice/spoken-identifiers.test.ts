import assert from 'node:assert/strict';
import { digitGroups, identifiersSpoken, speakDigits, speakIdentifier, speakPhoneNumber } from '../../../src/shared/format/speech/speak-identifier';
import { speakFact } from '../../../src/shared/format/speech/speak-facts';
import { speakText } from '../../../src/shared/format/speech/speak-text';
import { spokenPrompt } from '../../../src/channels/voice/speech/spoken-prompt';
import { hintProblems, identifierReadAsNumber, problemsIn } from '../../e2e/voice/support/spoken-rules';
import { hintList, hintPhrase, MAX_HINTS } from '../../../src/channels/voice/interpreter/speech-hints';
import { englishNumber, spanishNumber } from '../../../src/shared/format/speech/number-words';

describe('voice speech: identifiers read digit by digit', () => {
  it('when digits are grouped, then groups are of three and four and no digit is left alone', () => {
    assert.deepEqual(digitGroups('31000101'), ['3100', '0101']);
    assert.deepEqual(digitGroups('300011'), ['300', '011']);
    assert.deepEqual(digitGroups('1234567'), ['123', '4567']);
    assert.deepEqual(digitGroups('1234567890'), ['123', '456', '7890']);
    assert.deepEqual(digitGroups('62701'), ['62701']);
    for (let n = 6; n <= 20; n += 1) {
      const groups = digitGroups('7'.repeat(n));
      assert.equal(groups.join(''), '7'.repeat(n));
      assert.ok(groups.every((g) => g.length === 3 || g.length === 4), `${n} digits: ${groups.join('|')}`);
    }
  });

  it('when an account number is said, then it is "3 1 0 0, 0 1 0 1" in both languages, never a quantity', () => {
    assert.equal(speakDigits('31000101'), '3 1 0 0, 0 1 0 1');
    assert.equal(speakIdentifier('31000101', 'en'), '3 1 0 0, 0 1 0 1');
    assert.equal(speakIdentifier('31000101', 'es'), '3 1 0 0, 0 1 0 1');
    assert.equal(speakFact('31000101', 'en'), '3 1 0 0, 0 1 0 1');
  });

  it('when a phone number is said whole, then the North American +1 is dropped and the rest grouped 3-3-4', () => {
    assert.equal(speakPhoneNumber('+12175550142'), '2 1 7, 5 5 5, 0 1 4 2');
    assert.equal(speakFact('+12175550142', 'es'), '2 1 7, 5 5 5, 0 1 4 2');
    assert.equal(speakPhoneNumber('+442071234567'), '4 4 2 0, 7 1 2 3, 4 5 6 7');
  });

  it('when a typed reference is said, then its prefix is not, and a long one is told by its last six characters', () => {
    assert.equal(speakIdentifier('LN-300011', 'en'), '3 0 0, 0 1 1');
    assert.equal(speakIdentifier('ord_01J9ZK3M8QX4T7VBN2CD', 'en'), 'ending in V B N, 2 C D');
    assert.equal(speakIdentifier('tkt_01J9ZK3M8QX4T7VBN2CD', 'es'), 'terminado en V B N, 2 C D');
  });

  it('when facts are prepared for speech, then only identifier facts change', () => {
    const facts = { accountNumber: '31000101', ending: '0142', postalCode: '62701', amount: { amountMinor: 4250, currency: 'USD' }, n: '1', firstName: 'Dana' };
    assert.deepEqual(identifiersSpoken(facts, 'en'), { ...facts, accountNumber: '3 1 0 0, 0 1 0 1', ending: '0 1 4 2', postalCode: '6 2 7 0 1' });
    const none = { n: '1' };
    assert.equal(identifiersSpoken(none, 'en'), none, 'no copy when there is nothing to change');
  });

  it('when a sentence carries an identifier as written text, then the last pass reads it as digits and leaves amounts alone', () => {
    assert.equal(speakText('Your account 31000101 is open.', 'en'), 'Your account 3 1 0 0, 0 1 0 1 is open.');
    assert.equal(speakText('For 418 Cedar Avenue, Riverton, IL, 62701, press 1.', 'en'), 'For 418 Cedar Avenue, Riverton, IL, 6 2 7 0 1, press 1.');
    assert.equal(speakText('At 12 Lake Shore Drive, Lakeview, Illinois, 62705-1234. Your quote', 'en'), 'At 12 Lake Shore Drive, Lakeview, Illinois, 6 2 7 0 5, 1 2 3 4. Your quote');
    assert.equal(speakText('100 international minutes to 60 countries, 12345 texts', 'en'), '100 international minutes to 60 countries, 12345 texts');
    assert.equal(speakText('un cargo de $1,250,000.00', 'es'), 'un cargo de un millón doscientos cincuenta mil dólares');
  });

  it('when a prompt names an identifier, then every voice path says it digit by digit (English and Spanish)', () => {
    assert.equal(spokenPrompt('Your account number is {accountNumber}.', { accountNumber: '40012345' }, 'en'), 'Your account number is 4 0 0 1, 2 3 4 5.');
    assert.equal(spokenPrompt('Su número de cuenta es {accountNumber}.', { accountNumber: '40012345' }, 'es'), 'Su número de cuenta es 4 0 0 1, 2 3 4 5.');
    assert.equal(spokenPrompt('We will call you back at {number}.', { number: '+12175550142' }, 'en'), 'We will call you back at 2 1 7, 5 5 5, 0 1 4 2.');
    assert.equal(spokenPrompt('Due {dueDate}, {amount}.', { dueDate: '2026-12-03', amount: { amountMinor: 150000, currency: 'USD' } }, 'en'), 'Due December 3rd, one thousand five hundred dollars.');
  });
});

describe('the prompt sweep rules: identifiers', () => {
  it('when an identifier is a raw run of digits, then the sweep reports it', () => {
    assert.deepEqual(problemsIn(['Your account number is 31000101.']).map((p) => p.rule), ['identifier as a raw run of digits']);
  });

  it('when an identifier was turned into a quantity, then the sweep reports it in either language', () => {
    assert.equal(identifierReadAsNumber(`Your account number is ${englishNumber(31000101)}.`), 'thirty-one million one hundred one');
    assert.equal(identifierReadAsNumber(`Su número de cuenta es ${spanishNumber(31000101)}.`), 'treinta y un millones ciento uno');
    assert.ok(problemsIn([`Reference ${englishNumber(300011)}, press 1.`]).some((p) => p.rule.startsWith('identifier read as a number')));
  });

  it('when money, small numbers and spaced digits are said, then the sweep finds nothing', () => {
    const fine = [
      'Your balance is one thousand five hundred dollars and twenty cents, due December 3rd.',
      'Su saldo es de un millón de dólares, y mil quinientos dólares con veinte centavos.',
      'Your account number is 3 1 0 0, 0 1 0 1. For 100 international minutes, press 1.',
      'For 1290 Elm Street, Riverton, IL, 6 2 7 0 4, press 1.',
    ];
    for (const text of fine) assert.deepEqual(problemsIn([text]), [], text);
  });
});

describe('speech hints: phrases a recogniser can use', () => {
  it('when a label carries a date, a bill month, a phone number or punctuation, then its hint is the words a caller says', () => {
    assert.equal(hintPhrase('2026-11-23T14:00:00.000Z', 'en', 'America/Chicago'), 'November 23rd');
    assert.equal(hintPhrase('2026-11-23', 'es'), '23 de noviembre');
    assert.equal(hintPhrase('Late payment fee (2026-10 bill)', 'en'), 'Late payment fee October 2026 bill');
    assert.equal(hintPhrase('Brightwave Home Phone +16185550142', 'en'), 'Brightwave Home Phone');
    assert.equal(hintPhrase('Recording: Cloud DVR, 50 hours', 'en'), 'Recording Cloud DVR 50 hours');
    assert.equal(hintPhrase('Mesh Wi-Fi 6.5 extender.', 'en'), 'Mesh Wi-Fi 6.5 extender');
    assert.equal(hintPhrase('x'.repeat(101), 'en'), undefined);
    assert.equal(hintPhrase(' , ', 'en'), undefined);
  });

  it('when phrases repeat in another case or exceed the cap, then each is kept once and the list stops at the cap', () => {
    assert.deepEqual(hintList(['Fiber 500', 'fiber 500', undefined, 'TV']), ['Fiber 500', 'TV']);
    assert.equal(hintList(Array.from({ length: 300 }, (_, i) => `p${i}`)).length, MAX_HINTS);
  });

  it('when a hints list breaks Twilio\'s limits or names a raw value, then the sweep reports it', () => {
    const limits = { maxHints: 3, maxChars: 10 };
    assert.deepEqual(hintProblems('a, b', limits), []);
    assert.deepEqual(hintProblems('a, b, c, d', limits).map((p) => p.rule), ['4 hints (at most 3)']);
    assert.deepEqual(hintProblems('2026-11-23, a', limits).map((p) => p.rule), ['ISO date in a hint']);
    assert.deepEqual(hintProblems('a, elevenchars', limits).map((p) => p.rule), ['hint over 10 characters']);
    assert.deepEqual(hintProblems('+12175550142', { maxHints: 3, maxChars: 100 }).map((p) => p.rule), ['E.164 number in a hint']);
    assert.deepEqual(hintProblems('TV, tv', limits).map((p) => p.rule), ['repeated hints (tv)']);
  });
});
