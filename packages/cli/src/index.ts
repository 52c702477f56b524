export { main, type Io } from './program.js';
export { wilson } from './stats.js';
