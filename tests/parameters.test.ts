import { fileURLToPath } from 'node:url';
import { type ParameterPlan, rowHeader, runBatch, runChunk } from '@parley/batch';
import { type Model, OUTCOME_CLASSES, parametersOf, structureKey, withChanges, withParameters } from '@parley/core';
import { kernelFor, simulateFast } from '@parley/engine';
import { findScenarioFiles, loadScenarioFile } from '@parley/scenario';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { flagship } from './helpers/flagship.js';
import { expectSame } from './helpers/same-run.js';

// Parameters as data (core/src/parameters.ts): every number the model reads is one entry of a
// vector; models that differ only in their vectors run on one compiled kernel, bound to each in
// turn, and give what the reference gives for that vector.

const ROOT = fileURLToPath(new URL('../scenarios/', import.meta.url));
const clamp = (x: number, lo: number, hi: number): number => Math.min(hi, Math.max(lo, x));
/** Parameters a random vector may set to 0 (a shock that never fires, an effect that does nothing). */
const MAY_BE_ZERO = /\.(hazard|delta|amount|cost|probability)$|\.weights\./;

/** A random vector for m: every parameter scaled by [0.5, 1.5], kept in [0, 1] or [-1, 0] when it was there; in half the vectors, some set to 0. */
function vectorFor(m: Model): fc.Arbitrary<Float64Array> {
  const { names, values } = parametersOf(m);
  return fc
    .tuple(
      fc.array(fc.tuple(fc.double({ min: 0.5, max: 1.5, noNaN: true }), fc.nat({ max: 9 })), {
        minLength: values.length,
        maxLength: values.length,
      }),
      fc.boolean(),
    )
    .map(([draws, zeros]) =>
      values.map((v, k) => {
        const [f, zero] = draws[k]!;
        if (zeros && zero === 0 && MAY_BE_ZERO.test(names[k]!)) return 0;
        const x = v * f;
        return v >= 0 && v <= 1 ? clamp(x, 0, 1) : v < 0 && v >= -1 ? clamp(x, -1, 0) : x;
      }),
    );
}

describe('a model’s parameters', () => {
  it('are every magnitude of every scenario of the pack, named once, and writing them back gives the model', () => {
    for (const file of findScenarioFiles(ROOT)) {
      const m = loadScenarioFile(file).model;
      const { names, values } = parametersOf(m);
      expect(new Set(names).size, file).toBe(names.length);
      expect(values.length).toBeGreaterThan(m.actors.length * 10);
      expect(JSON.stringify(withParameters(m, values))).toBe(JSON.stringify(m));
      expect(structureKey(withParameters(m, values))).toBe(structureKey(m));
    }
  });

  it('can be changed a few at a time: each one, and only it, changes, as writing the whole vector would', () => {
    for (const file of findScenarioFiles(ROOT)) {
      const m = loadScenarioFile(file).model;
      const { values } = parametersOf(m);
      for (let k = 0; k < values.length; k++) {
        const changed = withChanges(m, [k], [values[k]! + 0.5]);
        const expected = values.slice();
        expected[k] = values[k]! + 0.5;
        expect(Array.from(parametersOf(changed).values), `${file} parameter ${k}`).toEqual(Array.from(expected));
      }
      const some = [0, Math.floor(values.length / 2), values.length - 1];
      const theta = values.slice();
      for (const k of some) theta[k] = -values[k]! - 1;
      const sparse = withChanges(
        m,
        some,
        some.map((k) => theta[k]!),
      );
      expect(JSON.stringify(sparse)).toBe(JSON.stringify(withParameters(m, theta)));
      expect(structureKey(sparse)).toBe(structureKey(withParameters(m, theta)));
      expect(structureKey(sparse)).not.toBe(structureKey(m));
    }
  });

  it('name what they are: a weight by actor and dimension, a hazard by event, a starting value by its place', () => {
    const m = flagship().model;
    const { names, values } = parametersOf(m);
    const at = (name: string): number => values[names.indexOf(name)]!;
    expect(at('actors.russia.temperature')).toBe(m.actors.find((a) => a.id === 'russia')!.temperature);
    expect(at('actors.japan.weights.territory')).toBe(m.actors.find((a) => a.id === 'japan')!.weights[0]);
    expect(at('params.jointShare')).toBe(m.params.jointShare);
    const shock = m.events.find((e) => e.at === null)!;
    expect(at(`events.${shock.id}.hazard`)).toBe(shock.hazard);
  });

  it('are refused when the vector does not fit the model', () => {
    const m = flagship().model;
    const { values } = parametersOf(m);
    expect(() => withParameters(m, values.subarray(1))).toThrow(/values for a model of/);
    expect(() => withParameters(m, [...values, 1])).toThrow(/values for a model of/);
  });

  it('leave the structure alone: magnitudes share a kernel, a parameter that becomes 0 or changes sign does not', () => {
    const m = flagship().model;
    const { names, values } = parametersOf(m);
    const scaled = withParameters(
      m,
      values.map((v) => v * 0.9),
    );
    expect(structureKey(scaled)).toBe(structureKey(m));
    const hazard = names.findIndex((n) => n.endsWith('.hazard') && values[names.indexOf(n)]! > 0);
    const off = values.slice();
    off[hazard] = 0;
    expect(structureKey(withParameters(m, off))).not.toBe(structureKey(m));
  });
});

