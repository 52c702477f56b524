import { utility } from '@parley/core';
import type { RunSession } from '@parley/engine';
import type { ExerciseFile, LoadedExercise } from '@parley/scenario';

/** Each scoring rule of an exercise's roles (exercise.ts), as a student reads it: on the handout and the class page. */
export const SCORING_WORDS: Readonly<Record<ExerciseFile['roles'][string]['scoring'], string>> = {
  utility:
    'your country’s final utility: everything it cares about, weighted as in its briefing (the debrief shows it against how the AI does in your place)',
  treaty: '1 if a peace treaty is signed, 0 otherwise',
  'no-concession': '1 if no territory changes hands, 0 otherwise',
};

/** A role's score: its final utility, 1 for a treaty, or 1 for keeping every territory where it was. */
export function score(ex: LoadedExercise, role: string, session: RunSession): number {
  const kind = ex.data.roles[role]!.scoring;
  const m = session.m;
  const w = session.ctx.world;
  if (kind === 'treaty') return w.treaty ? 1 : 0;
  if (kind === 'no-concession') return w.territories.every((t) => t.kind === 'held') ? 1 : 0;
  return utility(m, w, ex.roles[role]!);
}
