export { createEmbeddedStores, type EmbeddedStoreOptions } from './embedded-stores';
