import { fileURLToPath } from 'node:url';
import { OUTCOME_CLASSES } from '@parley/core';
import { loadScenarioFile } from '@parley/scenario';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { drawParameter, outcomeSpreads, uncertainParameters, uncertainPlan } from '../src/index.js';

const FLAGSHIP = fileURLToPath(new URL('../../../scenarios/kuril/2016-nagato.yaml', import.meta.url));

describe('drawing an uncertain number', () => {
  const param = fc
    .tuple(
      fc.double({ min: -1, max: 1, noNaN: true }),
      fc.double({ min: 0.001, max: 1, noNaN: true }),
      fc.double({ min: 0, max: 1, noNaN: true }),
    )
    .map(([lo, width, at]) => ({ lo, hi: lo + width, value: lo + at * width }));

  it('stays in its range and rises with u, for both distributions', () => {
    fc.assert(
      fc.property(
        param,
        fc.double({ min: 0, max: 1, noNaN: true, maxExcluded: true }),
        fc.constantFrom('triangular', 'uniform'),
        (p, u, d) => {
          const q = { ...p, distribution: d as 'triangular' | 'uniform' };
          const x = drawParameter(q, u);
          expect(x).toBeGreaterThanOrEqual(p.lo - 1e-12);
          expect(x).toBeLessThanOrEqual(p.hi + 1e-12);
          expect(drawParameter(q, u + (1 - u) / 2)).toBeGreaterThanOrEqual(x - 1e-12);
        },
      ),
    );
  });

  it('a triangular draw has its mode at the value: the share of draws below it is (value − lo) / (hi − lo)', () => {
    const p = { lo: 0.1, hi: 0.5, value: 0.2, distribution: 'triangular' as const };
    const below = Array.from({ length: 1000 }, (_, k) => drawParameter(p, (k + 0.5) / 1000)).filter((x) => x < p.value).length;
    expect(below).toBe(250);
    expect(drawParameter({ ...p, distribution: 'uniform' }, 0.5)).toBeCloseTo(0.3, 12);
  });
});

describe('the uncertain numbers of the flagship', () => {
  const sc = loadScenarioFile(FLAGSHIP);
  const params = uncertainParameters(sc);
  const at = (path: string) => params.find((p) => p.path === path);

  it('are the numbers with a range, cut to the bounds the format allows; not the margins, durations or areas', () => {
    expect(params.length).toBeGreaterThan(100);
    expect(at('room.japan')).toMatchObject({ lo: 0.3, hi: 0.6, rangeKind: 'stated' });
    // "half to twice" of a cohesion of 0.8 stops at 1.
    expect(at('alliances.us-japan.cohesion')).toMatchObject({ lo: 0.4, hi: 1, rangeKind: 'rule' });
    expect(at('moves.japan-invest.effects[3].delta')).toMatchObject({ lo: 0, hi: 0.02 });
    expect(params.filter((p) => /walkAwayMargin|economicMargin|duration|times|area$/.test(p.path))).toEqual([]);
    // A number a source states is exact: not drawn.
    expect(at('energy.lng.share')).toBeUndefined();
  });

  it('give the same points for the same seed, other points for another, and only model parameters some point moves', () => {
    const a = uncertainPlan(sc, { points: 5, block: 10, seed: 1 });
    const b = uncertainPlan(sc, { points: 5, block: 10, seed: 1 });
    const c = uncertainPlan(sc, { points: 5, block: 10, seed: 2 });
    expect(Array.from(a.plan.values)).toEqual(Array.from(b.plan.values));
    expect(Array.from(a.plan.values)).not.toEqual(Array.from(c.plan.values));
    expect(a.plan.indices.length).toBeGreaterThan(50);
    // Each drawn number lies in its range.
    a.parameters.forEach((p, j) => {
      for (let k = 0; k < 5; k++) {
        const x = a.draws[k * a.parameters.length + j]!;
        expect(x >= p.lo && x <= p.hi).toBe(true);
      }
    });
  });
});

describe('two sources of spread', () => {
  const O = OUTCOME_CLASSES.length;
  const treaty = OUTCOME_CLASSES.indexOf('treaty-joint');
  const suspended = OUTCOME_CLASSES.indexOf('suspended');
  /** Counts by point: each point's runs split between a treaty and suspended talks. */
  const byPoint = (treaties: number[], runs: number): Float64Array => {
    const out = new Float64Array(treaties.length * O);
    treaties.forEach((t, k) => {
      out[k * O + treaty] = t;
      out[k * O + suspended] = runs - t;
    });
    return out;
  };

  it('parameters that do not matter explain nothing: points that differ only by the dice', () => {
    // 200 points of 100 runs at a true share of 0.3: the observed shares scatter by the dice alone.
    let s = 7;
    const rand = (): number => {
      s = (s * 16807) % 2147483647;
      return s / 2147483647;
    };
    const treaties = Array.from({ length: 200 }, () => Array.from({ length: 100 }, rand).filter((u) => u < 0.3).length);
    const t = outcomeSpreads(byPoint(treaties, 100), {}).find((o) => o.class === 'treaty')!;
    expect(t.p).toBeCloseTo(0.3, 1);
    expect(t.fromParameters).toBeLessThan(0.02);
  });

  it('parameters that decide the outcome explain all of it, and the points’ spread is the whole range', () => {
    const treaties = Array.from({ length: 100 }, (_, k) => (k % 2 === 0 ? 100 : 0));
    const t = outcomeSpreads(byPoint(treaties, 100), {}).find((o) => o.class === 'treaty')!;
    expect(t.p).toBe(0.5);
    expect(t.fromParameters).toBeGreaterThan(0.98);
    expect(t.points).toEqual({ p05: 0, p50: 0, p95: 1 });
    // The dice interval of the overall share stays narrow: 10,000 runs.
    expect(t.dice95[1] - t.dice95[0]).toBeLessThan(0.025);
  });
});
