import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { analyseBargaining, type OutcomePoint, paretoFrontier } from '../src/bargaining.js';

/** Dividing a pie of 1: A gets x with u_A = √x, B gets 1 − x with u_B = 1 − x. */
function pie(steps: number): OutcomePoint[] {
  return Array.from({ length: steps + 1 }, (_, k) => {
    const x = k / steps;
    return { id: String(x), label: `A gets ${x}`, u: [Math.sqrt(x), 1 - x] as const };
  });
}

describe('bargaining solutions', () => {
  const a = analyseBargaining(pie(100_000), [0, 0]);

  it('the Nash point of dividing 1 with u1 = √x, u2 = 1 − x is x = 1/3', () => {
    expect(Number(a.nash!.id)).toBeCloseTo(1 / 3, 4);
  });

  it('the Kalai–Smorodinsky point equalises the shares of the ideal gains: √x = 1 − x, x = (3 − √5)/2', () => {
    expect(Number(a.kalaiSmorodinsky!.id)).toBeCloseTo((3 - Math.sqrt(5)) / 2, 4);
  });

  it('every division of the pie is Pareto optimal, and the zone excludes the two ends (one side gets nothing)', () => {
    const small = analyseBargaining(pie(10), [0, 0]);
    expect(small.pareto).toHaveLength(11);
    expect(small.zopa.map((p) => p.id)).toEqual(
      pie(10)
        .slice(1, 10)
        .map((p) => p.id),
    );
  });

  it('a disagreement point above some outcomes removes them from the zone and moves the Nash point', () => {
    const b = analyseBargaining(pie(10_000), [0.5, 0]);
    expect(b.zopa.every((p) => p.u[0] > 0.5)).toBe(true);
    expect(Number(b.nash!.id)).toBeGreaterThan(1 / 3);
    expect(analyseBargaining(pie(10), [2, 2]).nash).toBeNull();
  });

  it('the frontier holds exactly the undominated points, for any set', () => {
    const point = fc.record({
      id: fc.string(),
      label: fc.constant(''),
      u: fc.tuple(fc.integer({ min: 0, max: 20 }), fc.integer({ min: 0, max: 20 })),
    });
    fc.assert(
      fc.property(fc.array(point, { minLength: 1, maxLength: 40 }), (pts) => {
        const front = new Set(paretoFrontier(pts));
        for (const p of pts) {
          const dominated = pts.some((q) => q.u[0] >= p.u[0] && q.u[1] >= p.u[1] && (q.u[0] > p.u[0] || q.u[1] > p.u[1]));
          expect(front.has(p)).toBe(!dominated);
        }
      }),
    );
  });
});

describe('time-dependent negotiation tactics', () => {
  it('a target falls from 1 to the reservation value by the deadline; Boulware concedes late, a conceder early', async () => {
    const { targetUtility } = await import('../src/negotiation.js');
    expect(targetUtility(0, 10, 0.3, 0.5)).toBeCloseTo(1, 12);
    expect(targetUtility(9, 10, 0.3, 0.5)).toBeCloseTo(0.3, 12);
    expect(targetUtility(5, 10, 0.3, 0.5)).toBeGreaterThan(targetUtility(5, 10, 0.3, 2));
  });

  it('offers the outcome just above its target, and accepts what is worth at least its next target', async () => {
    const { tacticAccepts, tacticOffer } = await import('../src/negotiation.js');
    const p = { utilities: [0.2, 0.5, 0.7, 1], reservation: 0.3 };
    expect(tacticOffer(p, 0.6)).toBe(2);
    expect(tacticOffer(p, 1.2)).toBe(3);
    expect(tacticAccepts(p, 1, 0.45)).toBe(true);
    expect(tacticAccepts(p, 0, 0.1)).toBe(false);
  });
});
