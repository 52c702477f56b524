/** Interval statistics for proportions. */

/**
 * A share as a percentage with one decimal (14.5%), the way every table, chart and terminal view
 * prints it. A share too small for that (0 < x < 0.05%) keeps two significant digits (0.019%),
 * so the upper end of an interval around zero is not printed as 0.0%.
 */
export function percent(x: number): string {
  if (x > 0 && x < 0.0005) return `${(x * 100).toPrecision(2)}%`;
  return `${(x * 100).toFixed(1)}%`;
}

export interface Interval {
  readonly low: number;
  readonly high: number;
}

/** z for a two-sided 95% interval. */
export const Z95 = 1.959963984540054;

/** The Wilson score interval for k successes in n trials. */
export function wilson(k: number, n: number, z = Z95): Interval {
  if (n === 0) return { low: 0, high: 1 };
  const p = k / n;
  const z2 = z * z;
  const denom = 1 + z2 / n;
  const centre = (p + z2 / (2 * n)) / denom;
  const half = (z * Math.sqrt((p * (1 - p)) / n + z2 / (4 * n * n))) / denom;
  return { low: Math.max(0, centre - half), high: Math.min(1, centre + half) };
}

/**
 * Newcombe's hybrid score interval (method 10) for the difference of two independent
 * proportions p1 − p2, built from each one's Wilson interval.
 */
export function newcombe(k1: number, n1: number, k2: number, n2: number, z = Z95): Interval & { diff: number } {
  const p1 = k1 / n1;
  const p2 = k2 / n2;
  const a = wilson(k1, n1, z);
  const b = wilson(k2, n2, z);
  const d = p1 - p2;
  return {
    diff: d,
    low: d - Math.sqrt((p1 - a.low) ** 2 + (b.high - p2) ** 2),
    high: d + Math.sqrt((a.high - p1) ** 2 + (p2 - b.low) ** 2),
  };
}
