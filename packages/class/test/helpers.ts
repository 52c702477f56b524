import { fileURLToPath } from 'node:url';
import { type LoadedExercise, loadExercise } from '@parley/scenario';
import type { PackageSpec } from '@parley/teaching';
import { ClassGame, type TeamDecision, type TeamView } from '../src/index.js';

export const NAGATO = fileURLToPath(new URL('../../../scenarios/exercises/nagato-2016.yaml', import.meta.url));

let cached: LoadedExercise | null = null;
export const nagato = (): LoadedExercise => {
  cached ??= loadExercise(NAGATO);
  return cached;
};

/** Predictable codes for tests of the game (the server's are random: codes.ts). */
export function codes(): () => string {
  let n = 0;
  return () => `CODE-${String(++n).padStart(4, '0')}-TEST`;
}

export const newGame = (): ClassGame => ClassGame.create(nagato(), codes());

/** Two islands with a treaty and no foreign bases, with joint activities: a package the scenario's offers do not list. */
export const TWO_ASSURED: PackageSpec = {
  territories: { habomai: 'transfer', shikotan: 'transfer', kunashir: 'talks', iturup: 'talks' },
  treaty: true,
  noForeignBases: true,
  extras: ['joint-activities-0.2'],
};

/** A decision a team could send for its pending point: the k-th option (modulo their number), accepting or rejecting. */
export function someDecision(p: NonNullable<TeamView['pending']>, k: number): TeamDecision {
  if (p.kind === 'move') return { kind: 'move', choice: k % p.options.length };
  if (p.kind === 'offer' || p.kind === 'counter') return { kind: 'offer', choice: k % p.options.length };
  return k % 2 === 0 ? { kind: 'response', response: 'accept' } : { kind: 'response', response: 'reject' };
}
