import seedrandom from 'seedrandom';
import { describe, expect, it } from 'vitest';
import { saltelliDesign, sobolIndices } from '../src/sobol.js';

/** The Ishigami function on [−π, π]³, with a fourth input it ignores. */
const ishigami = (x: ArrayLike<number>): number => {
  const [x1, x2, x3] = [0, 1, 2].map((k) => -Math.PI + 2 * Math.PI * x[k]!) as [number, number, number];
  return Math.sin(x1) + 7 * Math.sin(x2) ** 2 + 0.1 * x3 ** 4 * Math.sin(x1);
};

// Analytic indices for a = 7, b = 0.1 (Ishigami and Homma 1990; Saltelli et al. 2008, §4.9).
const V = 0.5 + 7 ** 2 / 8 + (0.1 * Math.PI ** 4) / 5 + (0.1 ** 2 * Math.PI ** 8) / 18;
const V1 = 0.5 * (1 + (0.1 * Math.PI ** 4) / 5) ** 2;
const V2 = 7 ** 2 / 8;
const V13 = 0.1 ** 2 * Math.PI ** 8 * (1 / 18 - 1 / 50);
const FIRST = [V1 / V, V2 / V, 0, 0];
const TOTAL = [(V1 + V13) / V, V2 / V, V13 / V, 0];

describe('Sobol indices from a Saltelli design', () => {
  const n = 4096;
  const d = 4;
  const design = saltelliDesign(n, d, seedrandom.alea('ishigami'));
  const f = Array.from({ length: n * (d + 2) }, (_, k) => ishigami(design.unit.subarray(k * d, (k + 1) * d)));
  const indices = sobolIndices(f, n, d, 300, seedrandom.alea('bootstrap'));

  it('recover the Ishigami function’s analytic first-order and total indices', () => {
    indices.forEach((s, i) => {
      expect(Math.abs(s.first - FIRST[i]!), `S${i + 1}`).toBeLessThan(0.05);
      expect(Math.abs(s.total - TOTAL[i]!), `ST${i + 1}`).toBeLessThan(0.05);
    });
  });

  it('bootstrap 95% intervals that cover the analytic indices about 95% of the time (20 designs of 1,024 rows)', () => {
    let covered = 0;
    let intervals = 0;
    for (let r = 0; r < 20; r++) {
      const small = saltelliDesign(1024, 3, seedrandom.alea(`design ${r}`));
      const g = Array.from({ length: 1024 * 5 }, (_, k) => ishigami(small.unit.subarray(k * 3, (k + 1) * 3)));
      sobolIndices(g, 1024, 3, 200, seedrandom.alea(`bootstrap ${r}`)).forEach((s, i) => {
        intervals += 2;
        if (s.firstCi95[0] <= FIRST[i]! && FIRST[i]! <= s.firstCi95[1]) covered++;
        if (s.totalCi95[0] <= TOTAL[i]! && TOTAL[i]! <= s.totalCi95[1]) covered++;
      });
    }
    // Percentile bootstrap intervals run a little short of their nominal 95%; far less would be a bug.
    expect(covered / intervals).toBeGreaterThan(0.85);
  });

  it('give an input the function ignores a total index of 0, and x3 (which acts only with x1) no first-order effect', () => {
    expect(indices[3]!.total).toBe(0);
    expect(indices[3]!.totalCi95).toEqual([0, 0]);
    expect(Math.abs(indices[2]!.first)).toBeLessThan(0.05);
    expect(indices[2]!.total).toBeGreaterThan(0.2);
  });

  it('lay out A, B and each A_B^(i) as Saltelli does: A_B^(i) is A with column i from B', () => {
    const small = saltelliDesign(3, 2, seedrandom.alea('layout'));
    const row = (block: number, j: number) => Array.from(small.unit.subarray((block * 3 + j) * 2, (block * 3 + j + 1) * 2));
    for (let j = 0; j < 3; j++) {
      expect(row(2, j)).toEqual([row(1, j)[0], row(0, j)[1]]);
      expect(row(3, j)).toEqual([row(0, j)[0], row(1, j)[1]]);
    }
  });
});
