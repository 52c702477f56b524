import { applyDeal } from './deal.js';
import { applyEffect } from './effects.js';
import { METRICS } from './metrics.js';
import { DIMENSION_COUNT, type Effect, type Model, type Term } from './model.js';
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
const [TERRITORY, TREATY, ENERGY, SANCTIONS, UNITY, ALLIANCE, SECURITY, ECONOMY, DOMESTIC, AXIS] = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9] as const;

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

/** The dimensions an offer's terms can change (a bit mask over DIMENSIONS). */
export function dimensionsOfTerms(terms: readonly Term[]): number {
  let mask = 0;
  for (const t of terms) {
    switch (t.kind) {
      case 'transfer':
      case 'jointAdministration':
      case 'continuedTalks':
      case 'noForeignBases':
        mask |= bit(TERRITORY) | bit(SECURITY);
        break;
      case 'peaceTreaty':
        mask |= bit(TERRITORY) | bit(TREATY);
        break;
      case 'jointActivities':
      case 'investment':
        mask |= bit(ECONOMY);
        break;
      case 'sanctionsRelief':
        mask |= bit(SANCTIONS) | bit(UNITY);
        break;
      case 'energy':
        mask |= bit(ENERGY);
        break;
    }
  }
  return mask;
}

export function afterEffects(m: Model, s: WorldState, effects: readonly Effect[]): WorldState {
  const c: WorldState = { ...s };
  const arrays = c as unknown as Record<string, unknown[]>;
  for (const e of effects) {
    const key = arrayTouched(e);
    // Copy each touched array once: while it is still the input's, it has not been copied.
    if (key && arrays[key] === (s as unknown as Record<string, unknown[]>)[key]) arrays[key] = arrays[key]!.slice();
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
 * metric is unchanged between the two states by construction. `baseMetric(d)` gives
 * m_d(before, i), so that a caller weighing many options computes it once.
 */
export function utilityDelta(
  m: Model,
  before: WorldState,
  after: WorldState,
  i: number,
  mask: number,
  baseMetric: (d: number) => number = (d) => METRICS[d]!(m, before, i),
): number {
  if (mask === ALL) return utility(m, after, i) - utility(m, before, i);
  const base = i * DIMENSION_COUNT;
  let norm = 0;
  let delta = 0;
  for (let d = 0; d < DIMENSION_COUNT; d++) {
    const w = before.weights[base + d]!;
    if (w === 0) continue;
    norm += w < 0 ? -w : w;
    if (mask & (1 << d)) delta += w * (METRICS[d]!(m, after, i) - baseMetric(d));
  }
  return norm === 0 ? 0 : delta / norm;
}
