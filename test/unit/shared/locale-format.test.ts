/** The one text formatter, and the voice's last pass that says written values as words. */
import assert from 'node:assert/strict';
import { formatAccount, formatCount, formatDateTime, formatDateTimeRange, formatInText, formatMoney, formatPhone } from '../../../src/shared/format/locale-format';
import { speakText } from '../../../src/shared/format/speech/speak-text';
import { renderMessage } from '../../../src/shared/wording/render';

const applyIcu = (message: string, facts: Record<string, unknown>, locale: string) => renderMessage(message, facts, { locale, medium: 'text', format: (v) => (v === undefined || v === null ? '' : String(v)) });

describe('one formatter: values as text and as speech', () => {
  it('when values are shown as text, then each locale writes them its way, times in the operator zone', () => {
    assert.equal(formatMoney({ amountMinor: 1234, currency: 'USD' }, 'en'), '$12.34');
    assert.equal(formatPhone('+16185550142'), '(618) 555-0142');
    assert.equal(formatAccount('12345678'), '1234 5678');
    assert.equal(formatCount(12500, 'en'), '12,500');
    assert.equal(formatDateTime('2026-12-01T14:00:00.000Z', 'en', 'America/Chicago'), 'Tue, Dec 1, 8:00 AM CST');
    assert.equal(formatInText('2026-11', 'es', 'America/Chicago'), 'noviembre de 2026');
    assert.equal(formatDateTimeRange('2026-12-01T14:00:00.000Z', '2026-12-01T18:00:00.000Z', 'en', 'America/Chicago').replace(/[\u202f\u2009]/g, ' '), 'Tuesday, December 1, 8:00 AM – 12:00 PM CST');
    assert.equal(formatInText('Brightwave Home Phone +16185550142', 'en', 'America/Chicago'), 'Brightwave Home Phone (618) 555-0142');
  });

  it('when a sentence with written values is spoken, then money, dates, months and numbers are words', () => {
    assert.equal(speakText('Your next bill includes $9.62 for the rest of this month.', 'en'), 'Your next bill includes nine dollars and sixty-two cents for the rest of this month.');
    assert.equal(speakText('For the 2026-11 bill', 'en'), 'For the November 2026 bill');
    assert.equal(speakText('until about 2028-11-27', 'en'), 'until about November 27th, 2028');
    assert.equal(speakText('Brightwave Home Phone +16185550142', 'en'), 'Brightwave Home Phone ending in 0 1 4 2');
    assert.equal(speakText('un cargo de $200.00', 'es'), 'un cargo de doscientos dólares');
  });
});

describe('ICU plurals in the wording (the one message engine)', () => {
  it('when one try is left, then it says "1 try"; when two, "2 tries"; in Spanish "Le queda 1 intento"', () => {
    const en = 'You have {n, plural, one {# try} other {# tries}} left.';
    assert.equal(applyIcu(en, { n: 1 }, 'en'), 'You have 1 try left.');
    assert.equal(applyIcu(en, { n: 2 }, 'en'), 'You have 2 tries left.');
    assert.equal(applyIcu('{n, plural, one {Le queda # intento} other {Le quedan # intentos}}.', { n: 1 }, 'es'), 'Le queda 1 intento.');
    assert.equal(applyIcu(en, { n: '1' }, 'en'), 'You have 1 try left.');
    assert.equal(applyIcu(`{n, select, none {} other {${en}}}`, {}, 'en'), '');
  });
});
