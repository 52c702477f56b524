import type { LogEvent } from '@parley/core';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { flagship, runLog } from '../../../tests/helpers/flagship.js';
import { perturbedModel } from '../../../tests/helpers/perturb.js';
import { simulate, simulateReference } from '../src/run.js';
import { RunSession } from '../src/session.js';

describe('the compiled runner is the statechart', () => {
  it('gives the same log and final state as a live xstate actor with immer, for random seeds and scenario numbers', () => {
    const base = flagship().model;
    fc.assert(
      fc.property(perturbedModel(base), fc.nat(), fc.nat({ max: 100 }), (m, seed, run) => {
        const fastLog: LogEvent[] = [];
        const refLog: LogEvent[] = [];
        const fast = simulate(m, { scenarioKey: 'eq', seed, run, emit: (e) => fastLog.push(e) });
        const ref = simulateReference(m, { scenarioKey: 'eq', seed, run, emit: (e) => refLog.push(e) });
        expect(JSON.stringify(fastLog)).toBe(JSON.stringify(refLog));
        expect(JSON.stringify(fast)).toBe(JSON.stringify(ref));
      }),
      { numRuns: 40 },
    );
  });
});

describe('RunSession', () => {
  it('stepped phase by phase to its end, gives the same log and outcome as simulate', () => {
    const sc = flagship();
    for (const seed of [1, 2, 3]) {
      const session = new RunSession(sc.model, sc.hash, seed);
      let steps = 0;
      while (session.step()) steps++;
      const { log, result } = runLog(sc.model, seed);
      expect(steps).toBeGreaterThan(sc.model.horizon);
      expect(session.ctx.outcome).toBe(result.outcome);
      expect(JSON.stringify(session.log)).toBe(JSON.stringify(log));
    }
  });
});
