import { fileURLToPath } from 'node:url';
import {
  afterDeal,
  afterEffects,
  cloneState,
  DIMENSION_COUNT,
  Evaluator,
  METRICS,
  type Model,
  optionMasks,
  utility,
  type WorldState,
} from '@parley/core';
import { simulate } from '@parley/engine';
import { findScenarioFiles, loadScenarioFile } from '@parley/scenario';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { flagship } from './helpers/flagship.js';
import { perturbedModel } from './helpers/perturb.js';
import { scrambled } from './helpers/states.js';

// The evaluator recomputes only the metrics an option can change (core/dependencies.ts) and skips
// options worth nothing to an actor. These tests hold it to the plain definition:
// ΔU_i = U_i(after) − U_i(now), computed from scratch.

const ROOT = fileURLToPath(new URL('../scenarios/', import.meta.url));

/** States a model reaches: the world at the end of each quarter of a few runs. */
function reachable(m: Model, key: string, runs: number, seed = 1): WorldState[] {
  const out: WorldState[] = [];
  for (let run = 0; run < runs; run++) {
    const r = simulate(m, { scenarioKey: key, seed, run, onQuarter: (_t, w) => out.push(cloneState(w)) });
    out.push(cloneState(r.world));
  }
  return out;
}

function checkMasks(m: Model, states: readonly WorldState[]): void {
  const masks = optionMasks(m);
  const n = m.actors.length;
  const options = [
    ...m.moves.map((mv, k) => ({ at: (s: WorldState) => afterEffects(m, s, mv.effects), mask: (i: number) => masks.moves[k * n + i]! })),
    ...m.offers.map((_, o) => ({ at: (s: WorldState) => afterDeal(m, s, o), mask: (i: number) => masks.offers[o * n + i]! })),
  ];
  for (const s of states) {
    for (const opt of options) {
      const after = opt.at(s);
      for (let i = 0; i < n; i++) {
        const mask = opt.mask(i);
        for (let d = 0; d < DIMENSION_COUNT; d++) {
          if (mask & (1 << d)) continue;
          expect(METRICS[d]!(m, after, i), `dimension ${d} of actor ${i}`).toBe(METRICS[d]!(m, s, i));
        }
      }
    }
  }
}

function checkGains(m: Model, states: readonly WorldState[]): void {
  for (const s of states) {
    const ev = new Evaluator(m, s);
    for (let i = 0; i < m.actors.length; i++) {
      const now = utility(m, s, i);
      m.moves.forEach((mv, k) => {
        expect(ev.moveGain(i, k)).toBeCloseTo(utility(m, afterEffects(m, s, mv.effects), i) - now, 12);
      });
      m.offers.forEach((_, o) => {
        expect(ev.dealGain(i, o)).toBeCloseTo(utility(m, afterDeal(m, s, o), i) - now, 12);
      });
    }
  }
}

describe('what-if evaluation', () => {
  const scenarios = findScenarioFiles(ROOT).map((f) => loadScenarioFile(f));

  it('skips only metrics an option cannot change, in every scenario’s reachable states', () => {
    for (const sc of scenarios) checkMasks(sc.model, reachable(sc.model, sc.hash, 4));
  });

  it('skips only metrics an option cannot change, with every number of the state redrawn', () => {
    const sc = flagship();
    const base = reachable(sc.model, sc.hash, 3);
    fc.assert(
      fc.property(
        perturbedModel(sc.model),
        fc.integer({ min: 0, max: base.length - 1 }),
        fc.infiniteStream(fc.double({ min: 0, max: 1, noNaN: true })),
        (m, k, draws) => {
          const it = draws[Symbol.iterator]();
          checkMasks(m, [scrambled(base[k]!, () => it.next().value as number)]);
        },
      ),
      { numRuns: 60 },
    );
  });

  it('gives every actor’s utility change of every move and deal as computed from scratch', () => {
    for (const sc of scenarios) checkGains(sc.model, reachable(sc.model, sc.hash, 2));
    const sc = flagship();
    fc.assert(
      fc.property(perturbedModel(sc.model), fc.nat(), (m, seed) => checkGains(m, reachable(m, 'gains', 1, seed))),
      { numRuns: 15 },
    );
  });
});
