import assert from 'node:assert/strict';
import { redactCardData, redactDetail, redactText } from '../../../../src/domain/interactions/redaction';

const CARD = '[card redacted]';

/** [what the customer wrote, what is stored]. */
const CARD_FORMS: [string, string][] = [
  ['4111 1111 1111 1111', CARD],
  ['4111111111111111', CARD],
  ['4111-1111-1111-1111', CARD],
  ['my card is 4111 1111 1111 1111 exp 12/27 cvv 123', `my card is ${CARD}`],
  ['4111111111111111 12/27 123', CARD],
  ['4111-1111-1111-1111, 12/2027, 123', CARD],
  ['card 4111 1111 1111 1111 12/27 123 thanks', `card ${CARD} thanks`],
  ['Amex 3782 822463 10005 exp 01/29 cid 4321', `Amex ${CARD}`],
  ['5500 0000 0000 0004 expires 3/28 and the CVC is 999', CARD],
  ['number 4111111111111111 expiry: 12-27 security code: 321', `number ${CARD}`],
  ['6011 0009 9013 9424 (12/27) 123.', `${CARD}.`],
  ['12/27 4111 1111 1111 1111', CARD],
  ['exp 12/2027 card 4111 1111 1111 1111 cvv 123', `exp [redacted] card ${CARD}`],
  ['Diners 30569309025904 09/30', `Diners ${CARD}`],
  ['19 digits 6304 0000 0000 0000 018 ok', `19 digits ${CARD} ok`],
  ['13 digits 4222222222222 exp 11/26', `13 digits ${CARD}`],
  ['mi tarjeta 4111 1111 1111 1111 vence 12/27 código de seguridad 123', `mi tarjeta ${CARD}`],
  ['Please charge 4111 1111 1111 1111. Exp 12/27. CVV 123.', `Please charge ${CARD}.`],
];

const LABELLED: [string, string][] = [
  ['exp 12/27', 'exp [redacted]'],
  ['Exp. date 12/2027', 'Exp. date [redacted]'],
  ['expiry is 1/28', 'expiry is [redacted]'],
  ['expiration date: 04-2029', 'expiration date: [redacted]'],
  ['valid thru 05/26', 'valid thru [redacted]'],
  ['the cvv is 123', 'the cvv is [redacted]'],
  ['CVV2: 0123', 'CVV2: [redacted]'],
  ['cvc 999', 'cvc [redacted]'],
  ['security code 987', 'security code [redacted]'],
  ['code on the back is 456', 'code on the back is [redacted]'],
  ['código de seguridad 123', 'código de seguridad [redacted]'],
];

/** Text that is not card data and keeps its words (digit runs are masked later, as before). */
const NOT_CARDS = [
  'call me on +1 217 555 0142',
  'two phones 217 555 0142 217 555 0143',
  'my bill bill-31000105-2026-11 is wrong',
  'charged on 12/25 for 45.00',
  'account 31000101 pin 4821',
  'ticket opened 2026-11-20T15:00:00Z',
  'card ending 1111',
  'the code is in the letter',
];

describe('card data redaction', () => {
  for (const [input, stored] of CARD_FORMS) {
    it(`when a card is written as "${input}", then the number, expiry and code are all gone`, () => {
      const out = redactText(input);
      assert.equal(out, stored);
      for (const secret of ['1111', '12/27', '123', '4321', '999', '321', '01/29', '3/28', '09/30']) {
        if (!stored.includes(secret)) assert.ok(!out.includes(secret), `"${secret}" left in "${out}"`);
      }
    });
  }

  for (const [input, stored] of LABELLED) {
    it(`when an expiry or security code is labelled ("${input}"), then its value is redacted without a card number`, () => {
      assert.equal(redactCardData(input), stored);
    });
  }

  it('when text holds no card data, then card redaction leaves it as it was', () => {
    for (const text of NOT_CARDS) assert.equal(redactCardData(text), text);
  });

  it('when text is stored, then remaining digit runs are still masked', () => {
    assert.equal(redactText('call 217-555-0142'), 'call ***-***-****');
    assert.equal(redactText('account 31000101 pin 4821'), 'account ******** pin ****');
  });

  it('when a step detail holds card data, then secret-named keys are dropped and card data is taken out of text values', () => {
    assert.deepEqual(redactDetail({ cvv: '123', expiry: '12/27', note: 'paid with 4111 1111 1111 1111 exp 12/27', amountMinor: 1200, serviceId: 'svc-31000101-1' }), {
      cvv: '[redacted]',
      expiry: '[redacted]',
      note: `paid with ${CARD}`,
      amountMinor: 1200,
      serviceId: 'svc-31000101-1',
    });
  });
});
