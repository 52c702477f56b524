/**
 * Variance-based global sensitivity (Sobol indices), estimated from Saltelli's design: two
 * independent samples A and B of N points in the unit cube, and for each parameter i the matrix
 * A_B^(i), A with its column i taken from B. With f evaluated at the N(d + 2) points:
 *
 *   V    = variance of f over A and B together
 *   S_i  = mean_j f(B_j) (f(A_B^(i)_j) − f(A_j)) / V              (first order; Saltelli et al. 2010)
 *   ST_i = mean_j (f(A_j) − f(A_B^(i)_j))² / 2 / V                (total; Jansen 1999)
 *
 * S_i is the share of the output's variance that parameter i explains alone; ST_i the share it has
 * a hand in, alone or with others. ST_i ≈ 0 means the parameter can be fixed anywhere in its range.
 * Intervals: bootstrap over the N rows (the same resampled rows for every index).
 */

/** Points of a Saltelli design for d parameters and N base rows, in the unit cube: A, B and A_B^(i). */
export interface SaltelliDesign {
  readonly n: number;
  readonly d: number;
  /** The points, row-major (each `d` wide): A's N rows, then B's N rows, then A_B^(1)'s N rows, …, A_B^(d)'s. */
  readonly unit: Float64Array;
}

/** Saltelli's design from a uniform stream `u` (seeded by the caller). */
export function saltelliDesign(n: number, d: number, u: () => number): SaltelliDesign {
  const a = Float64Array.from({ length: n * d }, u);
  const b = Float64Array.from({ length: n * d }, u);
  const unit = new Float64Array(n * (d + 2) * d);
  unit.set(a, 0);
  unit.set(b, n * d);
  for (let i = 0; i < d; i++) {
    const off = (2 + i) * n * d;
    unit.set(a, off);
    for (let j = 0; j < n; j++) unit[off + j * d + i] = b[j * d + i]!;
  }
  return { n, d, unit };
}

export interface SobolIndex {
  readonly first: number;
  readonly firstCi95: [number, number];
  readonly total: number;
  readonly totalCi95: [number, number];
}

/** The point estimates for the rows `rows` (indices into 0 … N − 1, repeated for a bootstrap sample). */
function estimate(f: ArrayLike<number>, n: number, d: number, rows: ArrayLike<number>): { first: Float64Array; total: Float64Array } {
  const m = rows.length;
  let sum = 0;
  let sq = 0;
  for (let k = 0; k < m; k++) {
    const j = rows[k]!;
    const a = f[j]!;
    const b = f[n + j]!;
    sum += a + b;
    sq += a * a + b * b;
  }
  const mean = sum / (2 * m);
  const v = sq / (2 * m) - mean * mean;
  const first = new Float64Array(d);
  const total = new Float64Array(d);
  for (let i = 0; i < d; i++) {
    let s1 = 0;
    let st = 0;
    for (let k = 0; k < m; k++) {
      const j = rows[k]!;
      const a = f[j]!;
      const b = f[n + j]!;
      const ab = f[(2 + i) * n + j]!;
      s1 += b * (ab - a);
      st += (a - ab) ** 2;
    }
    first[i] = v > 0 ? s1 / m / v : 0;
    total[i] = v > 0 ? st / (2 * m) / v : 0;
  }
  return { first, total };
}

/**
 * Sobol indices from the outputs `f` at a Saltelli design's points (in the design's order), with
 * 95% bootstrap intervals from `resamples` resamplings of the N rows (drawn from `u`).
 */
export function sobolIndices(f: ArrayLike<number>, n: number, d: number, resamples: number, u: () => number): SobolIndex[] {
  if (f.length !== n * (d + 2)) throw new Error(`expected ${n * (d + 2)} outputs, got ${f.length}`);
  const all = Uint32Array.from({ length: n }, (_, j) => j);
  const point = estimate(f, n, d, all);
  const firsts: number[][] = Array.from({ length: d }, () => []);
  const totals: number[][] = Array.from({ length: d }, () => []);
  const rows = new Uint32Array(n);
  for (let r = 0; r < resamples; r++) {
    for (let k = 0; k < n; k++) rows[k] = Math.floor(u() * n);
    const e = estimate(f, n, d, rows);
    for (let i = 0; i < d; i++) {
      firsts[i]!.push(e.first[i]!);
      totals[i]!.push(e.total[i]!);
    }
  }
  const ci = (xs: number[]): [number, number] => {
    if (xs.length === 0) return [Number.NaN, Number.NaN];
    const s = [...xs].sort((a, b) => a - b);
    const at = (q: number): number => s[Math.min(s.length - 1, Math.max(0, Math.round(q * (s.length - 1))))]!;
    return [at(0.025), at(0.975)];
  };
  return Array.from({ length: d }, (_, i) => ({
    first: point.first[i]!,
    firstCi95: ci(firsts[i]!),
    total: point.total[i]!,
    totalCi95: ci(totals[i]!),
  }));
}
