export { App } from './App.js';
export { type Entry, loadCatalog } from './catalog.js';
export { ExerciseApp } from './ExerciseApp.js';
export {
  type ExerciseUi,
  type PlayedChoice,
  ResumeMismatch,
  reduceExercise,
  type SavedGame,
  startExercise,
} from './exercise-state.js';
export * from './panels.js';
export { runExerciseTui, runTui } from './run.js';
