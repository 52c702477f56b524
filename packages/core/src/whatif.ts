import { applyDeal, termEffects } from './deal.js';
import { applyWrite, effectDuration, effectValue, effectWrite, fieldOf, type Write, writtenField } from './effects.js';
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
    const w = effectWrite(m, e);
    copyTouched(s, c, w);
    applyWrite(c, w, effectValue(e), effectDuration(e));
  }
  return c;
}

/** Give `c` its own copy of the array write `w` changes (effects.ts's writtenField), unless it has one already. */
function copyTouched(s: WorldState, c: WorldState, w: Write): void {
  const f = writtenField(w);
  if (f === 'modifiers') {
    if (c.modifiers === s.modifiers) c.modifiers = s.modifiers.slice();
  } else if (f !== null && fieldOf(c, f) === fieldOf(s, f)) {
    const copy = fieldOf(s, f).slice();
    switch (f) {
      case 'sanctions':
        c.sanctions = copy;
        return;
      case 'energy':
        c.energy = copy;
        return;
      case 'economy':
        c.economy = copy;
        return;
      case 'militarisation':
        c.militarisation = copy;
        return;
      case 'cohesion':
        c.cohesion = copy;
        return;
      case 'trust':
        c.trust = copy;
        return;
      case 'room':
        c.room = copy;
        return;
      case 'weights':
        c.weights = copy;
        return;
      case 'trustBaseline':
        c.trustBaseline = copy;
        return;
      case 'roomBaseline':
        c.roomBaseline = copy;
        return;
    }
  }
}

/** The state after offer o's terms: territories and treaty always copied, the arrays its terms change copied. */
export function afterDeal(m: Model, s: WorldState, offer: number): WorldState {
  const c = shallowCopy(s);
  c.territories = s.territories.slice();
  for (const t of m.offers[offer]!.terms) {
    for (const e of termEffects(m, t)) copyTouched(s, c, effectWrite(m, e));
  }
  applyDeal(m, c, offer);
  return c;
}
