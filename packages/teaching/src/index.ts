export * from './analysis.js';
export * from './debrief.js';
export * from './handout.js';
export * from './moves.js';
export * from './play.js';
export * from './replay.js';
export * from './transcript.js';
export * from './transcript-file.js';
