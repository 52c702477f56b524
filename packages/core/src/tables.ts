import { isSovereigntyDeal } from './deal.js';
import { type OptionMasks, optionMasks } from './dependencies.js';
import type { Model } from './model.js';

/** What evaluating options needs to know about a model's offers and moves, computed once per model. */
export interface OptionTables {
  /** The dimensions of each actor's utility each offer and move can change. */
  readonly masks: OptionMasks;
  /** Whether each offer touches sovereignty (outside inducements weigh on it). */
  readonly sovereign: readonly boolean[];
  /** The sovereignty deals someone may propose, in offer order: the ones the inducement lookahead weighs (policy.ts). */
  readonly plannedDeals: readonly number[];
  /** The moves each actor owns, by actor index. */
  readonly movesByActor: readonly (readonly number[])[];
  /** [o × actors + i]: whether offer o has a move term of actor i's (deal.ts's dealCommitment is then not 0). */
  readonly commits: readonly boolean[];
}

const tables = new WeakMap<Model, OptionTables>();

/** The option tables of model m (computed on first use, then shared). */
export function optionTables(m: Model): OptionTables {
  let x = tables.get(m);
  if (!x) {
    const movesByActor: number[][] = m.actors.map(() => []);
    m.moves.forEach((mv, k) => {
      movesByActor[mv.actor]!.push(k);
    });
    const commits = m.offers.flatMap((o) => m.actors.map((_, i) => o.terms.some((t) => t.kind === 'move' && m.moves[t.move]!.actor === i)));
    const sovereign = m.offers.map(isSovereigntyDeal);
    const plannedDeals = m.offers.flatMap((o, k) => (sovereign[k] && o.proposers.length > 0 ? [k] : []));
    x = { masks: optionMasks(m), sovereign, plannedDeals, movesByActor, commits };
    tables.set(m, x);
  }
  return x;
}
