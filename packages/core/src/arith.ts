import { DIMENSION_COUNT, type Model } from './model.js';
import type { TerritoryStatus, WorldView } from './state.js';

/**
 * The arithmetic the model's formulas are written in, once (metrics.ts): reads of the world by what
 * they are, the model's numbers, and a handful of operations. Two implementations give the formulas
 * their two forms: `values` evaluates them to numbers over a world (for explaining, teaching and
 * the readable runs), and the kernel's code arithmetic (kernel/code-arith.ts) writes them as
 * JavaScript over its cells (for batches). The same operations in the same order on the same
 * doubles: the two forms agree bit for bit by construction.
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
  /** |a|; `a` must be a local or a read (code writes it more than once). */
  abs(a: V): V;
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

/** The formulas evaluated to numbers over world `s` of model `m` (`over` sets them). */
export class Values implements Arith<number> {
  m!: Model;
  s!: WorldView;
  n = 0;

  over(m: Model, s: WorldView): this {
    this.m = m;
    this.s = s;
    this.n = m.actors.length;
    return this;
  }

  lit(x: number): number {
    return x;
  }
  param(r: (m: Model) => number): number {
    return r(this.m);
  }
  add(a: number, b: number): number {
    return a + b;
  }
  sub(a: number, b: number): number {
    return a - b;
  }
  mul(a: number, b: number): number {
    return a * b;
  }
  div(a: number, b: number): number {
    return a / b;
  }
  clamp01(a: number): number {
    return a < 0 ? 0 : a > 1 ? 1 : a;
  }
  byStatus(status: number, values: readonly number[]): number {
    return values[status]!;
  }
  ifStatus(status: number, codes: readonly number[], then: number, otherwise: number): number {
    return codes.includes(status) ? then : otherwise;
  }
  atMost(a: number, b: number): number {
    return a <= b ? 1 : 0;
  }
  abs(a: number): number {
    return a < 0 ? -a : a;
  }
  ifNonZero(x: number, then: () => number, otherwise: () => number): number {
    return x !== 0 ? then() : otherwise();
  }
  local(v: number): number {
    return v;
  }
  weight(actor: number, d: number): number {
    return this.s.weights[actor * DIMENSION_COUNT + d]!;
  }
  status(k: number): number {
    return statusCode(this.s.territories[k]!);
  }
  treaty(): number {
    return this.s.treaty ? 1 : 0;
  }
  energy(tie: number): number {
    return this.s.energy[tie]!;
  }
  sanctions(imposer: number, target: number): number {
    return this.s.sanctions[imposer * this.n + target]!;
  }
  economy(a: number, b: number): number {
    return this.s.economy[a * this.n + b]!;
  }
  joint(): number {
    return this.s.jointActivity;
  }
  militarisation(actor: number): number {
    return this.s.militarisation[actor]!;
  }
  cohesion(alliance: number): number {
    return this.s.cohesion[alliance]!;
  }
  trust(a: number, b: number): number {
    return this.s.trust[a * this.n + b]!;
  }
  room(actor: number): number {
    return this.s.room[actor]!;
  }
}

const shared = [new Values(), new Values()];

/**
 * The number arithmetic over world s of model m. Formulas over one world use the first of two
 * instances, reset per use (formulas never nest); a formula over two worlds (before and after a
 * deal) asks for the second with `other`.
 */
export function values(m: Model, s: WorldView, other = false): Arith<number> {
  return shared[other ? 1 : 0]!.over(m, s);
}

/** Σ of terms in order, from 0: ((0 + t₀) + t₁) + …, as every sum of the model is taken. */
export function sum<V>(A: Arith<V>, terms: readonly V[]): V {
  let acc = A.lit(0);
  for (const t of terms) acc = A.add(acc, t);
  return acc;
}
