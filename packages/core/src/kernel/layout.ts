import { STATUS } from '../arith.js';
import { DIMENSION_COUNT, type Model } from '../model.js';
import { RESERVATION_KINDS } from '../reservation.js';
import type { TerritoryStatus, WorldState } from '../state.js';

/**
 * The batch kernel's world: every number a metric reads, in one Float64Array, at offsets fixed per
 * model. Territory statuses are codes in cells of their own: statuses only ever name the claimant
 * and the holder (initialState, applyDeal), so five codes say everything a status says.
 */

/** Territory status codes (arith.ts's STATUS), as the cells hold them. */
export const { HELD_CONTESTED, HELD, TRANSFERRED, ASSURED, JOINT } = STATUS;

export interface Layout {
  readonly n: number;
  readonly sanctions: number;
  readonly energy: number;
  readonly economy: number;
  readonly joint: number;
  readonly militarisation: number;
  readonly cohesion: number;
  readonly trust: number;
  readonly room: number;
  /** Where trust and room drift back to (n×n, n): state.ts's trustBaseline and roomBaseline. */
  readonly trustBaseline: number;
  readonly roomBaseline: number;
  readonly weights: number;
  /** 1 once a treaty is signed. */
  readonly treaty: number;
  /** One status code per territory. */
  readonly territories: number;
  /** Each actor's own reservation values, [actor × 2 + kind] (reservation.ts). */
  readonly reservation: number;
  /** The public belief about them, [(actor × 2 + kind) × 2 + 0 | 1]. */
  readonly belief: number;
  readonly size: number;
}

export function layoutOf(m: Model): Layout {
  const n = m.actors.length;
  let at = 0;
  const take = (k: number): number => {
    const start = at;
    at += k;
    return start;
  };
  const sanctions = take(n * n);
  const energy = take(m.energyTies.length);
  const economy = take(n * n);
  const joint = take(1);
  const militarisation = take(n);
  const cohesion = take(m.alliances.length);
  const trust = take(n * n);
  const room = take(n);
  const weights = take(n * DIMENSION_COUNT);
  const treaty = take(1);
  const territories = take(m.territories.length);
  const reservation = take(n * RESERVATION_KINDS);
  const belief = take(n * RESERVATION_KINDS * 2);
  const trustBaseline = take(n * n);
  const roomBaseline = take(n);
  return {
    n,
    sanctions,
    energy,
    economy,
    joint,
    militarisation,
    cohesion,
    trust,
    room,
    trustBaseline,
    roomBaseline,
    weights,
    treaty,
    territories,
    reservation,
    belief,
    size: at,
  };
}

/** The status a code stands for, as initialState and applyDeal write it. */
export function statusOf(m: Model, code: number): TerritoryStatus {
  switch (code) {
    case HELD_CONTESTED:
      return { kind: 'held', by: m.holder, contested: true };
    case HELD:
      return { kind: 'held', by: m.holder, contested: false };
    case TRANSFERRED:
      return { kind: 'transferred', to: m.claimant, from: m.holder, assured: false };
    case ASSURED:
      return { kind: 'transferred', to: m.claimant, from: m.holder, assured: true };
    default:
      return { kind: 'joint', parties: [m.claimant, m.holder] };
  }
}

const slice = (x: Float64Array, from: number, k: number): number[] => Array.from(x.subarray(from, from + k));

/** The numeric part of a WorldState, unpacked from the cells (plain arrays, as the reference path has them). */
export function unpackCells(
  m: Model,
  L: Layout,
  x: Float64Array,
): Pick<
  WorldState,
  | 'territories'
  | 'sanctions'
  | 'energy'
  | 'economy'
  | 'jointActivity'
  | 'militarisation'
  | 'cohesion'
  | 'trust'
  | 'room'
  | 'weights'
  | 'reservation'
  | 'belief'
  | 'trustBaseline'
  | 'roomBaseline'
> {
  const n = L.n;
  return {
    territories: m.territories.map((_, k) => statusOf(m, x[L.territories + k]!)),
    sanctions: slice(x, L.sanctions, n * n),
    energy: slice(x, L.energy, m.energyTies.length),
    economy: slice(x, L.economy, n * n),
    jointActivity: x[L.joint]!,
    militarisation: slice(x, L.militarisation, n),
    cohesion: slice(x, L.cohesion, m.alliances.length),
    trust: slice(x, L.trust, n * n),
    room: slice(x, L.room, n),
    weights: slice(x, L.weights, n * DIMENSION_COUNT),
    reservation: slice(x, L.reservation, n * RESERVATION_KINDS),
    belief: slice(x, L.belief, n * RESERVATION_KINDS * 2),
    trustBaseline: slice(x, L.trustBaseline, n * n),
    roomBaseline: slice(x, L.roomBaseline, n),
  };
}
