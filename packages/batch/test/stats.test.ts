import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { binOf, quantile } from '../src/histogram.js';
import { newcombe, percent, wilson } from '../src/stats.js';

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
  const r = { lo: 0, hi: 1, bins: 1000 };
  it('read the quantiles of known data to within one bin', () => {
    const counts = new Array<number>(r.bins).fill(0);
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
          const counts = new Array<number>(r.bins).fill(0);
          for (const x of xs) counts[binOf(r, x)]!++;
          const sorted = [...xs].sort((a, b) => a - b);
          const exact = sorted[Math.max(0, Math.ceil(q * xs.length) - 1)]!;
          expect(Math.abs(quantile(r, counts, q)! - exact)).toBeLessThanOrEqual(1 / r.bins);
        },
      ),
    );
  });

  it('is null for no data', () => {
    expect(quantile(r, new Array<number>(r.bins).fill(0), 0.5)).toBeNull();
  });
});
