import { applyDeal, termEffect } from './deal.js';
import { applyEffect, effectWrite, writtenField } from './effects.js';
import type { Effect, Model } from './model.js';
import { shallowCopy, type WorldState } from './state.js';

/**
 * What-if evaluation: the state an actor would reach by some effects or a deal,
 * built copy-on-write (only the arrays those effects touch are copied), so that
 * weighing a dozen options a quarter stays cheap. The input state is never changed.
 */

export function afterEffects(m: Model, s: WorldState, effects: readonly Effect[]): WorldState {
  const c = shallowCopy(s);
  for (const e of effects) {
    copyTouched(m, s, c, e);
    applyEffect(m, c, e);
  }
  return c;
}

/** Give `c` its own copy of the array effect `e` changes (effects.ts's writtenField), unless it has one already. */
function copyTouched(m: Model, s: WorldState, c: WorldState, e: Effect): void {
  const f = writtenField(effectWrite(m, e));
  if (f !== null && c[f] === s[f]) (c as Record<typeof f, unknown[]>)[f] = s[f].slice();
}

/** The state after offer o's terms: territories and treaty always copied, the arrays its terms change copied. */
export function afterDeal(m: Model, s: WorldState, offer: number): WorldState {
  const c = shallowCopy(s);
  c.territories = s.territories.slice();
  for (const t of m.offers[offer]!.terms) {
    const e = termEffect(t);
    if (e) copyTouched(m, s, c, e);
  }
  applyDeal(m, c, offer);
  return c;
}
