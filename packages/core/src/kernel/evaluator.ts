import { acceptanceProbability } from '../choice.js';
import { ALL_DIMENSIONS } from '../dependencies.js';
import { DIMENSION_COUNT, type Model } from '../model.js';
import { type OptionTables, optionTables } from '../tables.js';
import type { ChooserScratch } from './chooser-code.js';
import { compileWhatIfs, type WhatIfs } from './codegen.js';
import { type Layout, layoutOf } from './layout.js';
import { compileLegality, type Legality } from './legality.js';
import { compileCondition, compileDeal, compileEffect, type Deal, type Op, type Test } from './program.js';
import type { KernelWorld } from './world.js';

/**
 * The batch kernel's evaluator: Evaluator's values (evaluator.ts), bit for bit, over the kernel's
 * cells. An option's what-if (codegen.ts) applies it to locals holding the cells it changes, so no
 * after-state is ever built; and one evaluator serves a whole run, its caches
 * stamped with a version of the world that the kernel's phases advance whenever they change it,
 * so values computed in one phase serve the next while the world is unchanged.
 */
export class KernelEvaluator {
  readonly L: Layout;
  readonly t: OptionTables;
  /** Per move: its ops (to apply it) and its conditions. */
  readonly moveOps: readonly (readonly Op[])[];
  readonly moveTests: readonly (readonly Test[])[];
  readonly deals: readonly Deal[];
  private readonly whatIfs: WhatIfs;
  private readonly n: number;
  private version = 1;
  private w!: KernelWorld;
  /** The metrics of now, per actor and dimension, current where nowAt holds the version (filled by the what-ifs). */
  private readonly now: Float64Array;
  private readonly nowAt: Int32Array;
  private readonly moveGains: Float64Array;
  private readonly moveAt: Int32Array;
  /** Per actor, its legal moves (the first legalCount[i] entries), current where legalAt holds the version. */
  readonly legal: readonly Int32Array[];
  private readonly legalCount: Int32Array;
  private readonly legalAt: Int32Array;
  private readonly legality: readonly Legality[];
  /** The modifiers summed: [mv × actors + i] pressure on i's move mv, [i] inducement of i; current where modsAt holds the world's modsVersion. */
  private readonly pressures: Float64Array;
  private readonly inducements: Float64Array;
  private modsAt = 0;
  private modsSummed = false;
  private readonly dealGains: Float64Array;
  /** 0/1. */
  private readonly ratifies: Uint8Array;
  private readonly dealAt: Int32Array;
  private readonly res = new Float64Array(1);
  /** Per actor, the union of the masks of the sovereignty deals: what an inducement's lookahead can weigh. */
  private readonly sovereignMask: Int32Array;
  private readonly directs: Float64Array;
  private readonly directAt: Int32Array;
  /** The model's numbers the hot paths read, as typed arrays (model objects can have many shapes). */
  readonly cost: Float64Array;
  readonly temperature: Float64Array;
  readonly margin: Float64Array;
  private readonly ratifier: Uint8Array;
  /** Per actor, the mask of dimensions it weighs now (weights can change by shocks). */
  private readonly weighted: Int32Array;
  private readonly weightedAt: Int32Array;

