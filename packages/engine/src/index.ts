export * from './compile.js';
export * from './describe.js';
export * from './diagram.js';
export * from './json.js';
export * from './machine.js';
export * from './narrate.js';
export * from './run.js';
export * from './version.js';
