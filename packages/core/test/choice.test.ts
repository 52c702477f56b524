import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { logitInto, logitPairInto, logitProbabilities, pickIndex } from '../src/choice.js';

// Values as choosers produce them: small utility differences, with ties and repeats drawn often.
const value = fc.oneof(fc.double({ min: -1, max: 1, noNaN: true }), fc.constantFrom(0, -0, 0.01, -0.03, 1e-9));
const temperature = fc.oneof(fc.double({ min: 1e-4, max: 2, noNaN: true }), fc.constantFrom(0, 0.004));

describe('logit choice', () => {
  it('gives probabilities that sum to 1, favouring higher values', () => {
    const p = logitProbabilities([0, 0.01, -0.01], 0.01);
    expect(p[0]! + p[1]! + p[2]!).toBeCloseTo(1, 12);
    expect(p[1]).toBeGreaterThan(p[0]!);
    expect(p[0]).toBeGreaterThan(p[2]!);
    expect(logitProbabilities([0, 0.5, 0.5], 0)).toEqual([0, 1, 0]);
  });

  it('logitPairInto gives exactly what logitInto gives for the values and for them with one lowered', () => {
    fc.assert(
      fc.property(
        fc.array(value, { minLength: 1, maxLength: 8 }),
        fc.nat(),
        fc.oneof(fc.double({ min: 0, max: 1, noNaN: true }), fc.constantFrom(0.03, 0)),
        temperature,
        (values, at0, delta, tau) => {
          const n = values.length;
          const at = at0 % n;
          const lowered = values.slice();
          lowered[at] = lowered[at]! - delta;
          const want0 = logitInto(values, n, tau, new Float64Array(n));
          const want1 = logitInto(lowered, n, tau, new Float64Array(n));
          const got0 = new Float64Array(n);
          const got1 = new Float64Array(n);
          logitPairInto(values, n, tau, at, delta, got0, got1);
          for (let k = 0; k < n; k++) {
            expect(Object.is(got0[k], want0[k]), `q0[${k}]`).toBe(true);
            expect(Object.is(got1[k], want1[k]), `q1[${k}]`).toBe(true);
          }
        },
      ),
      { numRuns: 2000 },
    );
  });

  it('picks each index for the draws that fall in its share', () => {
    const p = [0.2, 0.5, 0.3];
    expect(pickIndex(p, 3, 0)).toBe(0);
    expect(pickIndex(p, 3, 0.19)).toBe(0);
    expect(pickIndex(p, 3, 0.2)).toBe(1);
    expect(pickIndex(p, 3, 0.69)).toBe(1);
    expect(pickIndex(p, 3, 0.7)).toBe(2);
    expect(pickIndex(p, 3, 0.999999)).toBe(2);
  });
});
