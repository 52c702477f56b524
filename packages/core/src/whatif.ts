import { applyDeal } from './deal.js';
import { applyEffect } from './effects.js';
import { METRICS } from './metrics.js';
import { DIMENSION_COUNT, type Effect, type Model } from './model.js';
import type { WorldState } from './state.js';
import { utility } from './utility.js';

/**
 * What-if evaluation: the state an actor would reach by some effects or a deal,
 * built copy-on-write (only the arrays those effects touch are copied), so that
 * weighing a dozen options a quarter stays cheap. The input state is never changed.
 */

const ALL = (1 << DIMENSION_COUNT) - 1;
const bit = (d: number): number => 1 << d;
// Dimension indices, in DIMENSIONS order.
const [TERRITORY, TREATY, ENERGY, SANCTIONS, UNITY, ALLIANCE, SECURITY, ECONOMY, DOMESTIC, AXIS] = [
  0, 1, 2, 3, 4, 5, 6, 7, 8, 9,
] as const;

/** The dimensions whose metric an effect can change (a bit mask over DIMENSIONS). */
export function dimensionsTouched(effects: readonly Effect[]): number {
  let mask = 0;
  for (const e of effects) {
    switch (e.op) {
      case 'sanctions':
        mask |= bit(SANCTIONS) | bit(UNITY);
        break;
      case 'energy':
        mask |= bit(ENERGY);
        break;
      case 'economy':
      case 'jointActivity':
        mask |= bit(ECONOMY);
        break;
      case 'militarisation':
        mask |= bit(SECURITY);
        break;
      case 'cohesion':
        mask |= bit(ALLIANCE);
        break;
      case 'trust':
        mask |= bit(SECURITY) | bit(AXIS);
        break;
      case 'room':
        mask |= bit(DOMESTIC);
        break;
      case 'weight':
        mask |= ALL;
        break;
      case 'talks':
      case 'moveCost':
      case 'dealCost':
        break;
    }
  }
  return mask;
}

/** Every dimension a deal can change. */
export const DEAL_DIMENSIONS = bit(TERRITORY) | bit(TREATY) | bit(ENERGY) | bit(SANCTIONS) | bit(UNITY) | bit(SECURITY) | bit(ECONOMY);

export function afterEffects(m: Model, s: WorldState, effects: readonly Effect[]): WorldState {
  const c: WorldState = { ...s };
  const copied = new Set<string>();
  for (const e of effects) {
    const key = arrayTouched(e);
    if (key && !copied.has(key)) {
      copied.add(key);
      (c as unknown as Record<string, unknown[]>)[key] = (s as unknown as Record<string, unknown[]>)[key]!.slice();
    }
    applyEffect(m, c, e);
  }
  return c;
}

function arrayTouched(e: Effect): keyof WorldState | null {
  switch (e.op) {
    case 'jointActivity':
    case 'talks':
      return null;
    case 'weight':
      return 'weights';
    case 'moveCost':
    case 'dealCost':
      return 'modifiers';
    default:
      return e.op;
  }
}

export function afterDeal(m: Model, s: WorldState, offer: number): WorldState {
  const c: WorldState = {
    ...s,
    territories: s.territories.slice(),
    sanctions: s.sanctions.slice(),
    economy: s.economy.slice(),
    energy: s.energy.slice(),
  };
  applyDeal(m, c, offer);
  return c;
}

/**
 * U_i(after) − U_i(before), recomputing only the dimensions in `mask`: every other
 * metric is unchanged between the two states by construction.
 */
export function utilityDelta(m: Model, before: WorldState, after: WorldState, i: number, mask: number): number {
  if (mask === ALL) return utility(m, after, i) - utility(m, before, i);
  const base = i * DIMENSION_COUNT;
  let norm = 0;
  let delta = 0;
  for (let d = 0; d < DIMENSION_COUNT; d++) {
    const w = before.weights[base + d]!;
    if (w === 0) continue;
    norm += w < 0 ? -w : w;
    if (mask & (1 << d)) delta += w * (METRICS[d]!(m, after, i) - METRICS[d]!(m, before, i));
  }
  return norm === 0 ? 0 : delta / norm;
}
