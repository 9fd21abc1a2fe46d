import assert from 'node:assert/strict';
import { DEMO_PEOPLE, demoPerson } from '../../../src/demo/demo-people';
import { newKey, signIn, startApi, type Api } from './api-harness';

/** Every string under a key named id, …Id or …Ids, anywhere in a JSON body. */
function idsIn(value: unknown, key = '', out: string[] = []): string[] {
  if (typeof value === 'string' && /(^id$|Ids?$)/.test(key)) out.push(value);
  else if (Array.isArray(value)) for (const v of value) idsIn(v, /Ids$/.test(key) ? key : '', out);
  else if (value && typeof value === 'object') for (const [k, v] of Object.entries(value)) idsIn(v, k, out);
  return out;
}

describe('api: ids never carry account numbers (they end up in URL paths and access logs)', () => {
  let api: Api;
  before(async () => {
    api = await startApi();
  });
  after(async () => {
    await api.close();
  });

  it('when each demo customer reads everything the API shows them, then no id contains their account number or phone digits', async () => {
    for (const person of DEMO_PEOPLE) {
      const auth = await signIn(api, person);
      const get = (path: string) => api.http.get(`/api/v1${path}`).set('Authorization', auth);
      if (person.key === 'bundle') {
        const bills = (await get('/bills')).body as { id: string; items: { id: string; type: string }[] }[];
        const usage = bills[0].items.find((i) => i.type === 'usage');
        assert.ok(usage);
        const adjusted = await api.http.post('/api/v1/adjustments').set('Authorization', auth).set('Idempotency-Key', newKey('ids'))
          .send({ billId: bills[0].id, itemId: usage.id, reasonCode: 'usage-dispute', amountMinor: 100 });
        assert.equal(adjusted.status, 201, JSON.stringify(adjusted.body));
      }
      if (person.key === 'technician') {
        const services = (await get('/me/services')).body as { id: string; productId: string }[];
        const phone = services.find((s) => s.productId === 'home-phone');
        assert.ok(phone);
        const repair = await api.http.post('/api/v1/repairs').set('Authorization', auth).set('Idempotency-Key', newKey('ids'))
          .send({ serviceId: phone.id, symptom: 'no-dial-tone' });
        assert.equal(repair.status, 201, JSON.stringify(repair.body));
      }
      const pages = ['/me', '/me/services', '/bills', '/bills/summary', '/orders', '/tickets', '/interactions', '/adjustments', '/extensions', '/resumable'];
      const bodies = await Promise.all(pages.map(async (path) => {
        const res = await get(path);
        assert.equal(res.status, 200, `${path}: ${res.text}`);
        return res.body as unknown;
      }));
      for (const bill of bodies[2] as { id: string }[]) bodies.push((await get(`/bills/${bill.id}`)).body);
      const ids = bodies.flatMap((b) => idsIn(b));
      assert.ok(ids.length > 10, `${person.key}: ids were found (${ids.length})`);
      const phoneDigits = person.phone.replace(/\D/g, '').slice(-7);
      for (const id of ids) {
        assert.ok(!id.includes(person.accountNumber), `${id} carries account ${person.accountNumber}`);
        assert.ok(!id.replace(/\D/g, '').includes(phoneDigits), `${id} carries the phone number`);
      }
    }
    const grace = demoPerson('technician');
    assert.ok((await api.runtime.stores.tickets.count({})) > 0, `a ticket was opened for ${grace.firstName}`);
    assert.ok((await api.runtime.stores.adjustments.count({})) > 0, 'an adjustment was made');
  });
});
