import type { LoadedExercise } from '@parley/scenario';
import { render } from 'ink';
import { App } from './App.js';
import { loadCatalog } from './catalog.js';
import { ExerciseApp } from './ExerciseApp.js';
import type { ExerciseUi } from './exercise-state.js';

/**
 * Open the terminal UI on the scenarios under `root`. Whatever happens, the terminal is
 * given back as it was (cursor shown, raw mode off) before anything is printed.
 */
export async function runTui(root: string): Promise<void> {
  const entries = loadCatalog(root);
  const app = render(<App entries={entries} />, { exitOnCtrlC: true });
  const restore = () => {
    if (process.stdin.isTTY) process.stdin.setRawMode?.(false);
    process.stdout.write('\x1b[?25h');
  };
  try {
    await app.waitUntilExit();
  } catch (e) {
    app.unmount();
    restore();
    throw e;
  }
  restore();
}

/** Play an exercise at this terminal; returns the game as it stood when the class quit (for its transcript). */
export async function runExerciseTui(ex: LoadedExercise, roles: readonly string[]): Promise<ExerciseUi> {
  let last: ExerciseUi | null = null;
  const app = render(<ExerciseApp ex={ex} roles={roles} onExit={(s) => (last = s)} />, { exitOnCtrlC: true });
  const restore = () => {
    if (process.stdin.isTTY) process.stdin.setRawMode?.(false);
    process.stdout.write('\x1b[?25h');
  };
  try {
    await app.waitUntilExit();
  } catch (e) {
    app.unmount();
    restore();
    throw e;
  }
  app.unmount();
  restore();
  if (!last) throw new Error('the exercise ended without a state');
  return last;
}
