import { fileURLToPath } from 'node:url';
import { SERIES } from '@parley/batch';
import {
  chooseMove,
  chooseOffer,
  cloneState,
  DIMENSION_COUNT,
  Evaluator,
  Kernel,
  METRICS,
  type Measure,
  type Model,
  packWorld,
  utility,
  type WorldState,
  type WorldView,
} from '@parley/core';
import { kernelFor, simulate, simulateFast } from '@parley/engine';
import { findScenarioFiles, loadScenarioFile } from '@parley/scenario';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { flagship } from './helpers/flagship.js';
import { perturbedModel } from './helpers/perturb.js';
import { expectSame } from './helpers/same-run.js';
import { scrambled } from './helpers/states.js';

// The batch kernel (core/src/kernel) is a second implementation of the decision model, made for
// speed. These tests hold it to the reference, bit for bit: same outcome, same treaty quarter,
// same world at the end of every quarter, same world-changing events.

const ROOT = fileURLToPath(new URL('../scenarios/', import.meta.url));
describe('the batch kernel is the model', () => {
  it('gives simulate’s results bit for bit in every scenario of the pack', () => {
    const files = findScenarioFiles(ROOT);
    expect(files.length).toBeGreaterThanOrEqual(6);
    for (const file of files) {
      const sc = loadScenarioFile(file);
      for (let run = 0; run < 60; run++) expectSame(sc.model, sc.hash, 1, run);
    }
  });

  it('gives simulate’s results bit for bit for random seeds and scenario numbers', () => {
    for (const file of ['kuril/2016-nagato.yaml', 'kuril/2013-thaw.yaml', 'tutorial/lighthouse-island.yaml']) {
      const base = loadScenarioFile(`${ROOT}${file}`).model;
      fc.assert(
        fc.property(perturbedModel(base), fc.nat(), fc.nat({ max: 1000 }), (m, seed, run) => {
          expectSame(m, 'kernel', seed, run);
        }),
        { numRuns: 25 },
      );
    }
  });

  it('generates code from the structure alone: a model whose numbers differ runs the same source (compiled once)', () => {
    const sc = flagship();
    const base = new Kernel(sc.model);
    const sources = (k: Kernel): string[] => [String(k.drift), ...k.moveApply.map(String), ...k.reactionApply.map(String)];
    fc.assert(
      fc.property(perturbedModel(sc.model), (m) => {
        expect(sources(new Kernel(m))).toEqual(sources(base));
      }),
      { numRuns: 10 },
    );
  });

  it('unpacks its final world into the very WorldState simulate ends with (modifiers, fired events and all)', () => {
    const sc = flagship();
    for (let run = 0; run < 40; run++) {
      const r = simulate(sc.model, { scenarioKey: sc.hash, seed: 3, run });
      simulateFast(sc.model, { scenarioKey: sc.hash, seed: 3, run });
      expect(JSON.stringify(kernelFor(sc.model).unpack())).toBe(JSON.stringify(r.world));
    }
  });

  it('reads every metric, utility and batch series off its cells as the reference computes them, every quarter of every scenario', () => {
    for (const file of findScenarioFiles(ROOT)) {
      const sc = loadScenarioFile(file);
      const m = sc.model;
      const kernel = kernelFor(m);
      // Every metric of every actor, every utility, then every series, sampled in one call as a batch samples them.
      const samples: Measure[] = [
        ...m.actors.flatMap((_, i) => Array.from({ length: DIMENSION_COUNT }, (_d, d) => ({ metric: d, actor: i }))),
        ...m.actors.map((_, i) => ({ utility: i })),
        ...SERIES.map((x) => x.measure(m)),
      ];
      const sample = kernel.reader(samples);
      const got = new Float64Array(samples.length);
      const check = (w: WorldView): void => {
        sample(got);
        const want = [
          ...m.actors.flatMap((_, i) => METRICS.map((metric) => metric(m, w, i))),
          ...m.actors.map((_, i) => utility(m, w, i)),
          ...SERIES.map((x) => x.value(m, w)),
        ];
        want.forEach((v, k) => {
          expect(got[k], JSON.stringify(samples[k])).toBe(v);
        });
      };
      for (let run = 0; run < 8; run++) {
        const f = simulateFast(m, { scenarioKey: sc.hash, seed: 4, run, onQuarter: (_t, w) => check(w) });
        check(f.world);
      }
    }
  });

  it('reports the same utilities from its final view as from the reference world', () => {
    const sc = flagship();
    for (let run = 0; run < 30; run++) {
      const r = simulate(sc.model, { scenarioKey: sc.hash, seed: 9, run });
      const f = simulateFast(sc.model, { scenarioKey: sc.hash, seed: 9, run });
      for (let i = 0; i < sc.model.actors.length; i++) {
        expect(utility(sc.model, f.world, i)).toBe(utility(sc.model, r.world, i));
        for (let d = 0; d < DIMENSION_COUNT; d++) expect(METRICS[d]!(sc.model, f.world, i)).toBe(METRICS[d]!(sc.model, r.world, i));
      }
    }
  });
});

