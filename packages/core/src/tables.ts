import { isSovereigntyDeal } from './deal.js';
import { type OptionMasks, optionMasks } from './dependencies.js';
import type { Model } from './model.js';

/** What evaluating options needs to know about a model's offers and moves, computed once per model. */
export interface OptionTables {
  /** The dimensions of each actor's utility each offer and move can change. */
  readonly masks: OptionMasks;
  /** Whether each offer touches sovereignty (outside inducements weigh on it). */
  readonly sovereign: readonly boolean[];
  /** The moves each actor owns, by actor index. */
  readonly movesByActor: readonly (readonly number[])[];
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
    x = { masks: optionMasks(m), sovereign: m.offers.map(isSovereigntyDeal), movesByActor };
    tables.set(m, x);
  }
  return x;
}
