import type { LoadedExercise } from '@parley/scenario';
import { render } from 'ink';
import type { ReactElement } from 'react';
import { App } from './App.js';
import { loadCatalog } from './catalog.js';
import { ExerciseApp } from './ExerciseApp.js';
import type { ExerciseUi, SavedGame } from './exercise-state.js';

/**
 * Render until the user quits. Whatever happens, the terminal is given back as it was
 * (cursor shown, raw mode off) before anything is printed.
 */
async function renderUntilExit(element: ReactElement): Promise<void> {
  const app = render(element, { exitOnCtrlC: true });
  try {
    await app.waitUntilExit();
  } finally {
    app.unmount();
    if (process.stdin.isTTY) process.stdin.setRawMode?.(false);
    process.stdout.write('\x1b[?25h');
  }
}

/** Open the terminal UI on the scenarios under `root`. */
export async function runTui(root: string): Promise<void> {
  await renderUntilExit(<App entries={loadCatalog(root)} />);
}

/**
 * Play an exercise at this terminal (from a saved game, if given); `onSave` gets the game so far
 * after every decision and inject. Returns the game as it stood when the class quit (for its transcript).
 */
export async function runExerciseTui(
  ex: LoadedExercise,
  roles: readonly string[],
  o: { saved?: SavedGame; onSave?: (game: SavedGame) => void } = {},
): Promise<ExerciseUi> {
  let last: ExerciseUi | null = null;
  await renderUntilExit(
    <ExerciseApp
      ex={ex}
      roles={roles}
      {...(o.saved ? { saved: o.saved } : {})}
      {...(o.onSave ? { onSave: o.onSave } : {})}
      onExit={(s) => (last = s)}
    />,
  );
  if (!last) throw new Error('the exercise ended without a state');
  return last;
}