  constructor(readonly m: Model) {
    const n = m.actors.length;
    const L = layoutOf(m);
    this.n = n;
    this.L = L;
    this.t = optionTables(m);
    this.moveOps = m.moves.map((mv) => mv.effects.map((e) => compileEffect(L, e)));
    this.moveTests = m.moves.map((mv) => mv.when.map((c) => compileCondition(L, c)));
    this.deals = m.offers.map((_, o) => compileDeal(m, L, o));
    this.whatIfs = compileWhatIfs(m, L, this.moveOps, this.moveTests, this.deals);
    // The metrics of now, then each actor's Σ|w| (codegen.ts's normSlot).
    this.now = new Float64Array(n * (DIMENSION_COUNT + 1));
    this.nowAt = new Int32Array(n * (DIMENSION_COUNT + 1));
    this.moveGains = new Float64Array(m.moves.length * n);
    this.moveAt = new Int32Array(m.moves.length * n);
    this.legal = this.t.movesByActor.map((mvs) => new Int32Array(mvs.length));
    this.legalCount = new Int32Array(n);
    this.legalAt = new Int32Array(n);
    this.legality = compileLegality(this.t.movesByActor, this.moveTests);
    this.pressures = new Float64Array(m.moves.length * n);
    this.inducements = new Float64Array(n);
    this.dealGains = new Float64Array(m.offers.length * n);
    this.ratifies = new Uint8Array(m.offers.length * n);
    this.dealAt = new Int32Array(m.offers.length * n);
    this.weighted = new Int32Array(n);
    this.weightedAt = new Int32Array(n);
    this.sovereignMask = Int32Array.from(m.actors, (_, i) =>
      m.offers.reduce((u, _o, o) => (this.t.sovereign[o] ? u | this.t.masks.offers[o * n + i]! : u), 0),
    );
    this.directs = new Float64Array(m.moves.length * n);
    this.directAt = new Int32Array(m.moves.length * n);
    this.cost = Float64Array.from(m.moves, (mv) => mv.cost);
    this.temperature = Float64Array.from(m.actors, (a) => a.temperature);
    this.margin = Float64Array.from(m.actors, (a) => a.walkAwayMargin);
    this.ratifier = Uint8Array.from(m.actors, (a) => (a.ratifies ? 1 : 0));
  }

  /** Start evaluating a new run's world. */
  reset(world: KernelWorld): void {
    this.w = world;
    this.version = 1;
    this.modsAt = -1;
    for (const a of [this.nowAt, this.moveAt, this.legalAt, this.dealAt, this.weightedAt, this.directAt]) a.fill(0);
  }

  /** The world has changed: every cached value is stale. */
  changed(): void {
    this.version++;
  }

  /**
   * Whether an option whose mask is `mask` can change actor i's utility now: it must change a
   * dimension i weighs (Evaluator.relevant). A zero-weight term adds nothing, so a gain over no
   * weighed dimension is exactly 0 without being computed.
   */
  private weighs(i: number, mask: number): boolean {
    if (mask === ALL_DIMENSIONS) return true;
    if (this.weightedAt[i] !== this.version) {
      const x = this.w.x;
      const base = this.L.weights + i * DIMENSION_COUNT;
      let w = 0;
      for (let d = 0; d < DIMENSION_COUNT; d++) if (x[base + d] !== 0) w |= 1 << d;
      this.weighted[i] = w;
      this.weightedAt[i] = this.version;
    }
    return (mask & this.weighted[i]!) !== 0;
  }

  /** U_i(after move mv) − U_i(now). */
  moveGain(i: number, mv: number): number {
    const k = mv * this.n + i;
    if (this.moveAt[k] === this.version) return this.moveGains[k]!;
    const f = this.whatIfs.moves[k]!;
    const g = f === null || !this.weighs(i, this.t.masks.moves[k]!) ? 0 : f(this.w.x, this.now, this.nowAt, this.version);
    this.moveGains[k] = g;
    this.moveAt[k] = this.version;
    return g;
  }

  /** How many legal moves actor i has now; they are the first that many entries of legal[i] (policy.ts's legalMoves). */
  legalMoves(i: number): number {
    if (this.legalAt[i] !== this.version) {
      const w = this.w;
      this.legalCount[i] = this.legality[i]!(w.x, w.talks, w.treaty !== null, w.t, this.legal[i]!);
      this.legalAt[i] = this.version;
    }
    return this.legalCount[i]!;
  }

  /**
   * Sum the modifiers whenever they have changed, each in list order from 0 as effects.ts's moveCost and
   * dealCost do (so the sums are the same doubles).
   */
  private sumModifiers(): void {
    this.modsAt = this.w.modsVersion;
    if (this.modsSummed) {
      this.pressures.fill(0);
      this.inducements.fill(0);
      this.modsSummed = false;
    }
    const mods = this.w.modifiers;
    for (let k = 0; k < mods.length; k++) {
      const mod = mods[k]!;
      if (mod.kind === 0) this.pressures[mod.move * this.n + mod.actor] = this.pressures[mod.move * this.n + mod.actor]! + mod.amount;
      else this.inducements[mod.actor] = this.inducements[mod.actor]! + mod.amount;
      this.modsSummed = true;
    }
  }

  /** Extra cost actor i attaches to move mv now (effects.ts's moveCost). */
  private pressure(i: number, mv: number): number {
    if (this.modsAt !== this.w.modsVersion) this.sumModifiers();
    return this.pressures[mv * this.n + i]!;
  }

