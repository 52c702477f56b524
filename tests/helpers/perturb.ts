import type { Model } from '@parley/core';
import fc from 'fast-check';

const clamp = (x: number, lo: number, hi: number): number => Math.min(hi, Math.max(lo, x));

/**
 * An arbitrary perturbation of a model's numbers: weights, temperatures, margins,
 * parameters and starting values each scaled by a factor in [0.5, 1.5] and kept in
 * their ranges. Structure (actors, territories, offers, events) is unchanged.
 */
export function perturbedModel(m: Model): fc.Arbitrary<Model> {
  const n = m.actors.length;
  const factors = (k: number) => fc.array(fc.double({ min: 0.5, max: 1.5, noNaN: true }), { minLength: k, maxLength: k });
  return fc
    .record({
      weights: factors(n * m.actors[0]!.weights.length),
      actor: factors(n * 3),
      params: factors(Object.keys(m.params).length),
      trust: factors(n * n),
      room: factors(n),
      sanctions: factors(n * n),
      hazards: factors(m.events.length),
    })
    .map((f) => {
      const D = m.actors[0]!.weights.length;
      const paramKeys = Object.keys(m.params) as (keyof Model['params'])[];
      const params = { ...m.params };
      paramKeys.forEach((k, j) => {
        const v = m.params[k] * f.params[j]!;
        (params as Record<string, number>)[k] = k === 'ratificationScale' ? v : clamp(v, 0, 1);
      });
      return {
        ...m,
        actors: m.actors.map((a, i) => ({
          ...a,
          weights: a.weights.map((w, d) => clamp(w * f.weights[i * D + d]!, -1, 1)),
          temperature: a.temperature * f.actor[i * 3]!,
          walkAwayMargin: clamp(a.walkAwayMargin * f.actor[i * 3 + 1]!, -1, 1),
          mass: a.mass * f.actor[i * 3 + 2]!,
        })),
        events: m.events.map((e, k) => ({ ...e, hazard: clamp(e.hazard * f.hazards[k]!, 0, 1) })),
        params,
        initial: {
          ...m.initial,
          trust: m.initial.trust.map((t, k) => clamp(t * f.trust[k]!, 0, 1)),
          room: m.initial.room.map((r, k) => clamp(r * f.room[k]!, 0, 1)),
          sanctions: m.initial.sanctions.map((s, k) => clamp(s * f.sanctions[k]!, 0, 1)),
        },
      };
    });
}
