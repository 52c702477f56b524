export { App } from './App.js';
export { type Entry, loadCatalog } from './catalog.js';
export * from './panels.js';
export { runTui } from './run.js';
