import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { binOf, quantile, range } from '../src/histogram.js';
import { newcombe, newcombePaired, percent, percentInterval, pointsInterval, wilson } from '../src/stats.js';

describe('percentages as printed', () => {
  it('have one decimal, and two significant digits where one decimal would print a share that is not 0 as 0.0%', () => {
    expect(percent(0.145)).toBe('14.5%');
    expect(percent(1)).toBe('100.0%');
    expect(percent(0)).toBe('0.0%');
    expect(percent(0.0005)).toBe('0.1%');
    // The upper end of a Wilson interval for 0 treaties in 20,000 runs.
    expect(percent(wilson(0, 20_000).high)).toBe('0.019%');
  });
});

describe('interval statistics', () => {
  it('Wilson intervals match published values (Newcombe 1998, table I)', () => {
    const a = wilson(81, 263);
    expect(a.low).toBeCloseTo(0.2553, 4);
    expect(a.high).toBeCloseTo(0.3662, 4);
    const b = wilson(0, 10);
    expect(b.low).toBe(0);
    expect(b.high).toBeCloseTo(0.2775, 4);
  });

  it('Newcombe’s hybrid score interval for a difference matches the published example (56/70 − 48/80)', () => {
    const d = newcombe(56, 70, 48, 80);
    expect(d.diff).toBeCloseTo(0.2, 10);
    expect(d.low).toBeCloseTo(0.0524, 4);
    expect(d.high).toBeCloseTo(0.3339, 4);
  });

  it('a Wilson interval always contains its proportion and lies in [0, 1]', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 1_000_000 }), fc.double({ min: 0, max: 1, noNaN: true }), (n, f) => {
        const k = Math.round(f * n);
        const ci = wilson(k, n);
        expect(ci.low).toBeGreaterThanOrEqual(0);
        expect(ci.high).toBeLessThanOrEqual(1);
        expect(ci.low).toBeLessThanOrEqual(k / n + 1e-12);
        expect(ci.high).toBeGreaterThanOrEqual(k / n - 1e-12);
      }),
    );
  });
});

describe('histogram quantiles', () => {
  const r = range(0, 1, 1000);
  it('read the quantiles of known data to within one bin', () => {
    const counts = new Array<number>(r.slots).fill(0);
    for (let k = 0; k < 10_000; k++) counts[binOf(r, k / 10_000)]!++;
    expect(quantile(r, counts, 0.5)).toBeCloseTo(0.5, 2);
    expect(Math.abs(quantile(r, counts, 0.05)! - 0.05)).toBeLessThanOrEqual(0.001);
    expect(Math.abs(quantile(r, counts, 0.95)! - 0.95)).toBeLessThanOrEqual(0.001);
  });

  it('match the exact sample quantile to within one bin for any data', () => {
    fc.assert(
      fc.property(
        fc.array(fc.double({ min: 0, max: 1, noNaN: true, maxExcluded: true }), { minLength: 1, maxLength: 300 }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        (xs, q) => {
          const counts = new Array<number>(r.slots).fill(0);
          for (const x of xs) counts[binOf(r, x)]!++;
          const sorted = [...xs].sort((a, b) => a - b);
          const exact = sorted[Math.max(0, Math.ceil(q * xs.length) - 1)]!;
          expect(Math.abs(quantile(r, counts, q)! - exact)).toBeLessThanOrEqual(1 / r.bins);
        },
      ),
    );
  });

  it('is the bound itself where the data sit exactly on it (no sanctions is 0, not the middle of the first bin)', () => {
    const counts = new Array<number>(r.slots).fill(0);
    for (const x of [0, 0, 0, 0.3, 1, 1]) counts[binOf(r, x)]!++;
    expect(quantile(r, counts, 0.05)).toBe(0);
    expect(quantile(r, counts, 0.5)).toBe(0);
    expect(quantile(r, counts, 0.6)).toBeCloseTo(0.3005, 6);
    expect(quantile(r, counts, 0.95)).toBe(1);
  });

  it('is null for no data', () => {
    expect(quantile(r, new Array<number>(r.slots).fill(0), 0.5)).toBeNull();
  });
});

describe('intervals as text', () => {
  it('print enough digits that two different ends do not look alike', () => {
    expect(percentInterval(0.0035, 0.0044)).toBe('[0.35%, 0.44%]');
    expect(percentInterval(0.12, 0.15)).toBe('[12.0%, 15.0%]');
    expect(percentInterval(0, 0.013)).toBe('[0.0%, 1.3%]');
    expect(pointsInterval(0.0001, -0.0004, 0.0005)).toBe('+0.01 pp [-0.04, 0.05]');
    expect(pointsInterval(-0.024, -0.027, -0.021)).toBe('-2.4 pp [-2.7, -2.1]');
  });
});

describe("Newcombe's interval for paired runs", () => {
  it('is the independent-samples interval when the pairs are uncorrelated (both × neither = onlyA × onlyB)', () => {
    const paired = newcombePaired(20, 20, 30, 30);
    const independent = newcombe(50, 100, 40, 100);
    expect(paired.diff).toBeCloseTo(independent.diff, 12);
    expect(paired.low).toBeCloseTo(independent.low, 12);
    expect(paired.high).toBeCloseTo(independent.high, 12);
  });

  it('contains the difference, stays within [-1, 1], and is narrower than the unpaired one when the runs mostly agree', () => {
    fc.assert(
      fc.property(fc.nat(500), fc.nat(50), fc.nat(50), fc.nat(500), (both, onlyA, onlyB, neither) => {
        fc.pre(both + onlyA + onlyB + neither > 0);
        const n = both + onlyA + onlyB + neither;
        const p = newcombePaired(both, onlyA, onlyB, neither);
        expect(p.low).toBeLessThanOrEqual(p.diff + 1e-12);
        expect(p.high).toBeGreaterThanOrEqual(p.diff - 1e-12);
        expect(p.low).toBeGreaterThanOrEqual(-1);
        expect(p.high).toBeLessThanOrEqual(1);
        if (both * neither > onlyA * onlyB) {
          const u = newcombe(both + onlyB, n, both + onlyA, n);
          expect(p.high - p.low).toBeLessThanOrEqual(u.high - u.low + 1e-12);
        }
      }),
    );
  });
});
