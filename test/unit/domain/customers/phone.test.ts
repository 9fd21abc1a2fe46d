import assert from 'node:assert/strict';
import { maskEmail, maskPhone, toE164 } from '../../../../src/domain/customers/phone';

describe('phone numbers', () => {
  it('when a number comes in any usual shape, then it becomes E.164', () => {
    assert.equal(toE164('+1 (217) 555-0142'), '+12175550142');
    assert.equal(toE164('(217) 555-0142'), '+12175550142');
    assert.equal(toE164('1-217-555-0142'), '+12175550142');
    assert.equal(toE164('0044 20 7946 0958'), '+442079460958');
    assert.equal(toE164('+44 20 7946 0958'), '+442079460958');
  });

  it('when it is not a phone number, then there is none', () => {
    assert.equal(toE164('555-0142'), null);
    assert.equal(toE164('call me'), null);
    assert.equal(toE164('+0 217 555 0142'), null);
    assert.equal(toE164(''), null);
  });

  it('when a destination is shown, then only enough to recognise it is left', () => {
    assert.equal(maskPhone('+12175550142'), '***-**42');
    assert.equal(maskEmail('dana.whitfield@example.com'), 'd***@example.com');
  });
});
