import assert from 'node:assert/strict';
import { englishNumber, spanishNumber } from '../../../src/shared/format/speech/number-words';
import { speakDate, speakFact, speakMoney, speakMonth } from '../../../src/shared/format/speech/speak-facts';
import { fillTemplate } from '../../../src/channels/voice/flows/prompt-template';
import { messageProblems } from '../../../src/shared/wording/render';

const usd = (amountMinor: number) => ({ amountMinor, currency: 'USD' });

describe('voice speech: numbers, money and dates read naturally', () => {
  const money: [number, string, string][] = [
    [4250, 'forty-two dollars and fifty cents', 'cuarenta y dos dólares con cincuenta centavos'],
    [100, 'one dollar', 'un dólar'],
    [2100, 'twenty-one dollars', 'veintiún dólares'],
    [1, 'one cent', 'un centavo'],
    [0, 'zero dollars', 'cero dólares'],
    [19645, 'one hundred ninety-six dollars and forty-five cents', 'ciento noventa y seis dólares con cuarenta y cinco centavos'],
    [10000, 'one hundred dollars', 'cien dólares'],
    [150000, 'one thousand five hundred dollars', 'mil quinientos dólares'],
    [-1500, 'a credit of fifteen dollars', 'un saldo a favor de quince dólares'],
  ];
  for (const [minor, en, es] of money) {
    it(`when ${minor} cents are read, then English says "${en}" and Spanish "${es}"`, () => {
      assert.equal(speakMoney(usd(minor), 'en'), en);
      assert.equal(speakMoney(usd(minor), 'es'), es);
    });
  }

  it('when numbers have tens, hundreds and thousands, then the words are right in both languages', () => {
    assert.equal(englishNumber(2_000_017), 'two million seventeen');
    assert.equal(spanishNumber(2_000_017), 'dos millones diecisiete');
    assert.equal(spanishNumber(555), 'quinientos cincuenta y cinco');
    assert.equal(spanishNumber(21_000), 'veintiún mil');
  });

  it('when a date or date-time is read, then it sounds like a person says it', () => {
    assert.equal(speakDate('2026-12-03', 'en'), 'December 3rd');
    assert.equal(speakDate('2026-12-03', 'es'), '3 de diciembre');
    assert.equal(speakDate('2026-11-22T14:00:00.000Z', 'en', 'UTC'), 'November 22nd at 2:00 PM');
    assert.equal(speakDate('2026-11-22T08:00:00.000Z', 'es', 'America/Chicago'), '22 de noviembre a las 2:00');
    assert.equal(speakDate('2026-11-11', 'en'), 'November 11th');
  });

  it("when a bill's period is read, then it is its month and year", () => {
    assert.equal(speakMonth('2026-11', 'en'), 'November 2026');
    assert.equal(speakMonth('2027-01', 'es'), 'enero de 2027');
  });

  it('when notes are whole sentences, then they are read one after another', () => {
    assert.equal(speakFact(['One.', 'Two'], 'en'), 'One. Two.');
    assert.equal(speakFact(['TV', 'phone', 'internet'], 'es'), 'TV, phone y internet');
  });
});

describe('voice prompts through the one ICU engine', () => {
  it('when all facts are present, then arguments are spoken and optional parts said', () => {
    const text = fillTemplate('Your balance is {balance}{dueDate, select, none {} other {, due {dueDate}}}.{overdue, select, none {} other { Overdue.}}', { balance: usd(4250), dueDate: '2026-12-03', overdue: true }, 'en');
    assert.equal(text, 'Your balance is forty-two dollars and fifty cents, due December 3rd. Overdue.');
  });

  it('when a fact is null or false, then its optional part is dropped', () => {
    const text = fillTemplate('Balance {balance}.{last, select, none {} other { Last payment {last} on {lastDate, date, day}.}}{overdue, select, none {} other { Overdue.}}', { balance: usd(0), last: null, lastDate: null, overdue: false }, 'en');
    assert.equal(text, 'Balance zero dollars.');
  });

  it('when a date argument is given a date-time, then only the day is read', () => {
    assert.equal(fillTemplate('on {d, date, day}', { d: '2026-10-30T15:00:00.000Z' }, 'en'), 'on October 30th');
  });

  it('when a count is 1 or more, then the plural follows the language', () => {
    const en = '{n, select, none {} other {You have {n, plural, one {# try} other {# tries}} left.}}';
    assert.equal(fillTemplate(en, { n: 1 }, 'en'), 'You have 1 try left.');
    assert.equal(fillTemplate(en, { n: 2 }, 'en'), 'You have 2 tries left.');
    assert.equal(fillTemplate(en, {}, 'en'), '');
    assert.equal(fillTemplate('{n, plural, one {Le queda # intento} other {Le quedan # intentos}}.', { n: 1 }, 'es'), 'Le queda 1 intento.');
  });

  it('when a message is not valid ICU, then the checker names the problem', () => {
    assert.notDeepEqual(messageProblems('a {b'), []);
    assert.notDeepEqual(messageProblems('{n, plural, one {# try}}'), []);
    assert.deepEqual(messageProblems('ok {b} {c, select, none {} other {d}} {e, date, day}'), []);
  });
});
