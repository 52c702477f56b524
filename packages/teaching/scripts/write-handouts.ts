/** Writes docs/teaching/handouts/<exercise>-<role>.md from the exercise files (pnpm docs:teaching). A test keeps them in sync. */
import { readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadExercise } from '@parley/scenario';
import { handout } from '../src/handout.js';

export const EXERCISES = fileURLToPath(new URL('../../../scenarios/exercises/', import.meta.url));
export const HANDOUTS = fileURLToPath(new URL('../../../docs/teaching/handouts/', import.meta.url));

/** Every handout's file name and text. */
export function handouts(): { name: string; text: string }[] {
  const out: { name: string; text: string }[] = [];
  for (const f of readdirSync(EXERCISES)
    .filter((x) => x.endsWith('.yaml') && !x.includes('.moves.'))
    .sort()) {
    const ex = loadExercise(join(EXERCISES, f));
    const titles = Object.fromEntries(Object.entries(ex.scenario.data.sources).map(([doc, s]) => [doc, s.title]));
    for (const role of Object.keys(ex.data.roles)) out.push({ name: `${ex.data.id}-${role}.md`, text: handout(ex, role, titles) });
  }
  return out;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  for (const h of handouts()) writeFileSync(join(HANDOUTS, h.name), h.text);
  console.log(`wrote ${handouts().length} handouts to ${HANDOUTS}`);
}
