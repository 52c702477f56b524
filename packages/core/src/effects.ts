import { clamp01 } from './metrics.js';
import { DIMENSION_COUNT, type Effect, type Model } from './model.js';
import type { WorldState } from './state.js';

const clamp11 = (x: number): number => (x < -1 ? -1 : x > 1 ? 1 : x);

/**
 * Apply one effect to a mutable state: an immer draft in a phase, or a private
 * scratch copy in what-if evaluation. Every value is clamped to its range.
 */
export function applyEffect(m: Model, s: WorldState, e: Effect): void {
  const n = m.actors.length;
  switch (e.op) {
    case 'sanctions': {
      const k = e.imposer * n + e.target;
      s.sanctions[k] = clamp01(s.sanctions[k]! + e.delta);
      return;
    }
    case 'energy':
      s.energy[e.tie] = clamp01(s.energy[e.tie]! + e.delta);
      return;
    case 'economy': {
      const v = clamp01(s.economy[e.a * n + e.b]! + e.delta);
      s.economy[e.a * n + e.b] = v;
      s.economy[e.b * n + e.a] = v;
      return;
    }
    case 'jointActivity':
      s.jointActivity = clamp01(s.jointActivity + e.delta);
      return;
    case 'militarisation':
      s.militarisation[e.actor] = clamp01(s.militarisation[e.actor]! + e.delta);
      return;
    case 'cohesion':
      s.cohesion[e.alliance] = clamp01(s.cohesion[e.alliance]! + e.delta);
      return;
    case 'trust': {
      const v = clamp01(s.trust[e.a * n + e.b]! + e.delta);
      s.trust[e.a * n + e.b] = v;
      s.trust[e.b * n + e.a] = v;
      return;
    }
    case 'room':
      s.room[e.actor] = clamp01(s.room[e.actor]! + e.delta);
      return;
    case 'talks':
      s.talksActive = e.active;
      return;
    case 'weight': {
      const k = e.actor * DIMENSION_COUNT + e.dimension;
      s.weights[k] = clamp11(s.weights[k]! + e.delta);
      return;
    }
    case 'moveCost':
      s.modifiers.push({ kind: 'moveCost', actor: e.actor, move: e.move, amount: e.amount, until: s.t + e.duration });
      return;
    case 'dealCost':
      s.modifiers.push({ kind: 'dealCost', actor: e.actor, amount: e.amount, until: s.t + e.duration });
      return;
  }
}

export function applyEffects(m: Model, s: WorldState, effects: readonly Effect[]): void {
  for (const e of effects) applyEffect(m, s, e);
}

/** Extra cost actor i currently attaches to taking move `move` (pressure). */
export function moveCost(s: WorldState, i: number, move: number): number {
  let c = 0;
  for (const mod of s.modifiers) if (mod.kind === 'moveCost' && mod.actor === i && mod.move === move) c += mod.amount;
  return c;
}

/** Extra cost actor i currently attaches to concluding any deal (an outside inducement). */
export function dealCost(s: WorldState, i: number): number {
  let c = 0;
  for (const mod of s.modifiers) if (mod.kind === 'dealCost' && mod.actor === i) c += mod.amount;
  return c;
}
