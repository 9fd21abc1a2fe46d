/** The query half of the store contract: filter operators, dotted fields, sort, paging, count. */
import assert from 'node:assert/strict';
import type { Filter, Stores } from '../../../src/domain/ports/store';
import { collectionOf, ids, newDoc, sortedIds, type TestCollection } from './contract-docs';

const ROWS: Record<string, unknown>[] = [
  { id: 'r1', status: 'open', amount: 100, when: '2025-01-01T00:00:00.000Z', tags: ['a', 'b'], sub: { state: 'pending', n: 3 }, note: null },
  { id: 'r2', status: 'open', amount: 250, when: '2025-02-01T00:00:00.000Z', tags: ['b'], sub: { state: 'delivered', n: 1 } },
  { id: 'r3', status: 'closed', amount: 250, when: '2025-03-01T00:00:00.000Z', tags: [], sub: { state: 'pending', n: 2 }, note: 'x' },
  { id: 'r4', status: 'dead', amount: 5, when: '2024-12-31T23:59:59.000Z', tags: ['c'], flag: false },
];

export function runQueryContract(current: () => Stores): void {
  describe('queries', () => {
    let c: TestCollection;

    beforeEach(async () => {
      c = collectionOf(current(), 'tickets');
      for (const row of ROWS) await c.insert(newDoc('tickets', row.id as string, row));
    });

    const cases: [string, Filter, string[]][] = [
      ['an empty filter', {}, ['r1', 'r2', 'r3', 'r4']],
      ['equality on a string', { status: 'open' }, ['r1', 'r2']],
      ['equality on a number', { amount: 250 }, ['r2', 'r3']],
      ['equality on a boolean', { flag: false }, ['r4']],
      ['equality on id', { id: 'r3' }, ['r3']],
      ['equality on a dotted field', { 'sub.state': 'pending' }, ['r1', 'r3']],
      ['equality on an array element', { tags: 'b' }, ['r1', 'r2']],
      ['equality with null (null or missing)', { note: null }, ['r1', 'r2', 'r4']],
      ['several fields (all must hold)', { status: 'open', amount: 250 }, ['r2']],
      ['$in on strings', { status: { $in: ['closed', 'dead'] } }, ['r3', 'r4']],
      ['$in on numbers', { amount: { $in: [5, 100] } }, ['r1', 'r4']],
      ['$in on ids', { id: { $in: ['r1', 'r4', 'zz'] } }, ['r1', 'r4']],
      ['$in on an array field', { tags: { $in: ['a', 'c'] } }, ['r1', 'r4']],
      ['$ne on a string (missing matches)', { 'sub.state': { $ne: 'pending' } }, ['r2', 'r4']],
      ['$ne on an array field (containing excluded)', { tags: { $ne: 'b' } }, ['r3', 'r4']],
      ['$ne null (present and not null)', { note: { $ne: null } }, ['r3']],
      ['$lt on numbers', { amount: { $lt: 250 } }, ['r1', 'r4']],
      ['$lte on numbers', { amount: { $lte: 250 } }, ['r1', 'r2', 'r3', 'r4']],
      ['$gt on numbers', { amount: { $gt: 100 } }, ['r2', 'r3']],
      ['$gte on a dotted number', { 'sub.n': { $gte: 2 } }, ['r1', 'r3']],
      ['$lt on ISO times', { when: { $lt: '2025-02-01T00:00:00.000Z' } }, ['r1', 'r4']],
      ['$lte on ISO times', { when: { $lte: '2025-02-01T00:00:00.000Z' } }, ['r1', 'r2', 'r4']],
      ['$gt on ISO times', { when: { $gt: '2025-02-01T00:00:00.000Z' } }, ['r3']],
      ['$gte on ISO times', { when: { $gte: '2025-02-01T00:00:00.000Z' } }, ['r2', 'r3']],
      ['$exists true (null counts as present)', { note: { $exists: true } }, ['r1', 'r3']],
      ['$exists false', { note: { $exists: false } }, ['r2', 'r4']],
      ['$exists on a dotted field', { 'sub.n': { $exists: false } }, ['r4']],
      ['a range and a dotted equality', { 'sub.state': 'pending', when: { $lte: '2025-01-15T00:00:00.000Z' } }, ['r1']],
      ['nothing matching', { status: 'unknown' }, []],
    ];
    for (const [what, filter, expected] of cases) {
      it(`when filtering by ${what}, then find and count agree on the matching documents`, async () => {
        const found = await c.find(filter);
        const counted = await c.count(filter);
        assert.deepEqual(sortedIds(found), expected);
        assert.equal(counted, expected.length);
      });
    }

    it('when sorting ascending and descending, then documents come in that order', async () => {
      assert.deepEqual(ids(await c.find({}, { sort: { when: 1 } })), ['r4', 'r1', 'r2', 'r3']);
      assert.deepEqual(ids(await c.find({}, { sort: { when: -1 } })), ['r3', 'r2', 'r1', 'r4']);
      assert.deepEqual(ids(await c.find({}, { sort: { id: -1 } })), ['r4', 'r3', 'r2', 'r1']);
    });

    it('when sorting by two fields and a dotted field, then ties are broken by the second', async () => {
      assert.deepEqual(ids(await c.find({}, { sort: { amount: -1, when: 1 } })), ['r2', 'r3', 'r1', 'r4']);
      assert.deepEqual(ids(await c.find({ 'sub.n': { $exists: true } }, { sort: { 'sub.n': 1 } })), ['r2', 'r3', 'r1']);
    });

    it('when paging with skip and limit, then the window of the sorted result is returned', async () => {
      assert.deepEqual(ids(await c.find({}, { sort: { when: 1 }, limit: 2 })), ['r4', 'r1']);
      assert.deepEqual(ids(await c.find({}, { sort: { when: 1 }, skip: 2, limit: 1 })), ['r2']);
      assert.deepEqual(ids(await c.find({}, { sort: { when: 1 }, skip: 3 })), ['r3']);
      assert.deepEqual(ids(await c.find({}, { sort: { when: 1 }, skip: 10 })), []);
    });

    it('when findOne is given a sort-free filter, then it returns one matching document', async () => {
      const found = await c.findOne({ 'sub.state': 'delivered' });
      assert.equal(found?.id, 'r2');
      assert.equal(found?.version, 1);
    });

    it('when a found document is mutated, then the stored one is unchanged', async () => {
      const [first] = await c.find({ id: 'r1' });
      (first!.tags as string[]).push('z');
      assert.deepEqual((await c.get('r1'))!.tags, ['a', 'b']);
    });
  });
}
