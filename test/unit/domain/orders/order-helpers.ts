/** Shared arrangements for the order procedure tests: the care fixture with provisioning completing only on demand. */
import { makeCare, type CareFixture } from '../../../support/care-fixture';
import type { DemoPerson } from '../../../../src/demo/demo-people';
import type { Actor } from '../../../../src/domain/shared/actor';

export const orderCare = (): Promise<CareFixture> => makeCare({ completeAfterMs: Number.POSITIVE_INFINITY });

export async function verifiedAs(f: CareFixture, key: DemoPerson['key']): Promise<Actor> {
  const person = f.people.find((p) => p.key === key)!;
  return f.care.verification.verifyPin({ accountNumber: person.accountNumber, pin: person.pin }, { channel: 'voice', source: '+13125550100' });
}

export async function identifiedAs(f: CareFixture, key: DemoPerson['key']): Promise<Actor> {
  const person = f.people.find((p) => p.key === key)!;
  return (await f.care.verification.identifyByPhone(person.phone, { channel: 'voice' }))!.actor;
}

/** A newly registered customer (no services), verified, with a billing address in the given postal code. */
export async function newcomer(f: CareFixture, postalCode = '62701'): Promise<Actor> {
  const { customer } = await f.care.customers.register(
    {
      firstName: 'Ada',
      lastName: 'Moreno',
      email: `ada.${postalCode}@example.com`,
      phone: `+1217555${postalCode.slice(-4)}`, // one number per newcomer: a number belongs to one customer
      billingAddress: { line1: '12 Birch Street', city: 'Riverton', region: 'IL', postalCode, country: 'US' },
      pin: '2580',
    },
    { channel: 'portal', idempotencyKey: `reg-${postalCode}` },
  );
  return f.care.verification.verifyPin({ accountNumber: customer.accountNumber, pin: '2580' }, { channel: 'portal' });
}

export const codeOf = async (p: Promise<unknown>): Promise<string> => p.then(() => 'no error', (e: { code?: string }) => e.code ?? String(e));

export async function errorOf(p: Promise<unknown>): Promise<{ code: string; details: Record<string, unknown> }> {
  try {
    await p;
  } catch (e) {
    const err = e as { code?: string; details?: Record<string, unknown> };
    return { code: err.code ?? String(e), details: err.details ?? {} };
  }
  return { code: 'no error', details: {} };
}

export const serviceOf = async (f: CareFixture, customerId: string, serviceId: string) =>
  (await f.stores.customers.get(customerId))!.services.find((s) => s.id === serviceId);

export const closeCare = async (f: CareFixture): Promise<void> => {
  f.backends.dispose();
  await f.close();
};
