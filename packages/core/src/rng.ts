import seedrandom from 'seedrandom';

/** A source of uniform numbers in [0, 1). */
export type Rng = () => number;

/** One independent stream per purpose, so a draw added in one place never shifts another. */
export const STREAM_NAMES = ['shocks', 'agenda', 'offer', 'response', 'moves', 'third', 'reactions'] as const;
export type StreamName = (typeof STREAM_NAMES)[number];
export type Streams = Readonly<Record<StreamName, Rng>>;

/**
 * Streams for one run. A seedrandom Alea generator seeded with `scenarioKey:seed:run` draws
 * the starting state (s0, s1, s2) of each purpose's own Alea stream, in STREAM_NAMES order.
 * Results depend only on these inputs, never on scheduling. Seeding once per run rather than
 * once per purpose matters in batches: hashing a 64-character key costs ~6 µs an Alea, and a
 * run needs seven streams.
 */
export function createStreams(scenarioKey: string, seed: number, run = 0): Streams {
  const root = seedrandom.alea(`${scenarioKey}:${seed}:${run}`);
  const out = {} as Record<StreamName, Rng>;
  for (const name of STREAM_NAMES) {
    out[name] = seedrandom.alea('', { state: { c: 1, s0: root(), s1: root(), s2: root() } });
  }
  return out;
}
