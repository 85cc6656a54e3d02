/** The DynamoDB adapter's public face: the store, and the table definition the local runtime and CDK create. */
export { createDynamoCaseStore, type DynamoCaseStoreOptions } from './case-store.js';
export { INDEX, OPEN_SHARDS, tableDefinition } from './table.js';
