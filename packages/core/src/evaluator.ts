import { acceptanceProbability } from './choice.js';
import { allHold } from './conditions.js';
import { dealCost, moveCost } from './effects.js';
import { isSovereigntyDeal, ratifiable } from './deal.js';
import type { Model } from './model.js';
import type { WorldState } from './state.js';
import { DEAL_DIMENSIONS, afterDeal, afterEffects, dimensionsTouched, utilityDelta } from './whatif.js';

/** The moves each actor owns, by actor index (memoised per model). */
const movesByActor = new WeakMap<Model, number[][]>();
export function movesOf(m: Model, i: number): readonly number[] {
  let table = movesByActor.get(m);
  if (!table) {
    table = m.actors.map(() => []);
    m.moves.forEach((mv, k) => table![mv.actor]!.push(k));
    movesByActor.set(m, table);
  }
  return table[i]!;
}

/**
 * Values of options in one state, computed at most once each: the utility change
 * of every move for its owner, and of every deal for every actor. One evaluator
 * serves one phase of one quarter; it reads the state and never changes it.
 */
export class Evaluator {
  private readonly deals: (WorldState | null)[];
  private readonly dealGains: (number | undefined)[];
  private readonly ratifies: (boolean | undefined)[];
  private readonly moveGains: (number | undefined)[];

  constructor(
    readonly m: Model,
    readonly s: WorldState,
  ) {
    this.deals = new Array(m.offers.length).fill(null);
    this.dealGains = new Array(m.offers.length * m.actors.length);
    this.ratifies = new Array(m.offers.length * m.actors.length);
    this.moveGains = new Array(m.moves.length * m.actors.length);
  }

  dealState(o: number): WorldState {
    let d = this.deals[o];
    if (!d) {
      d = afterDeal(this.m, this.s, o);
      this.deals[o] = d;
    }
    return d;
  }

  /** U_i(state after deal o) − U_i(now). */
  dealGain(i: number, o: number): number {
    const k = o * this.m.actors.length + i;
    let g = this.dealGains[k];
    if (g === undefined) {
      g = utilityDelta(this.m, this.s, this.dealState(o), i, DEAL_DIMENSIONS);
      this.dealGains[k] = g;
    }
    return g;
  }

  canRatify(i: number, o: number): boolean {
    const k = o * this.m.actors.length + i;
    let r = this.ratifies[k];
    if (r === undefined) {
      r = ratifiable(this.m, this.s, this.dealState(o), i);
      this.ratifies[k] = r;
    }
    return r;
  }

  /**
   * Actor i's surplus from deal o over its walk-away value:
   * ΔU_i(o) − margin_i − (outside inducement against sovereignty deals) − extra.
   */
  surplus(i: number, o: number, extraDealCost = 0): number {
    const offer = this.m.offers[o]!;
    const inducement = isSovereigntyDeal(offer) ? dealCost(this.s, i) + extraDealCost : 0;
    return this.dealGain(i, o) - this.m.actors[i]!.walkAwayMargin - inducement;
  }

  /** Probability that actor i accepts deal o: 0 if it cannot ratify it, else σ(surplus / τ_i). */
  acceptance(i: number, o: number, extraDealCost = 0): number {
    if (!this.canRatify(i, o)) return 0;
    return acceptanceProbability(this.surplus(i, o, extraDealCost), this.m.actors[i]!.temperature);
  }

  /** U_i(state after move mv) − U_i(now), for any actor i (the owner or an onlooker). */
  moveGain(i: number, mv: number): number {
    const k = mv * this.m.actors.length + i;
    let g = this.moveGains[k];
    if (g === undefined) {
      const effects = this.m.moves[mv]!.effects;
      const mask = dimensionsTouched(effects);
      g = mask === 0 ? 0 : utilityDelta(this.m, this.s, afterEffects(this.m, this.s, effects), i, mask);
      this.moveGains[k] = g;
    }
    return g;
  }

  /** Legal moves of actor i in this state. */
  legalMoves(i: number): number[] {
    return movesOf(this.m, i).filter((mv) => allHold(this.m, this.s, this.m.moves[mv]!.when));
  }

  /** Myopic value of a move to its owner: gain − fixed cost − current pressure against it. */
  directValue(i: number, mv: number): number {
    return this.moveGain(i, mv) - this.m.moves[mv]!.cost - moveCost(this.s, i, mv);
  }
}