  /** Extra cost actor i attaches to any deal now (effects.ts's dealCost). */
  private inducement(i: number): number {
    if (this.modsAt !== this.w.modsVersion) this.sumModifiers();
    return this.inducements[i]!;
  }

  /**
   * Actor i's move with draw u (policy.ts's chooseMove), by its compiled chooser: the move's index,
   * or −1 for holding still; s.probs holds the probabilities.
   */
  chooseMove(i: number, u: number, s: ChooserScratch): number {
    if (this.modsAt !== this.w.modsVersion) this.sumModifiers();
    const w = this.w;
    return this.whatIfs.choosers[i]!(
      w.x,
      this.now,
      this.nowAt,
      this.version,
      w.talks,
      w.treaty !== null,
      w.t,
      this.pressures,
      u,
      s,
      this.induce,
    );
  }

  /**
   * policy.ts's inducement lookahead: the mean, over sovereignty deals o, of the change in
   * target's acceptance of o that an inducement of `amount` makes, times o's gain to i.
   * 0 when i can gain or lose nothing from any of them.
   */
  private inducementValue(i: number, target: number, amount: number): number {
    if (!this.weighsSovereignty(i)) return 0;
    let sum = 0;
    let count = 0;
    for (let o = 0; o < this.m.offers.length; o++) {
      if (!this.t.sovereign[o]) continue;
      count++;
      const gain = this.dealGain(i, o);
      if (gain !== 0) sum += (this.acceptance(target, o, amount) - this.acceptance(target, o)) * gain;
    }
    return count > 0 ? sum / count : 0;
  }

  private readonly induce = (i: number, target: number, amount: number): number => this.inducementValue(i, target, amount);

  /** Myopic value of a move to its owner: gain − fixed cost − current pressure against it. */
  directValue(i: number, mv: number): number {
    const k = mv * this.n + i;
    if (this.directAt[k] !== this.version) {
      this.directs[k] = this.moveGain(i, mv) - this.cost[mv]! - this.pressure(i, mv);
      this.directAt[k] = this.version;
    }
    return this.directs[k]!;
  }

  /**
   * Whether actor i can gain or lose anything from some sovereignty deal now. When it cannot,
   * every deal's gain to it is 0 and an inducement's lookahead adds exactly 0.
   */
  weighsSovereignty(i: number): boolean {
    return this.weighs(i, this.sovereignMask[i]!);
  }

  /** Weigh deal o for actor i once per version: its gain and whether i could ratify it. */
  private weighDeal(i: number, k: number): void {
    const f = this.whatIfs.deals[k]!;
    if (f === null || (this.ratifier[i] === 0 && !this.weighs(i, this.t.masks.offers[k]!))) {
      this.dealGains[k] = 0;
      this.ratifies[k] = 1;
    } else {
      this.dealGains[k] = f(this.w.x, this.now, this.nowAt, this.version, this.res);
      this.ratifies[k] = this.res[0]!;
    }
    this.dealAt[k] = this.version;
  }

  /** U_i(after deal o) − U_i(now). */
  dealGain(i: number, o: number): number {
    const k = o * this.n + i;
    if (this.dealAt[k] !== this.version) this.weighDeal(i, k);
    return this.dealGains[k]!;
  }

  canRatify(i: number, o: number): boolean {
    const k = o * this.n + i;
    if (this.dealAt[k] !== this.version) this.weighDeal(i, k);
    return this.ratifies[k] === 1;
  }

  /** ΔU_i(o) − margin_i − (outside inducement against sovereignty deals) − extra (Evaluator.surplus). */
  surplus(i: number, o: number, extraDealCost = 0): number {
    const inducement = this.t.sovereign[o] ? this.inducement(i) + extraDealCost : 0;
    return this.dealGain(i, o) - this.margin[i]! - inducement;
  }

  /** 0 if actor i cannot ratify deal o, else σ(surplus / τ_i) (Evaluator.acceptance). */
  acceptance(i: number, o: number, extraDealCost = 0): number {
    if (!this.canRatify(i, o)) return 0;
    return acceptanceProbability(this.surplus(i, o, extraDealCost), this.temperature[i]!);
  }
}
