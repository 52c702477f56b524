import type { Model, RunContext, WorldState } from '@parley/core';
import { RunSession, simulate } from '@parley/engine';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { flagship, runLog } from './helpers/flagship.js';
import { perturbedModel } from './helpers/perturb.js';

/** Every invariant of one world state; returns the first violation, or null. */
function violation(m: Model, s: WorldState): string | null {
  for (const [k, st] of s.territories.entries()) {
    const kinds = ['held', 'transferred', 'joint'].filter((x) => x === st.kind).length;
    if (kinds !== 1) return `territory ${k} has no single status`;
    if (st.kind === 'held' && !(st.by >= 0 && st.by < m.actors.length)) return `territory ${k} held by nobody`;
  }
  const unit = {
    sanctions: s.sanctions,
    energy: s.energy,
    economy: s.economy,
    militarisation: s.militarisation,
    cohesion: s.cohesion,
    trust: s.trust,
    room: s.room,
  };
  for (const [name, xs] of Object.entries(unit)) {
    for (const x of xs) if (!Number.isFinite(x) || x < 0 || x > 1) return `${name} out of [0, 1]: ${x}`;
  }
  if (!Number.isFinite(s.jointActivity) || s.jointActivity < 0 || s.jointActivity > 1) return `jointActivity ${s.jointActivity}`;
  for (const w of s.weights) if (!Number.isFinite(w) || w < -1 || w > 1) return `weight ${w}`;
  if (!Number.isInteger(s.t) || s.t < 0 || s.t > m.horizon) return `t ${s.t}`;
  return null;
}

/** Step a run phase by phase, checking invariants after every step. */
function stepAndCheck(m: Model, seed: number): { ctx: RunContext; steps: number } {
  const session = new RunSession(m, 'inv', seed);
  const ctx = session.ctx;
  let steps = 0;
  let treaty: string | null = null;
  while (!session.done) {
    session.step();
    const state = session.state;
    steps++;
    const v = violation(m, ctx.world);
    if (v) throw new Error(`seed ${seed}, step ${steps} (${state}): ${v}`);
    const now = JSON.stringify([ctx.world.treaty, ctx.world.territories]);
    if (treaty !== null && now !== treaty) throw new Error(`seed ${seed}: a signed treaty changed`);
    if (ctx.world.treaty && treaty === null) treaty = now;
    if (steps > (m.horizon + 1) * 16) throw new Error(`seed ${seed}: no end`);
  }
  return { ctx, steps };
}

describe('run invariants (fast-check over seeds and perturbed scenario numbers)', () => {
  const base = flagship().model;

  it('every territory has exactly one status, values stay in range, no NaN, at every step', () => {
    fc.assert(
      fc.property(perturbedModel(base), fc.nat(), (m, seed) => {
        stepAndCheck(m, seed);
      }),
      { numRuns: 60 },
    );
  });

  it('every run ends by the horizon with an outcome, and a treaty ends it in the quarter it is signed', () => {
    fc.assert(
      fc.property(perturbedModel(base), fc.nat(), (m, seed) => {
        const { ctx } = stepAndCheck(m, seed);
        expect(ctx.outcome).not.toBeNull();
        expect(ctx.world.t).toBeLessThanOrEqual(m.horizon);
        if (ctx.world.treaty) expect(ctx.world.t).toBe(ctx.world.treaty.t + 1);
        else expect(ctx.world.t).toBe(m.horizon);
      }),
      { numRuns: 60 },
    );
  });

  it('the same seed gives the same transcript and final state', () => {
    fc.assert(
      fc.property(fc.nat(), fc.nat({ max: 1000 }), (seed, run) => {
        const a = runLog(base, seed, run);
        const b = runLog(base, seed, run);
        expect(JSON.stringify(b.log)).toBe(JSON.stringify(a.log));
        expect(JSON.stringify(b.result.world)).toBe(JSON.stringify(a.result.world));
      }),
      { numRuns: 40 },
    );
  });

  it('different seeds give different runs', () => {
    const transcripts = new Set<string>();
    for (let seed = 0; seed < 20; seed++) transcripts.add(JSON.stringify(runLog(base, seed).log));
    expect(transcripts.size).toBeGreaterThanOrEqual(18);
  });

  it('results do not depend on what else ran before in the process (no hidden state)', () => {
    const alone = simulate(base, { scenarioKey: 'k', seed: 42, run: 3 });
    for (let i = 0; i < 10; i++) simulate(base, { scenarioKey: 'k', seed: i, run: i });
    const after = simulate(base, { scenarioKey: 'k', seed: 42, run: 3 });
    expect(JSON.stringify(after)).toBe(JSON.stringify(alone));
  });
});
