import assert from 'node:assert/strict';
import { DomainError, ERROR_CODES } from '../../../src/domain/shared/errors';
import { DOMAIN_STATUS, HttpProblem, toProblem } from '../../../src/shared/http/problem';
import { requestId } from '../../../src/shared/http/request-context';

describe('problem details', () => {
  it('when any domain code is raised, then it maps to a 4xx or 503 status', () => {
    for (const code of ERROR_CODES) {
      const status = DOMAIN_STATUS[code];
      assert.ok((status >= 400 && status < 500) || status === 503, `${code} -> ${status}`);
    }
  });

  it('when a domain error is mapped, then the problem carries its code, status, message and safe details', () => {
    const { problem } = toProblem(new DomainError('VERIFICATION_FAILED', 'did not match', { remainingAttempts: 2 }), '/api/v1/sessions');
    assert.deepEqual(problem, {
      type: 'urn:telecare:problem:verification-failed',
      title: 'Verification failed',
      status: 401,
      code: 'VERIFICATION_FAILED',
      detail: 'did not match',
      instance: '/api/v1/sessions',
      details: { remainingAttempts: 2 },
    });
    assert.equal(toProblem(new DomainError('ACCOUNT_LOCKED', 'locked'), '/').problem.status, 423);
    assert.equal(toProblem(new DomainError('LIMIT_EXCEEDED', 'over'), '/').problem.status, 403);
    assert.equal(toProblem(new DomainError('MODIFICATION_NOT_ALLOWED', 'no'), '/').problem.status, 422);
  });

  it('when the domain throttles or a back-end is down, then Retry-After is set', () => {
    assert.equal(toProblem(new DomainError('THROTTLED', 'slow down', { retryAfterSec: 12.2 }), '/').headers['Retry-After'], '13');
    assert.equal(toProblem(new DomainError('BACKEND_UNAVAILABLE', 'down'), '/').headers['Retry-After'], '30');
  });

  it('when an unexpected error is mapped, then the answer is a bare 500 without its message', () => {
    const { problem } = toProblem(new Error('password=hunter2 at db.ts:12'), '/x');
    assert.equal(problem.status, 500);
    assert.equal(problem.code, 'INTERNAL_ERROR');
    assert.ok(!JSON.stringify(problem).includes('hunter2'));
  });

  it('when body-parser fails, then malformed JSON is 400 and an oversized body 413', () => {
    assert.equal(toProblem(Object.assign(new Error('x'), { type: 'entity.parse.failed' }), '/').problem.code, 'MALFORMED_JSON');
    assert.equal(toProblem(Object.assign(new Error('x'), { type: 'entity.too.large' }), '/').problem.status, 413);
  });

  it('when the edge raises a problem with field errors, then they are listed', () => {
    const { problem } = toProblem(new HttpProblem(400, 'VALIDATION_FAILED', 'bad', [{ path: 'body.x', message: 'unknown field' }]), '/');
    assert.deepEqual(problem.errors, [{ path: 'body.x', message: 'unknown field' }]);
  });
});

describe('request id', () => {
  it('when the caller sends a well-formed id, then it is kept; otherwise a UUID is made', () => {
    assert.equal(requestId('req-0123456789'), 'req-0123456789');
    for (const bad of [undefined, '', 'short', 'has space 123456', 'x'.repeat(200), 'evil\ninjected-line']) assert.match(requestId(bad), /^[0-9a-f-]{36}$/);
  });
});
