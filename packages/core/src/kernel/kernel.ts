import type { Model } from '../model.js';
import type { GuardContext } from '../phases.js';
import { drawReservations } from '../reservation.js';
import type { Rng } from '../rng.js';
import type { WorldState, WorldView } from '../state.js';
import { Choices } from './choices.js';
import { Bindings, compileWith } from './consts.js';
import { KernelEvaluator } from './evaluator.js';
import type { Layout } from './layout.js';
import { type ApplyOps, compileCondition, compileEffect, compileOpLists, type Op, type Test } from './program.js';
import { compileSampler, type Measure, type Reader, type Sample, type Sampler, sampleOf } from './readers.js';
import { createWorld, type KernelWorld, resetWorld, unpackWorld, viewOf, writeStart } from './world.js';

export type { Measure, Reader } from './readers.js';

/**
 * The batch kernel: a model compiled once for runs nobody watches (its world of cells, its
 * evaluator and choosers, its events and reactions as compiled records), reused run after run.
 * Its phases (kernel/phases.ts) are the protocol's phases (phases.ts) and the actors' policies
 * (policy.ts) over these cells: same random draws in the same order, same results bit for bit
 * (tests/kernel.test.ts holds them to simulate, on every scenario and on perturbed models).
 */

/** An event (model.ts's EventDef) as the kernel tests and fires it; at −1 = random. */
interface KernelEvent {
  readonly at: number;
  /** In the model the kernel is bound to. */
  hazard: number;
  readonly once: boolean;
  readonly summit: boolean;
  /** Its effects, compiled (program.ts). */
  readonly apply: ApplyOps;
  readonly tests: readonly Test[];
}

export interface KernelContext extends GuardContext {
  readonly world: KernelWorld;
}

/** x_c ← x_c + drift × (baseline_c − x_c) for every trust and room cell, the same operations as phases.ts's update. */
function driftCode(B: Bindings, L: Layout): (x: Float64Array) => void {
  const m = B.m;
  const K = B.consts();
  const d = K.ref((m) => m.params.drift);
  const cells = [
    ...m.initial.trust.map((_, k) => [L.trust + k, L.trustBaseline + k] as const),
    ...m.initial.room.map((_, k) => [L.room + k, L.roomBaseline + k] as const),
  ];
  const body = cells.map(([c, b]) => `x[${c}] = x[${c}] + ${d} * (x[${b}] - x[${c}]);`).join('\n');
  return compileWith<(x: Float64Array) => void>(K, [], `'use strict'; return function (x) {\n${body}\n};`);
}

/** A kernel for one model: compiled once, reused run after run, never shared by two runs at once. */
export class Kernel {
  readonly ev: KernelEvaluator;
  readonly choices: Choices;
  readonly world: KernelWorld;
  /** A live view of the world, for per-quarter measures. */
  readonly view: WorldView;
  readonly L: Layout;
  readonly events: readonly KernelEvent[];
  /** Per quarter t, in model order, the events that can fire then: those scheduled at t and the random ones. */
  private readonly dueAt: readonly (readonly number[])[];
  private readonly randomEvents: readonly number[];
  /** The actors of each role, in actor order. */
  readonly parties: readonly number[];
  readonly thirds: readonly number[];
  /** The effects of each move and each reaction, compiled. */
  readonly moveApply: readonly ApplyOps[];
  readonly reactionApply: readonly ApplyOps[];
  /** Per move, the reactions it triggers, in model order. */
  readonly reactionsTo: readonly (readonly number[])[];
  /** Trust and domestic room drifting back towards their starting values (phases.ts's update), as straight-line code. */
  readonly drift: (x: Float64Array) => void;
  /** The trust a meeting builds between the claimant and the holder. */
  readonly meetingOp: Op;
  /** [by × n + to]: the trust an accepted deal builds between its proposer and the accepting actor. */
  readonly dealTrustOps: readonly Op[];
  private readonly start: Float64Array;
  private readonly samplers = new Map<string, Sampler>();
  /** Everything that holds the bound model's numbers (consts.ts). */
  private readonly bindings: Bindings;
  /** The model the kernel is bound to: its numbers are the ones the runs read. */
  m: Model;

