import { statusCode } from '../arith.js';
import { DIMENSION_COUNT, type InitialValues, type Model } from '../model.js';
import { nominalReservations, priorBeliefs } from '../reservation.js';
import { initialState, type Modifier, type Treaty, type WorldState, type WorldView } from '../state.js';
import { HELD_CONTESTED, type Layout, statusOf, unpackCells } from './layout.js';

/** A pressure (kind 0, on `move`) or inducement (kind 1) modifier, as state.ts's Modifier. */
export interface FlatModifier {
  readonly kind: 0 | 1;
  readonly actor: number;
  readonly move: number;
  readonly amount: number;
  readonly until: number;
}

/** The kernel's run state: the cells and what no metric reads. */
export interface KernelWorld {
  readonly x: Float64Array;
  t: number;
  talks: boolean;
  treaty: Treaty | null;
  modifiers: FlatModifier[];
  /** Advanced whenever the modifiers change, so sums over them are redone only then. */
  modsVersion: number;
  readonly fired: Uint8Array;
  /** Moves taken this quarter, for reactions: the first moveCount entries. */
  readonly moves: number[];
  moveCount: number;
}

/** A kernel world for model m, at its start (initialState, packed); `resetWorld` takes it back there for the next run. */
export function createWorld(m: Model, L: Layout): KernelWorld {
  return packWorld(L, initialState(m));
}

/** The world's numbers (a WorldState's, or a model's starting values) written into their cells. */
function writeNumbers(L: Layout, x: Float64Array, v: Omit<InitialValues, 'talksActive'>): void {
  x.set(v.sanctions, L.sanctions);
  x.set(v.energy, L.energy);
  x.set(v.economy, L.economy);
  x[L.joint] = v.jointActivity;
  x.set(v.militarisation, L.militarisation);
  x.set(v.cohesion, L.cohesion);
  x.set(v.trust, L.trust);
  x.set(v.room, L.room);
}

/** The levels trust and room drift back to: a model's starting values, or a WorldState's baselines. */
function writeBaselines(L: Layout, x: Float64Array, trust: readonly number[], room: readonly number[]): void {
  x.set(trust, L.trustBaseline);
  x.set(room, L.roomBaseline);
}

/**
 * Writes model m's starting cells into x (what createWorld's cells hold, initialState packed),
 * without building a WorldState: a kernel rebound to another model (kernel.ts's bind) takes its start from here.
 */
export function writeStart(m: Model, L: Layout, x: Float64Array): void {
  writeNumbers(L, x, m.initial);
  m.actors.forEach((a, k) => {
    x.set(a.weights, L.weights + k * DIMENSION_COUNT);
  });
  x[L.treaty] = 0;
  x.fill(HELD_CONTESTED, L.territories, L.territories + m.territories.length);
  nominalReservations(m, x, L.reservation);
  priorBeliefs(m, x, L.belief);
  writeBaselines(L, x, m.initial.trust, m.initial.room);
}

export function resetWorld(m: Model, w: KernelWorld, start: Float64Array): void {
  w.x.set(start);
  w.t = 0;
  w.talks = m.initial.talksActive;
  w.treaty = null;
  w.modifiers = [];
  w.modsVersion++;
  w.fired.fill(0);
  w.moveCount = 0;
}

/** The world as a WorldState (plain data, shaped and ordered as initialState makes it). */
export function unpackWorld(m: Model, L: Layout, w: KernelWorld): WorldState {
  const c = unpackCells(m, L, w.x);
  const modifiers: Modifier[] = w.modifiers.map((mod) =>
    mod.kind === 0
      ? { kind: 'moveCost', actor: mod.actor, move: mod.move, amount: mod.amount, until: mod.until }
      : { kind: 'dealCost', actor: mod.actor, amount: mod.amount, until: mod.until },
  );
  return {
    t: w.t,
    territories: c.territories,
    treaty: w.treaty,
    sanctions: c.sanctions,
    energy: c.energy,
    economy: c.economy,
    jointActivity: c.jointActivity,
    militarisation: c.militarisation,
    cohesion: c.cohesion,
    trust: c.trust,
    talksActive: w.talks,
    room: c.room,
    trustBaseline: c.trustBaseline,
    roomBaseline: c.roomBaseline,
    weights: c.weights,
    modifiers,
    fired: Array.from(w.fired, (f) => f === 1),
    movesThisQuarter: w.moves.slice(0, w.moveCount),
    reservation: c.reservation,
    belief: c.belief,
  };
}

/** A live, read-only view of a kernel world: its arrays are views of the cells, read as they change. */
export function viewOf(m: Model, L: Layout, w: KernelWorld): WorldView {
  const n = L.n;
  const at = (from: number, k: number): Float64Array => w.x.subarray(from, from + k);
  return {
    get t() {
      return w.t;
    },
    get territories() {
      return m.territories.map((_, k) => statusOf(m, w.x[L.territories + k]!));
    },
    get treaty() {
      return w.treaty;
    },
    sanctions: at(L.sanctions, n * n),
    energy: at(L.energy, m.energyTies.length),
    economy: at(L.economy, n * n),
    get jointActivity() {
      return w.x[L.joint]!;
    },
    militarisation: at(L.militarisation, n),
    cohesion: at(L.cohesion, m.alliances.length),
    trust: at(L.trust, n * n),
    get talksActive() {
      return w.talks;
    },
    room: at(L.room, n),
    weights: at(L.weights, n * DIMENSION_COUNT),
  };
}

/** A WorldState packed into a kernel world (the inverse of unpackWorld), e.g. to weigh options in it. */
export function packWorld(L: Layout, s: WorldState): KernelWorld {
  const x = new Float64Array(L.size);
  writeNumbers(L, x, s);
  x.set(s.weights, L.weights);
  x[L.treaty] = s.treaty ? 1 : 0;
  s.territories.forEach((st, k) => {
    x[L.territories + k] = statusCode(st);
  });
  x.set(s.reservation, L.reservation);
  x.set(s.belief, L.belief);
  writeBaselines(L, x, s.trustBaseline, s.roomBaseline);
  return {
    x,
    t: s.t,
    talks: s.talksActive,
    treaty: s.treaty,
    modifiers: s.modifiers.map((mod) =>
      mod.kind === 'moveCost'
        ? { kind: 0, actor: mod.actor, move: mod.move, amount: mod.amount, until: mod.until }
        : { kind: 1, actor: mod.actor, move: -1, amount: mod.amount, until: mod.until },
    ),
    fired: Uint8Array.from(s.fired, (f) => (f ? 1 : 0)),
    modsVersion: 0,
    moves: [...s.movesThisQuarter],
    moveCount: s.movesThisQuarter.length,
  };
}
