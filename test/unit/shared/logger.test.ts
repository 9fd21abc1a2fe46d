import assert from 'node:assert/strict';
import { createLogger } from '../../../src/shared/logger';

function capture() {
  const lines: string[] = [];
  const logger = createLogger({ level: 'debug' }, { write: (s: string) => void lines.push(s) });
  return { logger, text: () => lines.join('') };
}

describe('logger', () => {
  it('when secrets are logged at any depth, then PINs, passwords, codes, tokens, card data and DTMF never appear', () => {
    const { logger, text } = capture();
    logger.info(
      {
        pin: '4821',
        credentials: { password: 'Whitfield-demo-2026' },
        input: { accountNumber: '31000101', pin: '7305', code: '918273', otp: '555111' },
        twilio: { Digits: '4821#', SpeechResult: 'my pin is four eight two one' },
        session: { token: 'eyJ.sig' },
        payment: { card: { cardNumber: '4111111111111111', cvv: '123' } },
        req: { headers: { authorization: 'Bearer eyJ.sig', host: 'example.com' } },
      },
      'something happened',
    );
    const out = text();
    for (const secret of ['4821', 'Whitfield-demo-2026', '7305', '918273', '555111', 'my pin is', 'eyJ.sig', '4111111111111111', '"123"']) {
      assert.ok(!out.includes(secret), `${secret} leaked: ${out}`);
    }
    assert.ok(out.includes('31000101'), 'non-secret fields stay');
    assert.ok(out.includes('example.com'));
  });

  it('when a request body is logged, then none of its fields are written', () => {
    const { logger, text } = capture();
    logger.warn({ body: { anything: 'private words', amount: 12 } }, 'bad request');
    assert.ok(!text().includes('private words'));
  });

  it('when an error with a system code is logged, then its code stays readable as errorCode', () => {
    const { logger, text } = capture();
    logger.error({ err: Object.assign(new Error('connect failed'), { code: 'ECONNREFUSED' }) }, 'store down');
    const line = JSON.parse(text()) as { err: { errorCode: string; message: string } };
    assert.equal(line.err.errorCode, 'ECONNREFUSED');
    assert.equal(line.err.message, 'connect failed');
  });
});
