import assert from 'node:assert/strict';
import { createStores } from '../../../src/adapters/stores';
import { addPartner } from '../../../scripts/add-partner';
import { createPartnersApi } from '../../../src/domain/partners/partners-api';
import { testHasher } from '../../support/care-fixture';
import { systemClock } from '../../../src/domain/shared/ports';
import { createIds } from '../../../src/adapters/crypto/ids';

describe('npm run partner:add', () => {
  it('when a valid partner file is added, then it is stored with only the hash of a new random secret, and that secret authenticates it', async () => {
    const stores = await createStores({ inMemory: true });
    try {
      const { partner, secret } = await addPartner(stores, testHasher, { clientId: 'acme-field', name: 'Acme Field Services', scopes: ['troubleTicket:read'], accountNumbers: ['31000105'] });
      assert.ok(secret.length >= 40);
      const stored = (await stores.partners.get(partner.id))!;
      assert.ok(!JSON.stringify(stored).includes(secret));
      const api = createPartnersApi({ partners: stores.partners, customers: stores.customers, hasher: testHasher, clock: systemClock, ids: createIds() });
      assert.equal((await api.authenticate('acme-field', secret))?.id, partner.id);
      assert.equal(await api.authenticate('acme-field', `${secret}x`), null);
    } finally {
      await stores.close();
    }
  });

  it('when the file names an unknown scope or repeats a client id, then nothing more is stored', async () => {
    const stores = await createStores({ inMemory: true });
    try {
      await assert.rejects(addPartner(stores, testHasher, { clientId: 'x-partner', name: 'X', scopes: ['everything'], accountNumbers: [] }), (e: { code?: string }) => e.code === 'VALIDATION_FAILED');
      await addPartner(stores, testHasher, { clientId: 'y-partner', name: 'Y', scopes: ['customer:read'], accountNumbers: [] });
      await assert.rejects(addPartner(stores, testHasher, { clientId: 'y-partner', name: 'Y again', scopes: ['customer:read'], accountNumbers: [] }), (e: { code?: string }) => e.code === 'DUPLICATE');
      assert.equal(await stores.partners.count({}), 1);
    } finally {
      await stores.close();
    }
  });
});
