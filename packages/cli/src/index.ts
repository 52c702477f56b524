export { type Io, main } from './program.js';
