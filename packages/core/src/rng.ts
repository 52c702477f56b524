import { AleaSeeder, type AleaState, aleaFrom, aleaNext } from './alea.js';

/** A source of uniform numbers in [0, 1). */
export type Rng = () => number;

/** One independent stream per purpose, so a draw added in one place never shifts another. */
/** `types` (each actor's reservation values, drawn once at the start) came last, so it shifted none of the others. */
export const STREAM_NAMES = ['shocks', 'agenda', 'offer', 'response', 'moves', 'third', 'reactions', 'types'] as const;
export type StreamName = (typeof STREAM_NAMES)[number];
export type Streams = Readonly<Record<StreamName, Rng>>;

/** The seeder of the last `scenarioKey:seed:` asked for: a batch's runs all share it. */
let seeder: AleaSeeder | null = null;
const state = (): AleaState => ({ c: 1, s0: 0, s1: 0, s2: 0 });
/** Root states of runs [block, block + 4) under `seeder`, seeded together: a batch asks for them in turn. */
const roots = [state(), state(), state(), state()];
let block = Number.NaN;
const suffixes = ['', '', '', ''];
const root = state();
const start = state();

/** Into `root`, the root generator of run `run` under `seeder`. */
function seedRoot(s: AleaSeeder, run: number): void {
  const k = run - block;
  if (!(k >= 0 && k < 4 && k === Math.floor(k))) {
    for (let j = 0; j < 4; j++) suffixes[j] = String(run + j);
    s.seedFour(suffixes, roots);
    block = run;
  }
  const r = roots[run - block]!;
  root.c = r.c;
  root.s0 = r.s0;
  root.s1 = r.s1;
  root.s2 = r.s2;
}

/**
 * Streams for one run. A seedrandom Alea generator seeded with `scenarioKey:seed:run` draws
 * the starting state (s0, s1, s2) of each purpose's own Alea stream, in STREAM_NAMES order.
 * Results depend only on these inputs, never on scheduling. Seeding once per run rather than
 * once per purpose matters in batches: hashing the 70-character key is most of the cost of
 * seeding, and a run needs seven streams. The generators are seedrandom's Alea computed by
 * alea.ts, which hashes the part of the key that a batch's runs share only once, and seeds four
 * consecutive runs together.
 */
export function createStreams(scenarioKey: string, seed: number, run = 0): Streams {
  const prefix = `${scenarioKey}:${seed}:`;
  if (seeder?.prefix !== prefix) {
    seeder = new AleaSeeder(prefix);
    block = Number.NaN;
  }
  seedRoot(seeder, run);
  const out = {} as Record<StreamName, Rng>;
  for (const name of STREAM_NAMES) {
    start.s0 = aleaNext(root);
    start.s1 = aleaNext(root);
    start.s2 = aleaNext(root);
    out[name] = aleaFrom(start);
  }
  return out;
}
