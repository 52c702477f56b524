export { type Io, main } from './program.js';
export { wilson } from './stats.js';
