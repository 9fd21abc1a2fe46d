import assert from 'node:assert/strict';
import { createScryptHasher } from '../../../src/adapters/crypto/scrypt-hasher';

describe('scrypt hasher', () => {
  const hasher = createScryptHasher({ cost: 1024 });

  it('when a secret is hashed, then the encoding names the parameters and verify accepts the secret', async () => {
    const hash = await hasher.hash('4711');
    assert.match(hash, /^scrypt\$1024\$8\$1\$[A-Za-z0-9_-]{22}\$[A-Za-z0-9_-]{43}$/);
    assert.equal(await hasher.verify('4711', hash), true);
  });

  it('when another secret is given, then verify is false', async () => {
    const hash = await hasher.hash('4711');
    assert.equal(await hasher.verify('4712', hash), false);
    assert.equal(await hasher.verify('', hash), false);
  });

  it('when the same secret is hashed twice, then the salts (and hashes) differ', async () => {
    const [a, b] = await Promise.all([hasher.hash('4711'), hasher.hash('4711')]);
    assert.notEqual(a, b);
    assert.notEqual(a.split('$')[4], b.split('$')[4]);
  });

  it('when a hash was made with another cost, then verify uses the cost it records', async () => {
    const old = await createScryptHasher({ cost: 2048 }).hash('secret pass');
    assert.equal(await hasher.verify('secret pass', old), true);
  });

  it('when no cost is given, then the default cost is 16384', async () => {
    const hash = await createScryptHasher().hash('x');
    assert.equal(hash.split('$')[1], '16384');
  });

  it('when the cost is not a power of two, then creating the hasher fails', () => {
    assert.throws(() => createScryptHasher({ cost: 1000 }), /power of two/);
  });

  describe('malformed hashes', () => {
    let good: string;
    before(async () => {
      good = await hasher.hash('4711');
    });
    const tamper = (hash: string, index: number, value: string) =>
      hash.split('$').map((p, i) => (i === index ? value : p)).join('$');

    const cases: [string, (h: string) => string][] = [
      ['an empty string', () => ''],
      ['a plain string', () => 'not a hash'],
      ['another algorithm', (h) => tamper(h, 0, 'bcrypt')],
      ['missing a part', (h) => h.split('$').slice(0, 5).join('$')],
      ['carrying an extra part', (h) => `${h}$x`],
      ['a non-numeric cost', (h) => tamper(h, 1, 'abc')],
      ['a cost that is not a power of two', (h) => tamper(h, 1, '1000')],
      ['a huge cost', (h) => tamper(h, 1, String(1 << 24))],
      ['a huge block size', (h) => tamper(h, 2, '4096')],
      ['a negative parallelism', (h) => tamper(h, 3, '-1')],
      ['a salt that is not base64url', (h) => tamper(h, 4, 'sa+lt/==')],
      ['a truncated hash', (h) => tamper(h, 5, h.split('$')[5]!.slice(0, 10))],
      ['a hash with a changed character', (h) => tamper(h, 5, (h.split('$')[5]![0] === 'A' ? 'B' : 'A') + h.split('$')[5]!.slice(1))],
    ];
    for (const [what, make] of cases) {
      it(`when the stored hash is ${what}, then verify is false`, async () => {
        assert.equal(await hasher.verify('4711', make(good)), false);
      });
    }

    it('when the stored hash is not a string, then verify is false', async () => {
      assert.equal(await hasher.verify('4711', undefined as unknown as string), false);
    });
  });
});