describe('a kernel bound to a parameter vector', () => {
  it('gives the reference’s results bit for bit for random vectors of every kind of parameter, on one compiled kernel', () => {
    for (const file of ['kuril/2016-nagato.yaml', 'kuril/2017-joint-activities.yaml', 'tutorial/lighthouse-island.yaml']) {
      const base = loadScenarioFile(`${ROOT}${file}`).model;
      const kernel = kernelFor(base);
      let shared = 0;
      fc.assert(
        fc.property(vectorFor(base), fc.nat(), fc.nat({ max: 1000 }), (theta, seed, run) => {
          const m = withParameters(base, theta);
          if (kernelFor(m) === kernel) shared++;
          expectSame(m, 'vector', seed, run);
        }),
        { numRuns: 30 },
      );
      // Most vectors keep every sign (and so the kernel); the others get a kernel of their own.
      expect(shared, file).toBeGreaterThan(0);
    }
  });

  it('goes back to each model it is given, whatever ran in between', () => {
    const sc = flagship();
    const { values } = parametersOf(sc.model);
    const other = withParameters(
      sc.model,
      values.map((v) => (v > 0 && v < 1 ? v * 0.8 : v)),
    );
    const outcomes = (m: Model) => Array.from({ length: 200 }, (_, run) => simulateFast(m, { scenarioKey: sc.hash, seed: 4, run }).outcome);
    const first = outcomes(sc.model);
    const changed = outcomes(other);
    expect(kernelFor(other)).toBe(kernelFor(sc.model));
    expect(changed).not.toEqual(first);
    expect(outcomes(sc.model)).toEqual(first);
  });
});

describe('a batch of parameter points', () => {
  const sc = flagship();
  const m = sc.model;
  const { names, values } = parametersOf(m);
  const chosen = ['actors.russia.walkAwayMargin', 'actors.russia.weights.treaty', 'params.jointShare', 'actors.japan.temperature'];
  const indices = chosen.map((n) => names.indexOf(n));

  it('gives each run exactly what a single run with its vector gives', () => {
    fc.assert(
      fc.property(
        fc.array(fc.double({ min: 0.5, max: 1.5, noNaN: true }), { minLength: 4 * 12, maxLength: 4 * 12 }),
        fc.integer({ min: 1, max: 4 }),
        (factors, block) => {
          const points = Float64Array.from(factors, (f, k) => clamp(values[indices[k % 4]!]! * f, 0, 1));
          const plan: ParameterPlan = { indices, values: points, block };
          const runs = 12;
          const out = runChunk({ model: m, scenarioKey: sc.hash, seed: 9, from: 0, to: runs, outcomes: true, plan });
          for (let run = 0; run < runs; run++) {
            const theta = values.slice();
            const p = Math.floor(run / block);
            indices.forEach((k, j) => {
              theta[k] = points[p * 4 + j]!;
            });
            const single = simulateFast(withParameters(m, theta), { scenarioKey: sc.hash, seed: 9, run });
            expect(OUTCOME_CLASSES[out.outcomes![run]!], `run ${run}`).toBe(single.outcome);
          }
        },
      ),
      { numRuns: 8 },
    );
  });

  it('writes each run’s parameter values beside its outcome', () => {
    const points = Float64Array.from({ length: 2 * 4 }, (_, k) => values[indices[k % 4]!]! * (k < 4 ? 1 : 0.5));
    const plan: ParameterPlan = { indices, values: points, block: 3 };
    expect(rowHeader(m, 'csv', plan).trim().split(',').slice(-4)).toEqual(chosen.map((n) => `param.${n}`));
    const rows = runChunk({ model: m, scenarioKey: sc.hash, seed: 9, from: 0, to: 6, rows: 'csv', plan }).rows.trim().split('\n');
    expect(rows.map((r) => r.split(',').slice(-4).map(Number))).toEqual(
      [0, 0, 0, 1, 1, 1].map((p) => Array.from(points.subarray(p * 4, p * 4 + 4))),
    );
  });

  it('gives the same counts on 1 and 2 workers, and refuses points that do not cover the runs', async () => {
    const points = Float64Array.from({ length: 40 * 4 }, (_, k) => values[indices[k % 4]!]! * (0.6 + ((k * 7) % 9) / 10));
    const plan: ParameterPlan = { indices, values: points, block: 50 };
    const options = {
      sc,
      file: 'f',
      runs: 2000,
      seed: 5,
      untilCi: null,
      out: null,
      shard: null,
      rows: null,
      resume: false,
      chunkSize: 300,
    };
    const batch = (workers: number) => runBatch({ ...options, workers, plan });
    const [one, two] = [await batch(1), await batch(2)];
    expect(JSON.stringify(two.summary.outcomes)).toBe(JSON.stringify(one.summary.outcomes));
    expect(one.summary.parameters).toMatchObject({ names: chosen, points: 40, block: 50 });
    const plain = await runBatch({ ...options, workers: 1 });
    expect(JSON.stringify(plain.summary.outcomes)).not.toBe(JSON.stringify(one.summary.outcomes));
    await expect(runBatch({ ...options, runs: 2001, workers: 1, plan })).rejects.toThrow(
      /40 points × 50 runs cover 2000 runs, not the 2001/,
    );
  });
});