  constructor(m: Model) {
    this.m = m;
    const B = new Bindings(m);
    this.bindings = B;
    this.ev = new KernelEvaluator(B);
    const L = this.ev.L;
    this.choices = new Choices(this.ev);
    this.world = createWorld(m, L);
    this.start = this.world.x.slice();
    B.on((m) => writeStart(m, L, this.start));
    this.view = viewOf(m, L, this.world);
    this.L = L;
    const eventOps = m.events.map((e, k) => e.effects.map((_, j) => compileEffect(B, L, (m) => m.events[k]!.effects[j]!)));
    const reactionOps = m.reactions.map((r, k) => r.effects.map((_, j) => compileEffect(B, L, (m) => m.reactions[k]!.effects[j]!)));
    // Every list of effects a run applies, compiled together: the events', the moves', the reactions'.
    const applies = compileOpLists(B, [...eventOps, ...this.ev.moveOps, ...reactionOps]);
    const E = m.events.length;
    const M = m.moves.length;
    this.moveApply = applies.slice(E, E + M);
    this.reactionApply = applies.slice(E + M);
    this.events = m.events.map((e, k) => ({
      at: e.at ?? -1,
      hazard: e.hazard,
      once: e.once,
      summit: e.summit,
      apply: applies[k]!,
      tests: e.when.map((_, j) => compileCondition(B, L, (m) => m.events[k]!.when[j]!)),
    }));
    B.on((m) => {
      for (let k = 0; k < E; k++) this.events[k]!.hazard = m.events[k]!.hazard;
    });
    const random = (e: KernelEvent): boolean => e.at < 0 && e.hazard > 0;
    this.randomEvents = this.events.flatMap((e, k) => (random(e) ? [k] : []));
    this.dueAt = Array.from({ length: m.horizon + 1 }, (_, t) => this.events.flatMap((e, k) => (e.at === t || random(e) ? [k] : [])));
    const byRole = (role: 'party' | 'third') => m.actors.flatMap((a, i) => (a.role === role ? [i] : []));
    this.parties = byRole('party');
    this.thirds = byRole('third');
    this.reactionsTo = m.moves.map((_, mv) => m.reactions.flatMap((r, k) => (r.trigger === mv ? [k] : [])));
    this.drift = driftCode(B, L);
    const trust = (a: number, b: number, times: number) => (m: Model) =>
      ({ op: 'trust', a, b, delta: times * m.params.meetingTrust }) as const;
    this.meetingOp = compileEffect(B, L, (m) => trust(m.claimant, m.holder, 1)(m));
    const n = m.actors.length;
    this.dealTrustOps = Array.from({ length: n * n }, (_, k) => compileEffect(B, L, trust(Math.floor(k / n), k % n, 2)));
  }

  /**
   * Run model m from now on: m must have this kernel's structure (parameters.ts's structureKey),
   * and only its numbers are taken. Rewrites every number the kernel holds in place; nothing is compiled.
   */
  bind(m: Model): void {
    if (m === this.m) return;
    this.bindings.bind(m);
    this.m = m;
  }

  /** The events that can fire in quarter t (phases.ts's shocks tests the others and skips them). */
  due(t: number): readonly number[] {
    return this.dueAt[t] ?? this.randomEvents;
  }

  /** A fresh run: the world back at the start, each actor's reservation values drawn from `types` (phases.ts's initialContext). */
  begin(types: Rng): KernelContext {
    resetWorld(this.m, this.world, this.start);
    drawReservations(this.m, types, this.world.x, this.L.reservation);
    this.ev.reset(this.world);
    return { world: this.world, meeting: null, pending: null, outcome: null };
  }

  /**
   * A function reading `measures` off this kernel's world as it stands (after a run, or in
   * onQuarter), all at once: compiled once per list, bound to the world's cells, so a caller never
   * sees the layout.
   */
  reader(measures: readonly Measure[]): Reader {
    const sample = this.sampler(measures.map((x) => sampleOf(this.m, this.L, x)));
    const x = this.world.x;
    return (out) => sample(x, out);
  }

  /** A function reading all of `samples` off the cells at once (readers.ts), compiled once per list. */
  private sampler(samples: readonly Sample[]): Sampler {
    const key = JSON.stringify(samples);
    let f = this.samplers.get(key);
    if (!f) {
      const K = this.bindings.consts();
      f = compileSampler(K, this.m, this.L, samples);
      // A sampler made after a bind starts from the model bound now, and follows the next binds.
      this.samplers.set(key, f);
    }
    return f;
  }

  /** The world as a WorldState. */
  unpack(): WorldState {
    return unpackWorld(this.m, this.L, this.world);
  }
}
