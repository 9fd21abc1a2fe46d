/**
 * The reporting half of the store contract: each aggregation of the ReportStore gives the known
 * rows for the report fixture (test/support/report-fixture.ts), records outside the range left out.
 */
import assert from 'node:assert/strict';
import type { Stores } from '../../../src/domain/ports/store';
import { canonical, DAY1, DAY2, EXPECTED_ROWS, RANGE, seedReportFixture } from '../../support/report-fixture';

export function runReportContract(current: () => Stores): void {
  describe('reports', () => {
    beforeEach(async () => {
      await seedReportFixture(current());
    });

    for (const name of ['containment', 'escalationReasons', 'queue', 'funnel', 'marketing'] as const) {
      it(`when contacts lie in and around the range, then ${name} aggregates exactly those in it`, async () => {
        const rows = await current().reports[name](RANGE);
        assert.deepEqual(canonical(rows as object[]), canonical(EXPECTED_ROWS[name] as object[]));
      });
    }

    it('when the range names a time zone, then containment counts each contact on its day there (Tokyo: 23:59 UTC on DAY1 is DAY2)', async () => {
      const contactsByDay = (rows: { day: string; contacts: number }[]) => rows.reduce<Record<string, number>>((by, r) => ({ ...by, [r.day]: (by[r.day] ?? 0) + r.contacts }), {});
      assert.deepEqual(contactsByDay(await current().reports.containment(RANGE)), { [DAY1]: 5, [DAY2]: 1 });
      assert.deepEqual(contactsByDay(await current().reports.containment({ ...RANGE, timeZone: 'Asia/Tokyo' })), { [DAY1]: 4, [DAY2]: 2 });
    });

    it('when escalations wait and are in progress, then waiting and busy give them per skill (and CSR)', async () => {
      assert.deepEqual(canonical(await current().reports.waiting()), canonical(EXPECTED_ROWS.waiting));
      assert.deepEqual(canonical(await current().reports.busy()), canonical(EXPECTED_ROWS.busy));
    });

    it('when the range holds nothing, then every report is empty', async () => {
      const empty = { from: '2020-01-01T00:00:00.000Z', to: '2020-01-02T00:00:00.000Z' };
      for (const name of ['containment', 'escalationReasons', 'queue', 'funnel', 'marketing'] as const) {
        assert.deepEqual(await current().reports[name](empty), [], name);
      }
    });
  });
}