/** Every value the kernel's evaluator and choices give in state s equals the reference's, exactly. */
function expectSameValues(m: Model, kernel: Kernel, s: WorldState): void {
  const ev = new Evaluator(m, s);
  const kev = kernel.ev;
  kev.reset(packWorld(kev.L, s));
  const n = m.actors.length;
  for (let i = 0; i < n; i++) {
    for (let o = 0; o < m.offers.length; o++) {
      expect(kev.dealGain(i, o), `deal ${o} for actor ${i}`).toBe(ev.dealGain(i, o));
      expect(kev.canRatify(i, o)).toBe(ev.canRatify(i, o));
      expect(kev.acceptance(i, o, 0.02)).toBe(ev.acceptance(i, o, 0.02));
    }
    for (const u of [0.05, 0.5, 0.95]) {
      const ref = chooseMove(ev, i, u);
      expect(kernel.choices.move(i, u)).toBe(ref.chosen);
      // The compiled chooser's probabilities, not only its pick: each is the reference's double (so
      // are the legal moves, their gains and values, and the lookahead, or some probability would differ).
      if (ref.options.length > 1)
        expect([...kernel.choices.moveProbabilities().subarray(0, ref.options.length)]).toEqual(ref.options.map((o) => o.probability));
      for (let r = 0; r < n; r++) if (r !== i) expect(kernel.choices.offer(i, r, u)).toBe(chooseOffer(ev, i, r, u).chosen);
    }
  }
}

describe('the batch kernel weighs options as the Evaluator does', () => {
  it('gives every gain, ratification, acceptance and choice exactly, in the states every scenario reaches', () => {
    for (const file of findScenarioFiles(ROOT)) {
      const sc = loadScenarioFile(file);
      const kernel = new Kernel(sc.model);
      for (let run = 0; run < 4; run++) {
        const states: WorldState[] = [];
        const r = simulate(sc.model, { scenarioKey: sc.hash, seed: 5, run, onQuarter: (_t, w) => states.push(cloneState(w)) });
        states.push(r.world);
        for (const s of states) expectSameValues(sc.model, kernel, s);
      }
    }
  });

  it('and with every number of the state redrawn, for perturbed models', () => {
    const base = flagship().model;
    const reached: WorldState[] = [];
    simulate(base, { scenarioKey: 'k', seed: 2, onQuarter: (_t, w) => reached.push(cloneState(w)) });
    fc.assert(
      fc.property(
        perturbedModel(base),
        fc.nat({ max: reached.length - 1 }),
        fc.infiniteStream(fc.double({ min: 0, max: 1, noNaN: true })),
        (m, at, us) => {
          const it = us[Symbol.iterator]();
          expectSameValues(
            m,
            new Kernel(m),
            scrambled(reached[at]!, () => it.next().value as number),
          );
        },
      ),
      { numRuns: 60 },
    );
  });
});
