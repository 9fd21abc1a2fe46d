import assert from 'node:assert/strict';
import { CircuitOpenError, createCircuitBreaker } from '../../../../src/adapters/tmf/circuit-breaker';
import { settableClock } from '../../../support/care-fixture';

describe('circuit breaker (calls to partner back-ends)', () => {
  const failing = () => Promise.reject(new Error('partner down'));

  it('when calls fail as many times in a row as allowed, then the circuit opens and calls fail at once without being made', async () => {
    const clock = settableClock();
    const breaker = createCircuitBreaker({ name: 'p', failures: 3, cooldownMs: 1000, clock });
    for (let i = 0; i < 3; i += 1) await assert.rejects(breaker.run(failing), /partner down/);
    assert.equal(breaker.state(), 'open');
    let called = 0;
    await assert.rejects(breaker.run(async () => { called += 1; }), CircuitOpenError);
    assert.equal(called, 0);
  });

  it('when a success comes between failures, then the count starts again', async () => {
    const breaker = createCircuitBreaker({ name: 'p', failures: 2, cooldownMs: 1000, clock: settableClock() });
    await assert.rejects(breaker.run(failing));
    await breaker.run(async () => 'ok');
    await assert.rejects(breaker.run(failing));
    assert.equal(breaker.state(), 'closed');
  });

  it('when the cooldown has passed, then one trial call goes through: success closes the circuit, failure opens it for another cooldown', async () => {
    const clock = settableClock();
    const breaker = createCircuitBreaker({ name: 'p', failures: 1, cooldownMs: 1000, clock });
    await assert.rejects(breaker.run(failing));
    clock.advance(1001);
    assert.equal(breaker.state(), 'half-open');
    await assert.rejects(breaker.run(failing), /partner down/);
    assert.equal(breaker.state(), 'open');
    clock.advance(1001);
    assert.equal(await breaker.run(async () => 'back'), 'back');
    assert.equal(breaker.state(), 'closed');
  });
});
