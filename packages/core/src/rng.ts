import seedrandom from 'seedrandom';

/** A source of uniform numbers in [0, 1). */
export type Rng = () => number;

/** One independent stream per purpose, so a draw added in one place never shifts another. */
export const STREAM_NAMES = ['shocks', 'agenda', 'offer', 'response', 'moves', 'third', 'reactions'] as const;
export type StreamName = (typeof STREAM_NAMES)[number];
export type Streams = Readonly<Record<StreamName, Rng>>;

/**
 * Streams for one run, derived from `scenarioKey:seed:run:purpose` with seedrandom's
 * Alea generator. Results depend only on these inputs, never on scheduling.
 */
export function createStreams(scenarioKey: string, seed: number, run = 0): Streams {
  const prefix = `${scenarioKey}:${seed}:${run}:`;
  const out = {} as Record<StreamName, Rng>;
  for (const name of STREAM_NAMES) {
    out[name] = seedrandom.alea(prefix + name);
  }
  return out;
}
