/** The estimated wait: position × recent handle time, shared by the CSRs who handled them. */
import assert from 'node:assert/strict';
import { estimateWaitSec } from '../../../src/domain/escalation/estimated-wait';

const handled = (assignedAt: string, minutes: number, assignedTo = 'stf-a') => ({ assignedAt, closedAt: new Date(Date.parse(assignedAt) + minutes * 60_000).toISOString(), assignedTo });

describe('estimated wait', () => {
  it('when nothing was handled recently, then there is no estimate', () => {
    assert.equal(estimateWaitSec(3, []), undefined);
  });
  it('when one CSR handled calls of 4 and 6 minutes, then the third in line waits about 15 minutes', () => {
    assert.equal(estimateWaitSec(3, [handled('2026-01-01T10:00:00Z', 4), handled('2026-01-01T10:10:00Z', 6)]), 900);
  });
  it('when two CSRs share the queue, then the wait is halved', () => {
    assert.equal(estimateWaitSec(2, [handled('2026-01-01T10:00:00Z', 4, 'stf-a'), handled('2026-01-01T10:10:00Z', 6, 'stf-b')]), 300);
  });
});
