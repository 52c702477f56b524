import type { Arith } from './arith.js';
import { termEffects } from './deal.js';
import { effectWrite } from './effects.js';
import { METRIC_FORMULAS } from './metrics.js';
import { DIMENSION_COUNT, type Effect, type Model, type Term } from './model.js';

/**
 * Which dimensions of which actor's utility an option (a move's effects or an offer's
 * terms) can change. What-if evaluation recomputes only those metrics: every other
 * metric is equal before and after by construction, so skipping it changes no bit of
 * the result. The table is derived from two static facts per model:
 * - the parts of the state an option writes (its channels), and
 * - the parts of the state each metric reads for each actor, traced from its formula (metrics.ts).
 * A property test checks the claim on random models and reachable states.
 */

/** The mask of every dimension. */
export const ALL_DIMENSIONS = (1 << DIMENSION_COUNT) - 1;

/** A part of the state: `statuses` (the territories), `treaty`, `talks`, `joint`, `weights`, or an array cell. */
type Channel = string;
const cell = (name: string, at: number): Channel => `${name}:${at}`;
/** A write to a weight (a shock that shifts what an actor values): the whole utility is recomputed. */
const WEIGHTS = 'weights';

/** The channels effect e writes (effects.ts's effectWrite). */
function effectWrites(m: Model, e: Effect, out: Set<Channel>): void {
  const w = effectWrite(m, e);
  switch (w.kind) {
    case 'add':
      out.add(cell(w.field, w.at));
      return;
    case 'addPair':
      out.add(cell(w.field, w.at)).add(cell(w.field, w.mirror));
      return;
    case 'addJoint':
      out.add('joint');
      return;
    case 'addWeight':
      out.add(WEIGHTS);
      return;
    case 'talks':
      out.add('talks');
      return;
    case 'moveCost':
    case 'dealCost':
      out.add('modifiers');
      return;
  }
}

/** The channels term t writes: its effects' (deal.ts's termEffects), or the statuses (and treaty and talks, for a treaty). */
function termWrites(m: Model, t: Term, out: Set<Channel>): void {
  const effects = termEffects(m, t);
  for (const e of effects) effectWrites(m, e, out);
  if (effects.length > 0) return;
  if (t.kind === 'peaceTreaty') out.add('statuses').add('treaty').add('talks');
  else out.add('statuses');
}

/**
 * The model's arithmetic (arith.ts) recording what a formula reads instead of computing it: the
 * channels each metric reads are found by running the metric's own formula (metrics.ts), so they
 * can never disagree with it.
 */
class Reads implements Arith<null> {
  readonly channels = new Set<Channel>();
  constructor(private readonly n: number) {}
  lit(): null {
    return null;
  }
  param(): null {
    return null;
  }
  add(): null {
    return null;
  }
  sub(): null {
    return null;
  }
  mul(): null {
    return null;
  }
  div(): null {
    return null;
  }
  clamp01(): null {
    return null;
  }
  byStatus(): null {
    return null;
  }
  ifStatus(): null {
    return null;
  }
  atMost(): null {
    return null;
  }
  ifNonZero(_x: null, then: () => null, otherwise: () => null): null {
    then();
    return otherwise();
  }
  local(): null {
    return null;
  }
  weight(): null {
    return this.read(WEIGHTS);
  }
  private read(c: Channel): null {
    this.channels.add(c);
    return null;
  }
  status(): null {
    return this.read('statuses');
  }
  treaty(): null {
    return this.read('treaty');
  }
  energy(tie: number): null {
    return this.read(cell('energy', tie));
  }
  sanctions(imposer: number, target: number): null {
    return this.read(cell('sanctions', imposer * this.n + target));
  }
  economy(a: number, b: number): null {
    return this.read(cell('economy', a * this.n + b));
  }
  joint(): null {
    return this.read('joint');
  }
  militarisation(actor: number): null {
    return this.read(cell('militarisation', actor));
  }
  cohesion(alliance: number): null {
    return this.read(cell('cohesion', alliance));
  }
  trust(a: number, b: number): null {
    return this.read(cell('trust', a * this.n + b));
  }
  room(actor: number): null {
    return this.read(cell('room', actor));
  }
}

/** The channels metric d reads for actor i: what its formula reads, traced. */
function metricReads(m: Model, d: number, i: number): Channel[] {
  const reads = new Reads(m.actors.length);
  METRIC_FORMULAS[d]!(reads, m, i);
  return [...reads.channels];
}

/** Per actor, the mask of dimensions whose metric reads any of `writes`. */
function masksFor(m: Model, reads: readonly (readonly Channel[])[][], writes: Set<Channel>): number[] {
  if (writes.has(WEIGHTS)) return m.actors.map(() => ALL_DIMENSIONS);
  return m.actors.map((_, i) => {
    let mask = 0;
    for (let d = 0; d < DIMENSION_COUNT; d++) if (reads[i]![d]!.some((c) => writes.has(c))) mask |= 1 << d;
    return mask;
  });
}

export interface OptionMasks {
  /** [o * actors + i]: the dimensions of actor i's utility offer o's terms can change. */
  readonly offers: readonly number[];
  /** [mv * actors + i]: the dimensions of actor i's utility move mv's effects can change. */
  readonly moves: readonly number[];
}

/** The dimension masks of every offer and move, for every actor. */
export function optionMasks(m: Model): OptionMasks {
  const reads = m.actors.map((_, i) => Array.from({ length: DIMENSION_COUNT }, (_, d) => metricReads(m, d, i)));
  const offers = m.offers.flatMap((o) => {
    const w = new Set<Channel>();
    for (const t of o.terms) termWrites(m, t, w);
    return masksFor(m, reads, w);
  });
  const moves = m.moves.flatMap((mv) => {
    const w = new Set<Channel>();
    for (const e of mv.effects) effectWrites(m, e, w);
    return masksFor(m, reads, w);
  });
  return { offers, moves };
}
