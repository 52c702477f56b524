import { BatchInputError } from './errors.js';

/** One swept parameter: a scenario path and its values. */
export interface Axis {
  readonly path: string;
  readonly values: readonly number[];
}

const NUM = /^-?(\d+(\.\d*)?|\.\d+)$/;
const decimals = (s: string): number => (s.includes('.') ? s.length - s.indexOf('.') - 1 : 0);

/** `path=lo:hi:step` → the values lo, lo+step, …, up to hi (rounded to the inputs' decimals, so 0.1 steps stay exact). */
export function parseAxis(raw: string): Axis {
  const fail = (why: string): never => {
    throw new BatchInputError(
      `invalid --param "${raw}": ${why}; expected path=low:high:step, e.g. actors.russia.walkAwayMargin=0:0.1:0.01`,
    );
  };
  const eq = raw.indexOf('=');
  if (eq <= 0) fail('no "="');
  const path = raw.slice(0, eq);
  if (!/^[A-Za-z0-9_$-]+(\[\d+\])*(\.[A-Za-z0-9_$-]+(\[\d+\])*)*$/.test(path)) fail(`bad path "${path}"`);
  const parts = raw.slice(eq + 1).split(':');
  if (parts.length !== 3 || !parts.every((p) => NUM.test(p))) fail('the range must be three numbers separated by ":"');
  const [lo, hi, step] = parts.map(Number) as [number, number, number];
  if (!(step > 0)) fail('the step must be above 0');
  if (hi < lo) fail('high is below low');
  const count = Math.floor((hi - lo) / step + 1e-9) + 1;
  if (count > 1000) fail(`that is ${count} values; at most 1000`);
  const d = Math.max(...parts.map(decimals));
  const values = Array.from({ length: count }, (_, k) => Number((lo + k * step).toFixed(d)));
  return { path, values };
}

/** Every combination of the axes' values (the first axis varies slowest). */
export function gridPoints(axes: readonly Axis[]): number[][] {
  let points: number[][] = [[]];
  for (const a of axes) points = points.flatMap((p) => a.values.map((v) => [...p, v]));
  return points;
}
