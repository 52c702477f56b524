import { dealThreshold, trustCredit } from '../choice.js';
import { dealCommitment } from '../deal.js';
import { ALL_DIMENSIONS } from '../dependencies.js';
import { DIMENSION_COUNT, type Model } from '../model.js';
import { inducementValue } from '../policy.js';
import { beliefAt, believedAcceptance, kindOf, priorOf, RESERVATION_KINDS, reservationAt, responseProbability } from '../reservation.js';
import { type OptionTables, optionTables } from '../tables.js';
import type { ChooserScratch } from './chooser-code.js';
import { compileWhatIfs, type WhatIfs } from './codegen.js';
import type { Bindings } from './consts.js';
import { type Layout, layoutOf } from './layout.js';
import { compileDeal, compileEffect, type Deal, type Op } from './program.js';
import type { KernelWorld } from './world.js';

/**
 * The batch kernel's evaluator: Evaluator's values (evaluator.ts), bit for bit, over the kernel's
 * cells. An option's what-if (codegen.ts) applies it to locals holding the cells it changes, so no
 * after-state is ever built. Moves are chosen by the compiled choosers (chooser-code.ts); deals are
 * weighed here, once per version of the world (the kernel's phases advance it whenever they change
 * the world), so the offer, the response and a counter-offer share them.
 */
export class KernelEvaluator {
  readonly L: Layout;
  readonly t: OptionTables;
  /** Per move: its ops (to apply it). */
  readonly moveOps: readonly (readonly Op[])[];
  readonly deals: readonly Deal[];
  private readonly whatIfs: WhatIfs;
  private readonly n: number;
  private version = 1;
  private w!: KernelWorld;
  /** The metrics of now, per actor and dimension, current where nowAt holds the version (filled by the what-ifs). */
  private readonly now: Float64Array;
  private readonly nowAt: Int32Array;
  /** The modifiers summed: [mv × actors + i] pressure on i's move mv, [i] inducement of i; current where modsAt holds the world's modsVersion. */
  private readonly pressures: Float64Array;
  private readonly inducements: Float64Array;
  private modsAt = 0;
  private readonly dealGains: Float64Array;
  /** 0/1. */
  private readonly ratifies: Uint8Array;
  private readonly dealAt: Int32Array;
  private readonly res = new Float64Array(1);
  /** Per actor, the union of the masks of the sovereignty deals: what an inducement's lookahead can weigh. */
  private readonly sovereignMask: Int32Array;
  /** The model's numbers the hot paths read, as typed arrays (model objects can have many shapes). */
  readonly temperature: Float64Array;
  private readonly tremble: Float64Array;
  /** Each reservation value's prior, [(actor × 2 + kind) × 3 + 0 | 1 | 2]: lo, mode, hi (reservation.ts). */
  private readonly prior: Float64Array;
  private readonly ratifier: Uint8Array;
  /** Per actor, the mask of dimensions it weighs now (weights can change by shocks). */
  private readonly weighted: Int32Array;
  private readonly weightedAt: Int32Array;

  /** The model the kernel is bound to (kernel.ts's bind). */
  m: Model;

  constructor(B: Bindings) {
    const m = B.m;
    this.m = m;
    const n = m.actors.length;
    const L = layoutOf(m);
    this.n = n;
    this.L = L;
    this.t = optionTables(m);
    this.moveOps = m.moves.map((mv, k) => mv.effects.map((_, j) => compileEffect(B, L, (m) => m.moves[k]!.effects[j]!)));
    this.deals = m.offers.map((_, o) => compileDeal(B, L, o));
    this.whatIfs = compileWhatIfs(B, L, this.moveOps, this.deals);
    // The metrics of now, [i × DIMENSION_COUNT + d].
    this.now = new Float64Array(n * DIMENSION_COUNT);
    this.nowAt = new Int32Array(n * DIMENSION_COUNT);
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
    this.temperature = new Float64Array(n);
    this.tremble = new Float64Array(n);
    this.prior = new Float64Array(n * RESERVATION_KINDS * 3);
    const numbers = (m: Model): void => {
      m.actors.forEach((a, i) => {
        this.temperature[i] = a.temperature;
        this.tremble[i] = a.tremble;
        for (let kind = 0; kind < RESERVATION_KINDS; kind++) {
          const p = priorOf(a, kind);
          this.prior.set([p.lo, p.mode, p.hi], reservationAt(i, kind) * 3);
        }
      });
    };
    numbers(m);
    B.on((m) => {
      this.m = m;
      numbers(m);
    });
    this.ratifier = Uint8Array.from(m.actors, (a) => (a.ratifies ? 1 : 0));
  }

