/** A report's days: UTC's by default, the operator's when a zone is given (its midnights, summer time included). */
import assert from 'node:assert/strict';
import { dayIn, dayRange, today } from '../../../../src/domain/reports/report-range';

describe('report range: whose days', () => {
  // 03:00 UTC on Nov 27 is still Thursday evening, Nov 26, in Chicago.
  const now = new Date('2026-11-27T03:00:00.000Z');

  it('when no zone is given, then the days are UTC\'s, as the staff API documents them', () => {
    assert.deepEqual(dayRange({ from: '2026-11-01', to: '2026-11-27' }, now), { from: '2026-11-01T00:00:00.000Z', to: '2026-11-28T00:00:00.000Z', fromDay: '2026-11-01', toDay: '2026-11-27', days: 27 });
    assert.equal(dayRange({}, now).toDay, '2026-11-27');
  });

  it('when the operator\'s zone is given, then each day runs from its midnight there, across the end of summer time (Nov 1)', () => {
    assert.deepEqual(dayRange({ from: '2026-11-01', to: '2026-11-27' }, now, 'America/Chicago'), {
      from: '2026-11-01T05:00:00.000Z', // midnight CDT
      to: '2026-11-28T06:00:00.000Z', // midnight CST
      timeZone: 'America/Chicago',
      fromDay: '2026-11-01',
      toDay: '2026-11-27',
      days: 27,
    });
    const fallback = dayRange({}, now, 'America/Chicago');
    assert.deepEqual([fallback.fromDay, fallback.toDay, fallback.days], ['2026-10-30', '2026-11-26', 28], 'the last four weeks up to the operator\'s today');
  });

  it('when the wallboard asks for today, then it is the operator\'s today so far, not the UTC day that began at 6 PM', () => {
    assert.deepEqual(today(now, 'America/Chicago'), { from: '2026-11-26T06:00:00.000Z', to: '2026-11-27T06:00:00.000Z', timeZone: 'America/Chicago' });
    assert.deepEqual(today(now), { from: '2026-11-27T00:00:00.000Z', to: '2026-11-28T00:00:00.000Z' });
    assert.equal(dayIn('2026-11-27T03:00:00.000Z', 'America/Chicago'), '2026-11-26');
  });
});
