export * from './compile.js';
export * from './issues.js';
export * from './load.js';
export { MESSAGES } from './messages.js';
export { type Override, parseOverride } from './overrides.js';
export * from './provenance.js';
export { ALL_SITES, checkReferences } from './references.js';
export * from './schema.js';
export * from './suggest.js';
