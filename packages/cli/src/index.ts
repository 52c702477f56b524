export { wilson } from '@parley/batch';
export { type Io, main } from './program.js';
