import assert from 'node:assert/strict';
import path from 'node:path';
import { loadCatalogFile } from '../../../src/adapters/files/catalog-file';
import { buildBills } from '../../../src/demo/demo-bills';
import { demoCustomerSeeds } from '../../../src/demo/seed-demo';
import { createIds } from '../../../src/adapters/crypto/ids';

const catalog = loadCatalogFile(path.resolve(__dirname, '../../../catalog/catalog.json'));

describe('demo bills over the calendar', () => {
  for (const at of ['2027-01-31T23:59:00.000Z', '2027-03-01T00:30:00.000Z', '2028-02-29T12:00:00.000Z', '2026-12-08T06:00:00.000Z']) {
    it(`when the demo is seeded on ${at.slice(0, 10)}, then every customer still gets three distinct, consistent monthly bills`, () => {
      const now = new Date(at);
      const today = at.slice(0, 10);
      for (const seed of demoCustomerSeeds(catalog, now, createIds())) {
        const bills = buildBills({ ...seed.customer, credentials: { pinHash: 'unused' } }, seed.billing, catalog, now, createIds());

        assert.equal(new Set(bills.map((b) => b.period)).size, 3, seed.customer.accountNumber);
        for (const b of bills) {
          assert.ok(b.items.length > 0, `${b.id} has items`);
          assert.equal(b.total.amountMinor, b.items.reduce((s, i) => s + i.amount.amountMinor, 0));
          assert.ok(b.issuedAt <= now.toISOString() && b.payments.every((p) => p.receivedAt <= now.toISOString()));
        }
        const latest = bills[0];
        assert.ok(latest.dueDate >= today, 'the latest bill is not yet due');
        assert.notEqual(latest.status, 'overdue');
      }
    });
  }
});
