export * from './machine.js';
export * from './compile.js';
export * from './run.js';
export * from './narrate.js';
export * from './json.js';
