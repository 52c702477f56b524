export * from './compile.js';
export * from './issues.js';
export * from './load.js';
export * from './provenance.js';
export * from './schema.js';
export * from './suggest.js';
