import type { Model } from './model.js';
import { nominalReservations, priorBeliefs, RESERVATION_KINDS } from './reservation.js';

/** The status of one territory. Exactly one at any time. */
export type TerritoryStatus =
  | { readonly kind: 'held'; readonly by: number; readonly contested: boolean }
  | { readonly kind: 'transferred'; readonly to: number; readonly from: number; readonly assured: boolean }
  | { readonly kind: 'joint'; readonly parties: readonly [number, number] };

/** A temporary change to an actor's options or utility (pressure, inducement). */
export type Modifier =
  | { readonly kind: 'moveCost'; readonly actor: number; readonly move: number; readonly amount: number; readonly until: number }
  | { readonly kind: 'dealCost'; readonly actor: number; readonly amount: number; readonly until: number };

export interface Treaty {
  /** Quarter index at which it was signed. */
  readonly t: number;
  /** The offer (by index) whose terms it carries. */
  readonly offer: number;
}

/**
 * The world at one moment of a run. Plain data: numbers, arrays and small
 * objects, so that immer can produce the next one and equality is structural.
 * Ranges: every number is in [0, 1] except `t` and `weights` ([-1, 1]).
 */
export interface WorldState {
  /** Quarters elapsed since the scenario's start. */
  t: number;
  territories: TerritoryStatus[];
  treaty: Treaty | null;
  /** n×n, [imposer * n + target]. */
  sanctions: number[];
  /** Per energy tie. */
  energy: number[];
  /** n×n symmetric. */
  economy: number[];
  jointActivity: number;
  militarisation: number[];
  cohesion: number[];
  /** n×n symmetric. */
  trust: number[];
  talksActive: boolean;
  room: number[];
  /** n×n symmetric: the level trust drifts back to (its start, until a lasting change moves it). */
  trustBaseline: number[];
  /** The level domestic room drifts back to. */
  roomBaseline: number[];
  /** n × DIMENSION_COUNT, the actors' current weights (shocks can change them). */
  weights: number[];
  modifiers: Modifier[];
  /** Per event: has it fired. */
  fired: boolean[];
  /** Moves (by index) taken this quarter, for reactions. */
  movesThisQuarter: number[];
  /** Each actor's own reservation values, [actor × 2 + kind] (reservation.ts): drawn at the start of a run, private. */
  reservation: number[];
  /** The public belief about them, [(actor × 2 + kind) × 2 + 0 | 1]: the bounds [lo, hi] that answers to offers have left. */
  belief: number[];
}

/**
 * The part of a world that metrics and utilities read, read-only: a WorldState, or the batch
 * kernel's live view of its cells (kernel/world.ts), whose arrays are typed-array views.
 */
export interface WorldView {
  readonly t: number;
  readonly territories: readonly TerritoryStatus[];
  readonly treaty: Treaty | null;
  readonly sanctions: ArrayLike<number>;
  readonly energy: ArrayLike<number>;
  readonly economy: ArrayLike<number>;
  readonly jointActivity: number;
  readonly militarisation: ArrayLike<number>;
  readonly cohesion: ArrayLike<number>;
  readonly trust: ArrayLike<number>;
  readonly talksActive: boolean;
  readonly room: ArrayLike<number>;
  readonly weights: ArrayLike<number>;
}

export function initialState(model: Model): WorldState {
  const init = model.initial;
  return {
    t: 0,
    territories: model.territories.map(() => ({ kind: 'held', by: model.holder, contested: true })),
    treaty: null,
    sanctions: [...init.sanctions],
    energy: [...init.energy],
    economy: [...init.economy],
    jointActivity: init.jointActivity,
    militarisation: [...init.militarisation],
    cohesion: [...init.cohesion],
    trust: [...init.trust],
    talksActive: init.talksActive,
    room: [...init.room],
    trustBaseline: [...init.trust],
    roomBaseline: [...init.room],
    weights: model.actors.flatMap((a) => a.weights),
    modifiers: [],
    fired: model.events.map(() => false),
    movesThisQuarter: [],
    reservation: startReservations(model),
    belief: startBeliefs(model),
  };
}

/** The reservation values the scenario reads (a run draws its own: phases.ts's initialContext). */
function startReservations(m: Model): number[] {
  const out = new Array<number>(m.actors.length * RESERVATION_KINDS);
  nominalReservations(m, out, 0);
  return out;
}

function startBeliefs(m: Model): number[] {
  const out = new Array<number>(m.actors.length * RESERVATION_KINDS * 2);
  priorBeliefs(m, out, 0);
  return out;
}

/** A copy whose arrays may be mutated freely without touching `s`. Used for what-if evaluation. */
export function cloneState(s: WorldState): WorldState {
  return {
    t: s.t,
    territories: s.territories.slice(),
    treaty: s.treaty,
    sanctions: s.sanctions.slice(),
    energy: s.energy.slice(),
    economy: s.economy.slice(),
    jointActivity: s.jointActivity,
    militarisation: s.militarisation.slice(),
    cohesion: s.cohesion.slice(),
    trust: s.trust.slice(),
    talksActive: s.talksActive,
    room: s.room.slice(),
    trustBaseline: s.trustBaseline.slice(),
    roomBaseline: s.roomBaseline.slice(),
    weights: s.weights.slice(),
    modifiers: s.modifiers.slice(),
    fired: s.fired.slice(),
    movesThisQuarter: s.movesThisQuarter.slice(),
    reservation: s.reservation.slice(),
    belief: s.belief.slice(),
  };
}

/** A new state object sharing every array with `s`: the caller copies the arrays it changes. */
export function shallowCopy(s: WorldState): WorldState {
  return {
    t: s.t,
    territories: s.territories,
    treaty: s.treaty,
    sanctions: s.sanctions,
    energy: s.energy,
    economy: s.economy,
    jointActivity: s.jointActivity,
    militarisation: s.militarisation,
    cohesion: s.cohesion,
    trust: s.trust,
    talksActive: s.talksActive,
    room: s.room,
    trustBaseline: s.trustBaseline,
    roomBaseline: s.roomBaseline,
    weights: s.weights,
    modifiers: s.modifiers,
    fired: s.fired,
    movesThisQuarter: s.movesThisQuarter,
    reservation: s.reservation,
    belief: s.belief,
  };
}
