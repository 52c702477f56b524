/**
 * seedrandom's Alea generator (seedrandom/lib/alea.js, after Johannes Baagøe), step for step, so
 * that runs can be seeded without hashing again what all their keys share. `tests/rng.test.ts`
 * holds every number it gives to seedrandom's own.
 *
 * Alea seeds itself by running Mash, a string hash whose state carries from call to call, over
 * " " three times and then over the key three times. A batch's keys all start with the same
 * `scenarioKey:seed:`, so the first pass over that prefix is the same for every run and is done
 * once; the second and third passes start from a state that depends on the whole key and are
 * not. Seeding a run's 70-character key took ~9 µs of a ~105 µs run; this takes about two thirds.
 */

const TWO_POW_32 = 0x100000000;
const TWO_POW_MINUS_32 = 2.3283064365386963e-10;

/** Mash's state after `data`, from state `n` (seedrandom's `mash(data)` closure, its state passed in and out). */
function mash(n: number, data: string): number {
  for (let i = 0; i < data.length; i++) {
    n += data.charCodeAt(i);
    let h = 0.02519603282416938 * n;
    n = h >>> 0;
    h -= n;
    h *= n;
    n = h >>> 0;
    h -= n;
    n += h * TWO_POW_32;
  }
  return n;
}

/** What `mash()` returns in state `n`. */
const mashValue = (n: number): number => (n >>> 0) * TWO_POW_MINUS_32;

const MASH_START = 0xefc8249d;
const N1 = mash(MASH_START, ' ');
const N2 = mash(N1, ' ');
const N3 = mash(N2, ' ');
const SPACE = [mashValue(N1), mashValue(N2), mashValue(N3)] as const;

/** An Alea generator's state: what seedrandom's `prng.state()` gives. */
export interface AleaState {
  c: number;
  s0: number;
  s1: number;
  s2: number;
}

/** Seeds Alea generators whose keys all begin with `prefix`. */
export class AleaSeeder {
  /** Mash's state after " " three times and the prefix: where every key's first pass gets to. */
  private readonly afterPrefix: number;

  constructor(readonly prefix: string) {
    this.afterPrefix = mash(N3, prefix);
  }

  /** Into `out`, the state of `seedrandom.alea(prefix + suffix)` before its first draw. */
  seed(suffix: string, out: AleaState): AleaState {
    let n = mash(this.afterPrefix, suffix);
    let s0 = SPACE[0] - mashValue(n);
    if (s0 < 0) s0 += 1;
    n = mash(mash(n, this.prefix), suffix);
    let s1 = SPACE[1] - mashValue(n);
    if (s1 < 0) s1 += 1;
    n = mash(mash(n, this.prefix), suffix);
    let s2 = SPACE[2] - mashValue(n);
    if (s2 < 0) s2 += 1;
    out.c = 1;
    out.s0 = s0;
    out.s1 = s1;
    out.s2 = s2;
    return out;
  }
}

/** The next draw of the generator in state `g`, advancing it (seedrandom's Alea `next()`). */
export function aleaNext(g: AleaState): number {
  const t = 2091639 * g.s0 + g.c * TWO_POW_MINUS_32;
  g.s0 = g.s1;
  g.s1 = g.s2;
  g.c = t | 0;
  g.s2 = t - g.c;
  return g.s2;
}

/** A generator that continues from `state` (seedrandom's `alea('', { state })`), as a function. */
export function aleaFrom(state: AleaState): () => number {
  let c = state.c;
  let s0 = state.s0;
  let s1 = state.s1;
  let s2 = state.s2;
  return () => {
    const t = 2091639 * s0 + c * TWO_POW_MINUS_32;
    s0 = s1;
    s1 = s2;
    c = t | 0;
    s2 = t - c;
    return s2;
  };
}
