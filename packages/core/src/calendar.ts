import type { Model } from './model.js';

/** Calendar year and quarter (1–4) of quarter index t. */
export function quarterOf(m: Pick<Model, 'startYear' | 'startQuarter'>, t: number): { year: number; quarter: number } {
  const q = m.startQuarter - 1 + t;
  return { year: m.startYear + Math.floor(q / 4), quarter: (q % 4) + 1 };
}

/** "2016Q2"-style label of quarter index t. */
export function quarterLabel(m: Pick<Model, 'startYear' | 'startQuarter'>, t: number): string {
  const { year, quarter } = quarterOf(m, t);
  return `${year}Q${quarter}`;
}

/** Quarter index of a "YYYYQn" label relative to the model's start (may be negative). */
export function quarterIndex(m: Pick<Model, 'startYear' | 'startQuarter'>, year: number, quarter: number): number {
  return (year - m.startYear) * 4 + (quarter - m.startQuarter);
}
