import type { Model } from './model.js';
import type { TerritoryStatus } from './state.js';

/**
 * The arithmetic the model's formulas are written in, once (metrics.ts, utility.ts, deal.ts): reads
 * of the world by what they are, the model's numbers, and a handful of operations. Its
 * implementations give the formulas their forms: code-arith.ts writes them as JavaScript, over the
 * kernel's cells (kernel/cell-reads.ts) for batches and over a WorldView (view-code.ts) for the
 * readable runs, and dependencies.ts traces what they read. The same operations in the same order
 * on the same doubles: the forms agree bit for bit by construction.
 */
export interface Arith<V> {
  /** A structural constant (a count, ½): written into code as a literal. */
  lit(x: number): V;
  /** A number of the model (a parameter, or one computed from parameters), as `r` computes it from the bound model. */
  param(r: (m: Model) => number): V;
  add(a: V, b: V): V;
  sub(a: V, b: V): V;
  mul(a: V, b: V): V;
  div(a: V, b: V): V;
  /** a clamped to [0, 1]. */
  clamp01(a: V): V;
  /** values[code] where `status` is a territory status code (STATUS). */
  byStatus(status: V, values: readonly V[]): V;
  /** `then` if the territory status code `status` is one of `codes`, else `otherwise`. */
  ifStatus(status: V, codes: readonly number[], then: V, otherwise: V): V;
  /** 1 if a ≤ b, else 0. */
  atMost(a: V, b: V): V;
  /** then() if x is not 0, else otherwise(): only the branch taken is evaluated to a number. */
  ifNonZero(x: V, then: () => V, otherwise: () => V): V;
  /** v kept in a local: code computes it once, here, and reads the local after. */
  local(v: V): V;

  // The world.
  /** Territory k's status, as its code. */
  status(k: number): V;
  /** 1 if a treaty is signed, else 0. */
  treaty(): V;
  energy(tie: number): V;
  sanctions(imposer: number, target: number): V;
  economy(a: number, b: number): V;
  joint(): V;
  militarisation(actor: number): V;
  cohesion(alliance: number): V;
  trust(a: number, b: number): V;
  room(actor: number): V;
  /** Actor i's weight on dimension d (weights live in the world: shocks change them). */
  weight(actor: number, d: number): V;
}

/** Territory status codes: statuses only ever name the claimant and the holder, so five codes say everything a status says. */
export const STATUS = {
  /** Held by the holder, still claimed. */
  HELD_CONTESTED: 0,
  /** Held by the holder, the claim settled by treaty. */
  HELD: 1,
  /** Transferred from the holder to the claimant, without a no-foreign-bases assurance. */
  TRANSFERRED: 2,
  /** Transferred, with the assurance. */
  ASSURED: 3,
  /** Administered jointly by the claimant and the holder. */
  JOINT: 4,
} as const;

/** A status's code (STATUS). */
export const statusCode = (st: TerritoryStatus): number =>
  st.kind === 'held'
    ? st.contested
      ? STATUS.HELD_CONTESTED
      : STATUS.HELD
    : st.kind === 'transferred'
      ? st.assured
        ? STATUS.ASSURED
        : STATUS.TRANSFERRED
      : STATUS.JOINT;

/** Σ of terms in order, from 0: ((0 + t₀) + t₁) + …, as every sum of the model is taken. */
export function sum<V>(A: Arith<V>, terms: readonly V[]): V {
  let acc = A.lit(0);
  for (const t of terms) acc = A.add(acc, t);
  return acc;
}
