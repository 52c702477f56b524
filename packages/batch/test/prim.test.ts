import seedrandom from 'seedrandom';
import { describe, expect, it } from 'vitest';
import { chooseBox, prim } from '../src/prim.js';

describe('PRIM scenario discovery', () => {
  // 2,000 points in [0, 1]^5; the outcome happens where x0 > 0.7 and x3 < 0.4 (with 5% noise either way).
  const n = 2000;
  const d = 5;
  const u = seedrandom.alea('prim');
  const x = Float64Array.from({ length: n * d }, () => u());
  const y = Array.from({ length: n }, (_, k) => {
    const inBox = x[k * d]! > 0.7 && x[k * d + 3]! < 0.4;
    return (u() < 0.05 ? !inBox : inBox) ? 1 : 0;
  });
  const r = prim(x, y, d);

  it('finds the box the outcome lives in, on the parameters that matter only', () => {
    const b = chooseBox(r, 0.7);
    expect([...b.restricted].sort()).toEqual([0, 3]);
    expect(b.limits[0]![0]).toBeGreaterThan(0.6);
    expect(b.limits[0]![0]).toBeLessThan(0.75);
    expect(b.limits[3]![1]).toBeGreaterThan(0.35);
    expect(b.limits[3]![1]).toBeLessThan(0.5);
    expect(b.density).toBeGreaterThan(0.8);
    expect(b.density).toBeGreaterThan(3 * r.mean);
  });

  it('trades coverage for density along the trajectory, from the whole space down to the minimum support', () => {
    const t = r.trajectory;
    expect(t[0]).toMatchObject({ coverage: 1, support: 1, restricted: [] });
    for (let k = 1; k < t.length; k++) {
      expect(t[k]!.support).toBeLessThan(t[k - 1]!.support);
      expect(t[k]!.coverage).toBeLessThanOrEqual(t[k - 1]!.coverage + 1e-12);
    }
    expect(t.at(-1)!.support).toBeGreaterThanOrEqual(0.05);
    expect(t.at(-1)!.density).toBeGreaterThan(t[0]!.density);
  });

  it('is deterministic, and finds nothing to restrict when the outcome does not depend on the parameters', () => {
    expect(prim(x, y, d)).toEqual(r);
    const flat = prim(
      x,
      Array.from({ length: n }, () => 1),
      d,
    );
    expect(flat.trajectory).toHaveLength(1);
  });
});