  /** Start evaluating a new run's world. */
  reset(world: KernelWorld): void {
    this.w = world;
    this.version = 1;
    this.modsAt = -1;
    for (const a of [this.nowAt, this.dealAt, this.weightedAt]) a.fill(0);
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

  /**
   * The modifiers summed, redone whenever they have changed: each sum from 0 in list order, as
   * effects.ts's moveCost and dealCost add them (so they are the same doubles).
   */
  private modifierSums(): void {
    if (this.modsAt === this.w.modsVersion) return;
    this.modsAt = this.w.modsVersion;
    this.pressures.fill(0);
    this.inducements.fill(0);
    const n = this.n;
    for (const mod of this.w.modifiers) {
      if (mod.kind === 0) this.pressures[mod.move * n + mod.actor] = this.pressures[mod.move * n + mod.actor]! + mod.amount;
      else this.inducements[mod.actor] = this.inducements[mod.actor]! + mod.amount;
    }
  }

  /** The pressure on actor i's move mv now (Evaluator.pressure). */
  private readonly pressureOf = (i: number, mv: number): number => {
    this.modifierSums();
    return this.pressures[mv * this.n + i]!;
  };

  /** Extra cost actor i attaches to any deal now (effects.ts's dealCost). */
  private inducement(i: number): number {
    this.modifierSums();
    return this.inducements[i]!;
  }

  /**
   * Actor i's move with draw u (policy.ts's chooseMove), by its compiled chooser: the move's index,
   * or −1 for holding still; s.probs holds the probabilities.
   */
  chooseMove(i: number, u: number, s: ChooserScratch): number {
    this.modifierSums();
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

  /** policy.ts's inducement lookahead (inducementValue): exactly 0 when i can gain or lose nothing from any sovereignty deal. */
  private inducementValue(i: number, target: number, amount: number): number {
    return this.weighsSovereignty(i) ? inducementValue(this, i, target, amount) : 0;
  }

  /** The sovereignty deals someone may propose (the inducement lookahead's). */
  plannedDeals(): readonly number[] {
    return this.t.plannedDeals;
  }

  private readonly induce = (i: number, target: number, amount: number): number => this.inducementValue(i, target, amount);

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

  /** The kind of reservation value deal o is weighed against (Evaluator.kind). */
  kind(o: number): number {
    return kindOf(this.t.sovereign[o]!);
  }

  /** The largest margin with which actor i would accept deal o (Evaluator.threshold). */
  threshold(i: number, o: number, extraDealCost = 0): number {
    const sovereign = this.t.sovereign[o]!;
    const commitment = this.t.commits[o * this.n + i] ? dealCommitment(this.m, o, i, this.pressureOf) : 0;
    const m = this.m;
    const credit = trustCredit(m, i, sovereign, this.w.x[this.L.trust + m.claimant * this.n + m.holder]!);
    return dealThreshold(this.dealGain(i, o), sovereign, sovereign ? this.inducement(i) : 0, extraDealCost, commitment, credit);
  }

  /** Actor i's surplus from deal o over its own walk-away value (Evaluator.surplus): threshold − its cell's margin. */
  surplus(i: number, o: number, extraDealCost = 0): number {
    return this.threshold(i, o, extraDealCost) - this.w.x[this.L.reservation + reservationAt(i, this.kind(o))]!;
  }

  /** 0 if actor i cannot ratify deal o, else by its own reservation value, up to its tremble (Evaluator.acceptance). */
  acceptance(i: number, o: number, extraDealCost = 0): number {
    if (!this.canRatify(i, o)) return 0;
    return responseProbability(this.surplus(i, o, extraDealCost), this.tremble[i]!);
  }

  /** The others' belief that actor i accepts deal o (Evaluator.believedAcceptance). */
  believedAcceptance(i: number, o: number, extraDealCost = 0): number {
    if (!this.canRatify(i, o)) return 0;
    const kind = this.kind(o);
    const k = reservationAt(i, kind);
    const p = this.prior;
    const b = this.L.belief + beliefAt(i, kind);
    const x = this.w.x;
    return believedAcceptance(p[k * 3]!, p[k * 3 + 1]!, p[k * 3 + 2]!, x[b]!, x[b + 1]!, this.threshold(i, o, extraDealCost));
  }
}
