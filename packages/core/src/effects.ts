import { clamp01 } from './metrics.js';
import { DIMENSION_COUNT, type Effect, type Model } from './model.js';
import type { WorldState } from './state.js';

/**
 * What each kind of effect does, stated once: which number of the world it changes and how. The
 * readable runs apply it to a WorldState (applyEffect), the kernel compiles it over its cells
 * (kernel/program.ts), the option masks read which numbers it writes (dependencies.ts), and
 * what-if evaluation copies what it writes (whatif.ts): all from effectWrite.
 */

/** A list of numbers of the world (WorldState's arrays), indexed as the state indexes them. */
export type Field =
  | 'sanctions'
  | 'energy'
  | 'economy'
  | 'militarisation'
  | 'cohesion'
  | 'trust'
  | 'room'
  | 'weights'
  | 'trustBaseline'
  | 'roomBaseline';

/** What an effect writes. */
export type Write =
  /** field[at] ← clamp01(field[at] + value). */
  | { readonly kind: 'add'; readonly field: Field; readonly at: number }
  /** jointActivity ← clamp01(jointActivity + value). */
  | { readonly kind: 'addJoint' }
  /** v ← clamp01(field[at] + value); field[at] ← field[mirror] ← v (a symmetric pair). */
  | { readonly kind: 'addPair'; readonly field: Field; readonly at: number; readonly mirror: number }
  /** weights[at] ← clamp11(weights[at] + value). */
  | { readonly kind: 'addWeight'; readonly at: number }
  /** Talks on (value 1) or off (0). */
  | { readonly kind: 'talks' }
  /** A pressure modifier: actor's move costs `value` more until duration quarters from now. */
  | { readonly kind: 'moveCost'; readonly actor: number; readonly move: number }
  /** An inducement modifier: every sovereignty deal costs actor `value` more until duration quarters from now. */
  | { readonly kind: 'dealCost'; readonly actor: number };

/** What effect e writes, in model m. */
export function effectWrite(m: Model, e: Effect): Write {
  const n = m.actors.length;
  switch (e.op) {
    case 'sanctions':
      return { kind: 'add', field: 'sanctions', at: e.imposer * n + e.target };
    case 'energy':
      return { kind: 'add', field: 'energy', at: e.tie };
    case 'economy':
      return { kind: 'addPair', field: 'economy', at: e.a * n + e.b, mirror: e.b * n + e.a };
    case 'jointActivity':
      return { kind: 'addJoint' };
    case 'militarisation':
      return { kind: 'add', field: 'militarisation', at: e.actor };
    case 'cohesion':
      return { kind: 'add', field: 'cohesion', at: e.alliance };
    case 'trust':
      return { kind: 'addPair', field: 'trust', at: e.a * n + e.b, mirror: e.b * n + e.a };
    case 'room':
      return { kind: 'add', field: 'room', at: e.actor };
    case 'trustBaseline':
      return { kind: 'addPair', field: 'trustBaseline', at: e.a * n + e.b, mirror: e.b * n + e.a };
    case 'roomBaseline':
      return { kind: 'add', field: 'roomBaseline', at: e.actor };
    case 'talks':
      return { kind: 'talks' };
    case 'weight':
      return { kind: 'addWeight', at: e.actor * DIMENSION_COUNT + e.dimension };
    case 'moveCost':
      return { kind: 'moveCost', actor: e.actor, move: e.move };
    case 'dealCost':
      return { kind: 'dealCost', actor: e.actor };
  }
}

/** An effect's number: its delta or amount (1 or 0 for talks on or off). */
export function effectValue(e: Effect): number {
  if (e.op === 'talks') return e.active ? 1 : 0;
  if (e.op === 'moveCost' || e.op === 'dealCost') return e.amount;
  return e.delta;
}

/** How many quarters a modifier lasts (0 for the other effects). */
export const effectDuration = (e: Effect): number => (e.op === 'moveCost' || e.op === 'dealCost' ? e.duration : 0);

/** The array `f` of state s, read by name with a static property access per field (a computed key is slow on a hot path). */
export function fieldOf(s: WorldState, f: Field): number[] {
  switch (f) {
    case 'sanctions':
      return s.sanctions;
    case 'energy':
      return s.energy;
    case 'economy':
      return s.economy;
    case 'militarisation':
      return s.militarisation;
    case 'cohesion':
      return s.cohesion;
    case 'trust':
      return s.trust;
    case 'room':
      return s.room;
    case 'weights':
      return s.weights;
    case 'trustBaseline':
      return s.trustBaseline;
    case 'roomBaseline':
      return s.roomBaseline;
  }
}

/** The array of the world a write changes, if any (talks and the joint activity are single values). */
export function writtenField(w: Write): Field | 'modifiers' | null {
  if (w.kind === 'add' || w.kind === 'addPair') return w.field;
  if (w.kind === 'addWeight') return 'weights';
  if (w.kind === 'moveCost' || w.kind === 'dealCost') return 'modifiers';
  return null;
}

/**
 * Apply one effect to a mutable state: an immer draft in a phase, or a private scratch copy in
 * what-if evaluation. Every value is clamped to its range.
 */
export function applyEffect(m: Model, s: WorldState, e: Effect): void {
  applyWrite(s, effectWrite(m, e), effectValue(e), effectDuration(e));
}

/** Apply write w of number v (and, for a modifier, duration quarters) to a mutable state. */
export function applyWrite(s: WorldState, w: Write, v: number, duration: number): void {
  switch (w.kind) {
    case 'add': {
      const a = fieldOf(s, w.field);
      a[w.at] = clamp01(a[w.at]! + v);
      return;
    }
    case 'addJoint':
      s.jointActivity = clamp01(s.jointActivity + v);
      return;
    case 'addPair': {
      const a = fieldOf(s, w.field);
      const x = clamp01(a[w.at]! + v);
      a[w.at] = x;
      a[w.mirror] = x;
      return;
    }
    case 'addWeight': {
      const x = s.weights[w.at]! + v;
      s.weights[w.at] = x < -1 ? -1 : x > 1 ? 1 : x;
      return;
    }
    case 'talks':
      s.talksActive = v === 1;
      return;
    case 'moveCost':
      s.modifiers.push({ kind: 'moveCost', actor: w.actor, move: w.move, amount: v, until: s.t + duration });
      return;
    case 'dealCost':
      s.modifiers.push({ kind: 'dealCost', actor: w.actor, amount: v, until: s.t + duration });
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
