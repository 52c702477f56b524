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
    // Three seeds whose runs go the whole horizon (no treaty ends them early), found with the engine.
    const seeds = Array.from({ length: 40 }, (_, k) => k + 1)
      .filter((seed) => runLog(sc.model, seed).result.treatyT === null)
      .slice(0, 3);
    expect(seeds).toHaveLength(3);
    for (const seed of seeds) {
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

describe('choosers', () => {
  it('a chooser that leaves every decision to the policies changes nothing: the random draws are made either way', () => {
    const sc = flagship();
    const asked: string[] = [];
    const chooser = {
      move: () => {
        asked.push('move');
        return undefined;
      },
      offer: () => {
        asked.push('offer');
        return undefined;
      },
      response: () => {
        asked.push('response');
        return undefined;
      },
    };
    const session = new RunSession(sc.model, sc.hash, 5, 0, chooser);
    session.toEnd();
    expect(JSON.stringify(session.log)).toBe(JSON.stringify(runLog(sc.model, 5).log));
    expect(asked).toContain('move');
  });

  it('a chooser’s pick is what happens, and other actors’ draws are unchanged until the paths diverge', () => {
    const sc = flagship();
    // The first seed whose run has Japan move in its first quarter, so that holding it still changes something.
    const japanAt0 = (log: LogEvent[]) => log.some((e) => e.type === 'move' && e.actor === 0 && e.t === 0);
    let seed = 1;
    while (!japanAt0(runLog(sc.model, seed).log)) seed++;
    const session = new RunSession(sc.model, sc.hash, seed, 0, { move: (actor) => (actor === 0 ? 0 : undefined) });
    session.toEnd();
    expect(session.log.some((e) => e.type === 'move' && e.actor === 0)).toBe(false);
    // Russia chooses in the same phase as Japan, from the same state and its own draw: its first-quarter choice cannot change.
    const russiaAt0 = (log: LogEvent[]) => log.filter((e) => e.type === 'move' && e.actor === 1 && e.t === 0);
    const reference = runLog(sc.model, seed).log;
    expect(JSON.stringify(russiaAt0(session.log))).toBe(JSON.stringify(russiaAt0(reference)));
  });
});
