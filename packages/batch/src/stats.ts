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

/**
 * A 95% interval of shares as "[0.35%, 0.44%]": one decimal, or as many more (up to four) as it
 * takes for two different ends not to print alike.
 */
export function percentInterval(low: number, high: number): string {
  let digits = 1;
  const at = (x: number, d: number): string => (x > 0 && x < 0.0005 && d === 1 ? percent(x) : `${(x * 100).toFixed(d)}%`);
  while (digits < 4 && low !== high && at(low, digits) === at(high, digits)) digits++;
  return `[${at(low, digits)}, ${at(high, digits)}]`;
}

/**
 * A difference of shares in percentage points with its interval, "+1.2 pp [0.4, 2.0]", with as many
 * decimals (up to four) as it takes for the ends not to print alike, nor a nonzero end as 0.
 */
export function pointsInterval(value: number, low: number, high: number): string {
  let d = 1;
  const zeroLike = (x: number): boolean => x !== 0 && Number((x * 100).toFixed(d)) === 0;
  while (d < 4 && ((low !== high && (low * 100).toFixed(d) === (high * 100).toFixed(d)) || zeroLike(low) || zeroLike(high))) d++;
  const signed = (x: number): string => `${x >= 0 ? '+' : ''}${(x * 100).toFixed(d)}`;
  return `${signed(value)} pp [${(low * 100).toFixed(d)}, ${(high * 100).toFixed(d)}]`;
}

/**
 * Newcombe's interval (method 10 of Newcombe 1998, "Improved confidence intervals for the
 * difference between binomial proportions based on paired data") for p_B − p_A when every run
 * is observed under both A and B (common random numbers): `both` runs have the outcome under A
 * and B, `onlyA` under A alone, `onlyB` under B alone, `neither` under neither. The correlation
 * of the pairs narrows the interval where the two conditions share most runs' fates.
 */
export function newcombePaired(both: number, onlyA: number, onlyB: number, neither: number, z = Z95): Interval & { diff: number } {
  const n = both + onlyA + onlyB + neither;
  if (n === 0) return { diff: 0, low: -1, high: 1 };
  const pA = (both + onlyA) / n;
  const pB = (both + onlyB) / n;
  const a = wilson(both + onlyA, n, z);
  const b = wilson(both + onlyB, n, z);
  const denom = (both + onlyA) * (onlyB + neither) * (both + onlyB) * (onlyA + neither);
  const phi = denom === 0 ? 0 : (both * neither - onlyA * onlyB) / Math.sqrt(denom);
  const d = pB - pA;
  const lowB = pB - b.low;
  const highB = b.high - pB;
  const lowA = pA - a.low;
  const highA = a.high - pA;
  return {
    diff: d,
    low: Math.max(-1, d - Math.sqrt(Math.max(0, lowB ** 2 - 2 * phi * lowB * highA + highA ** 2))),
    high: Math.min(1, d + Math.sqrt(Math.max(0, highB ** 2 - 2 * phi * highB * lowA + lowA ** 2))),
  };
}

/** A number rounded to 6 decimals, as rows, summaries and tables record them. */
export const r6 = (x: number): number => Math.round(x * 1e6) / 1e6;
