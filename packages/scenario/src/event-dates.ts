import type { ScenarioFile } from './schema.js';

/** A scheduled event dated outside the quarters a scenario runs. */
export interface EventOutside {
  readonly id: string;
  readonly at: string;
  /** The scenario's first and last quarters (YYYYQn). */
  readonly first: string;
  readonly last: string;
}

const index = (q: string): number => {
  const [y, n] = q.split('Q').map(Number) as [number, number];
  return y * 4 + (n - 1);
};
const name = (k: number): string => `${Math.floor(k / 4)}Q${(k % 4) + 1}`;

/** Scheduled events that fall before the scenario's start or after its last quarter: they would never happen. */
export function eventsOutside(f: ScenarioFile): EventOutside[] {
  const start = index(f.start);
  const end = start + f.horizon - 1;
  return Object.entries(f.events)
    .filter(([, e]) => e.at !== undefined && (index(e.at) < start || index(e.at) > end))
    .map(([id, e]) => ({ id, at: e.at!, first: f.start, last: name(end) }));
}
