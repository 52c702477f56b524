import type { Model } from '../model.js';
import type { GuardContext } from '../phases.js';
import type { WorldState, WorldView } from '../state.js';
import { Choices } from './choices.js';
import { Consts, compileWith } from './consts.js';
import { KernelEvaluator } from './evaluator.js';
import type { Layout } from './layout.js';
import { type ApplyOps, compileCondition, compileEffect, compileOpLists, type Op, type Test } from './program.js';
import { compileSampler, type Measure, type Reader, type Sample, type Sampler, sampleOf } from './readers.js';
import { createWorld, type KernelWorld, resetWorld, unpackWorld, viewOf } from './world.js';

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
  readonly hazard: number;
  readonly once: boolean;
  readonly summit: boolean;
  /** Its effects, compiled (program.ts). */
  readonly apply: ApplyOps;
  readonly tests: readonly Test[];
}

export interface KernelContext extends GuardContext {
  readonly world: KernelWorld;
}

/** x_c ← x_c + drift × (start_c − x_c) for every trust and room cell, the same operations as phases.ts's update. */
function driftCode(m: Model, L: Layout): (x: Float64Array) => void {
  const K = new Consts();
  const d = K.ref(m.params.drift);
  const cells = [...m.initial.trust.map((v, k) => [L.trust + k, v] as const), ...m.initial.room.map((v, k) => [L.room + k, v] as const)];
  const body = cells.map(([c, v]) => `x[${c}] = x[${c}] + ${d} * (${K.ref(v)} - x[${c}]);`).join('\n');
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

  constructor(readonly m: Model) {
    this.ev = new KernelEvaluator(m);
    const L = this.ev.L;
    this.choices = new Choices(this.ev);
    this.world = createWorld(m, L);
    this.start = this.world.x.slice();
    this.view = viewOf(m, L, this.world);
    this.L = L;
    const eventOps = m.events.map((e) => e.effects.map((x) => compileEffect(L, x)));
    const reactionOps = m.reactions.map((r) => r.effects.map((x) => compileEffect(L, x)));
    // Every list of effects a run applies, compiled together: the events', the moves', the reactions'.
    const applies = compileOpLists([...eventOps, ...this.ev.moveOps, ...reactionOps]);
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
      tests: e.when.map((c) => compileCondition(L, c)),
    }));
    const random = (e: KernelEvent): boolean => e.at < 0 && e.hazard > 0;
    this.randomEvents = this.events.flatMap((e, k) => (random(e) ? [k] : []));
    this.dueAt = Array.from({ length: m.horizon + 1 }, (_, t) => this.events.flatMap((e, k) => (e.at === t || random(e) ? [k] : [])));
    const byRole = (role: 'party' | 'third') => m.actors.flatMap((a, i) => (a.role === role ? [i] : []));
    this.parties = byRole('party');
    this.thirds = byRole('third');
    this.reactionsTo = m.moves.map((_, mv) => m.reactions.flatMap((r, k) => (r.trigger === mv ? [k] : [])));
    this.drift = driftCode(m, L);
    this.meetingOp = compileEffect(L, { op: 'trust', a: m.claimant, b: m.holder, delta: m.params.meetingTrust });
    const n = m.actors.length;
    this.dealTrustOps = Array.from({ length: n * n }, (_, k) =>
      compileEffect(L, { op: 'trust', a: Math.floor(k / n), b: k % n, delta: 2 * m.params.meetingTrust }),
    );
  }

  /** The events that can fire in quarter t (phases.ts's shocks tests the others and skips them). */
  due(t: number): readonly number[] {
    return this.dueAt[t] ?? this.randomEvents;
  }

  /** A fresh run: the world back at the start. */
  begin(): KernelContext {
    resetWorld(this.m, this.world, this.start);
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
      f = compileSampler(this.m, this.L, samples);
      this.samplers.set(key, f);
    }
    return f;
  }

  /** The world as a WorldState. */
  unpack(): WorldState {
    return unpackWorld(this.m, this.L, this.world);
  }
}
