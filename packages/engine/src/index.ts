export * from './machine.js';
export * from './compile.js';
export * from './run.js';
