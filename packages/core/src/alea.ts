/**
 * seedrandom's Alea generator (seedrandom/lib/alea.js, after Johannes Baagøe), step for step, so
 * that runs can be seeded without hashing again what all their keys share. `packages/core/test/alea.test.ts`
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

/**
 * Mash over `data` from four states at once, in place: the same steps as mash() for each, written
 * side by side so that the processor overlaps four chains of dependent arithmetic instead of
 * waiting on one (each step of one chain needs the one before: ~50 cycles a character).
 */
function mash4(n: Float64Array, data: string): void {
  let a = n[0]!;
  let b = n[1]!;
  let c = n[2]!;
  let d = n[3]!;
  for (let i = 0; i < data.length; i++) {
    const ch = data.charCodeAt(i);
    a += ch;
    b += ch;
    c += ch;
    d += ch;
    let ha = 0.02519603282416938 * a;
    let hb = 0.02519603282416938 * b;
    let hc = 0.02519603282416938 * c;
    let hd = 0.02519603282416938 * d;
    a = ha >>> 0;
    b = hb >>> 0;
    c = hc >>> 0;
    d = hd >>> 0;
    ha -= a;
    hb -= b;
    hc -= c;
    hd -= d;
    ha *= a;
    hb *= b;
    hc *= c;
    hd *= d;
    a = ha >>> 0;
    b = hb >>> 0;
    c = hc >>> 0;
    d = hd >>> 0;
    ha -= a;
    hb -= b;
    hc -= c;
    hd -= d;
    a += ha * TWO_POW_32;
    b += hb * TWO_POW_32;
    c += hc * TWO_POW_32;
    d += hd * TWO_POW_32;
  }
  n[0] = a;
  n[1] = b;
  n[2] = c;
  n[3] = d;
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

  private readonly n4 = new Float64Array(4);

  /**
   * Into out[0..3], the states of `seedrandom.alea(prefix + suffixes[j])` before their first draw.
   * The four keys' passes over the prefix, most of the work, run side by side (mash4): about three
   * times faster than one key after another.
   */
  seedFour(suffixes: readonly string[], out: readonly AleaState[]): void {
    const n = this.n4;
    for (let j = 0; j < 4; j++) {
      n[j] = mash(this.afterPrefix, suffixes[j]!);
      const s0 = SPACE[0] - mashValue(n[j]!);
      out[j]!.s0 = s0 < 0 ? s0 + 1 : s0;
    }
    mash4(n, this.prefix);
    for (let j = 0; j < 4; j++) {
      n[j] = mash(n[j]!, suffixes[j]!);
      const s1 = SPACE[1] - mashValue(n[j]!);
      out[j]!.s1 = s1 < 0 ? s1 + 1 : s1;
    }
    mash4(n, this.prefix);
    for (let j = 0; j < 4; j++) {
      n[j] = mash(n[j]!, suffixes[j]!);
      const s2 = SPACE[2] - mashValue(n[j]!);
      out[j]!.s2 = s2 < 0 ? s2 + 1 : s2;
      out[j]!.c = 1;
    }
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
