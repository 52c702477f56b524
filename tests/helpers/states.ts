import { cloneState, type WorldState } from '@parley/core';

/** A state with every number redrawn in its range (a unit-interval draw per cell, symmetric pairs kept symmetric), territories unchanged. */
export function scrambled(s: WorldState, u: () => number): WorldState {
  const c = cloneState(s);
  for (const k of ['sanctions', 'energy', 'militarisation', 'cohesion', 'room'] as const) c[k] = c[k].map(() => u());
  const n = Math.round(Math.sqrt(c.trust.length));
  for (const k of ['trust', 'economy'] as const) {
    const a = c[k];
    for (let i = 0; i < n; i++) for (let j = i + 1; j < n; j++) a[i * n + j] = a[j * n + i] = u();
  }
  c.jointActivity = u();
  return c;
}
