/** The Mongo adapter's duplicate-key translation, with fabricated driver errors (no MongoDB here). */
import assert from 'node:assert/strict';
import type { Model } from 'mongoose';
import { duplicateKeyFields, fieldsOfIndexName } from '../../../src/adapters/stores/mongo/duplicate-key';
import { MongoCollection } from '../../../src/adapters/stores/mongo/mongo-collection';
import type { RawDocument } from '../../../src/adapters/stores/shared/documents';
import type { Customer } from '../../../src/domain/customers/customer';
import { isDomainError } from '../../../src/domain/shared/errors';

const e11000 = (index: string, extra: Record<string, unknown> = {}) =>
  Object.assign(new Error(`E11000 duplicate key error collection: telecare.customers index: ${index} dup key: { email: "ada@example.com" }`), { code: 11000, ...extra });

/** A collection whose driver insert and replace fail with `error`. */
function failingCollection(error: unknown): MongoCollection<Customer> {
  const fail = async () => {
    throw error;
  };
  const model = { collection: { insertOne: fail, replaceOne: fail } } as unknown as Model<RawDocument>;
  return new MongoCollection<Customer>('customers', model);
}

describe('mongo adapter: duplicate keys', () => {
  it('when the error has keyPattern, then its fields name the key', () => {
    assert.deepEqual(duplicateKeyFields(e11000('email_1', { keyPattern: { email: 1 }, keyValue: { email: 'ada@example.com' } })), ['email']);
    assert.deepEqual(duplicateKeyFields({ code: 11000, keyPattern: { _id: 1 } }), ['id']);
  });

  it('when keyPattern is missing but keyValue is there, then keyValue names the key', () => {
    assert.deepEqual(duplicateKeyFields({ code: 11000, keyValue: { customerId: 'c1', period: '2026-11' } }), ['customerId', 'period']);
  });

  it('when only the message is left, then the index name in it names the key', () => {
    assert.deepEqual(duplicateKeyFields(e11000('email_1')), ['email']);
    assert.deepEqual(duplicateKeyFields(e11000('customerId_1_period_1')), ['customerId', 'period']);
    assert.deepEqual(duplicateKeyFields(e11000('_id_')), ['id']);
    assert.deepEqual(duplicateKeyFields(e11000('submission.state_1_submission.nextAttemptAt_-1')), ['submission.state', 'submission.nextAttemptAt']);
    assert.deepEqual(duplicateKeyFields(e11000('registration_key_1')), ['registration_key']);
  });

  it('when the message is in errmsg or errorResponse (driver and proxy shapes) or the code is 11001, then it is still read', () => {
    assert.deepEqual(duplicateKeyFields({ code: 11000, errmsg: 'E11000 duplicate key error collection: db.x index: accountNumber_1 dup key: { accountNumber: "1" }' }), ['accountNumber']);
    assert.deepEqual(duplicateKeyFields({ code: 11001, errorResponse: { errmsg: 'E11000 duplicate key error index: db.x.$idempotencyKey_1 dup key: { : "k" }' } }), ['idempotencyKey']);
    assert.deepEqual(duplicateKeyFields({ message: 'E11000 duplicate key error collection: db.x index: email_1 dup key: { email: "a" }' }), ['email']);
  });

  it('when the index has a custom name, then the key is unknown but it is still a duplicate', () => {
    assert.deepEqual(duplicateKeyFields(e11000('unique-email')), ['unknown']);
    assert.equal(fieldsOfIndexName('unique-email'), null);
  });

  it('when the error is no duplicate key error, then it is left alone', () => {
    assert.equal(duplicateKeyFields(new Error('connection reset')), null);
    assert.equal(duplicateKeyFields({ code: 121, message: 'Document failed validation' }), null);
    assert.equal(duplicateKeyFields(null), null);
  });

  it('when an insert or replace fails with a message-only E11000, then the port gets DUPLICATE naming the key', async () => {
    const coll = failingCollection(e11000('email_1'));
    const doc = { id: 'cus-1', email: 'ada@example.com' } as unknown as Customer;
    await assert.rejects(coll.insert(doc), (e: unknown) => isDomainError(e) && e.code === 'DUPLICATE' && JSON.stringify(e.details.key) === '["email"]');
    await assert.rejects(coll.replace({ ...doc, version: 1 }), (e: unknown) => isDomainError(e) && e.code === 'DUPLICATE' && JSON.stringify(e.details.key) === '["email"]');
    const other = new Error('socket hang up');
    await assert.rejects(failingCollection(other).insert(doc), (e: unknown) => e === other);
  });
});
