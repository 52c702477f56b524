import { applyDeal } from './deal.js';
import { applyEffect } from './effects.js';
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
    copyTouched(s, c, e);
    applyEffect(m, c, e);
  }
  return c;
}

/** Give `c` its own copy of the array effect `e` changes, unless it has one already (it still shares the input's). */
function copyTouched(s: WorldState, c: WorldState, e: Effect): void {
  switch (e.op) {
    case 'sanctions':
      if (c.sanctions === s.sanctions) c.sanctions = s.sanctions.slice();
      return;
    case 'energy':
      if (c.energy === s.energy) c.energy = s.energy.slice();
      return;
    case 'economy':
      if (c.economy === s.economy) c.economy = s.economy.slice();
      return;
    case 'militarisation':
      if (c.militarisation === s.militarisation) c.militarisation = s.militarisation.slice();
      return;
    case 'cohesion':
      if (c.cohesion === s.cohesion) c.cohesion = s.cohesion.slice();
      return;
    case 'trust':
      if (c.trust === s.trust) c.trust = s.trust.slice();
      return;
    case 'room':
      if (c.room === s.room) c.room = s.room.slice();
      return;
    case 'weight':
      if (c.weights === s.weights) c.weights = s.weights.slice();
      return;
    case 'moveCost':
    case 'dealCost':
      if (c.modifiers === s.modifiers) c.modifiers = s.modifiers.slice();
      return;
    case 'jointActivity':
    case 'talks':
      return;
  }
}

/** The state after offer o's terms: territories and treaty always copied, the arrays its terms change copied. */
export function afterDeal(m: Model, s: WorldState, offer: number): WorldState {
  const c = shallowCopy(s);
  c.territories = s.territories.slice();
  for (const t of m.offers[offer]!.terms) {
    if (t.kind === 'sanctionsRelief' && c.sanctions === s.sanctions) c.sanctions = s.sanctions.slice();
    else if (t.kind === 'investment' && c.economy === s.economy) c.economy = s.economy.slice();
    else if (t.kind === 'energy' && c.energy === s.energy) c.energy = s.energy.slice();
  }
  applyDeal(m, c, offer);
  return c;
}
