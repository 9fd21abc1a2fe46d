import assert from 'node:assert/strict';
import { createIds } from '../../../src/adapters/crypto/ids';

const BODY = '[0-9A-HJKMNP-TV-Z]{20}';

describe('ids', () => {
  it('when a prefix is given, then the id is prefix_ and 20 Crockford base32 characters', () => {
    assert.match(createIds().next('ord'), new RegExp(`^ord_${BODY}$`));
  });

  it('when no prefix is given, then the id is the 20 characters alone', () => {
    assert.match(createIds().next(), new RegExp(`^${BODY}$`));
  });

  it('when many ids are made in the same millisecond, then all are distinct', () => {
    const ids = createIds(() => 1_700_000_000_000);
    const made = new Set(Array.from({ length: 20_000 }, () => ids.next('x')));
    assert.equal(made.size, 20_000);
  });

  it('when ids are made at later times, then they sort in the order they were made', () => {
    let now = 1_700_000_000_000;
    const ids = createIds(() => now);
    const made: string[] = [];
    for (const step of [1, 31, 1000, 86_400_000, 1, 5]) {
      now += step;
      made.push(ids.next('tkt'));
    }
    assert.deepEqual([...made].sort(), made);
  });

  it('when the prefix is not lowercase letters and digits, then next throws', () => {
    assert.throws(() => createIds().next('Bad_Prefix'), /prefix/);
  });
});
