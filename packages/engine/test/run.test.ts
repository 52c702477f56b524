import type { LogEvent } from '@parley/core';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { flagship } from '../../../tests/helpers/flagship.js';
import { perturbedModel } from '../../../tests/helpers/perturb.js';
import { simulate, simulateReference } from '../src/run.js';

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
