export { createMongoStores, type MongoStoreOptions } from './mongo-stores';
