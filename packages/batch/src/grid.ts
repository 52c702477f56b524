import { BatchInputError } from './errors.js';

/** One swept parameter: a scenario path and its values. */
export interface Axis {
  readonly path: string;
  readonly values: readonly number[];
}

const NUM = /^-?(\d+(\.\d*)?|\.\d+)$/;
/** Decimal places a grid value may have: a double holds about 15 significant digits. */
const MAX_DECIMALS = 15;
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
  if (parts.length !== 3) fail('the range must be three numbers separated by ":"');
  const bad = parts.find((p) => !NUM.test(p));
  if (bad !== undefined) fail(`"${bad}" is not a decimal number (write 0.001, not 1e-3)`);
  const places = Math.max(...parts.map(decimals));
  if (places > MAX_DECIMALS) fail(`${places} decimal places; at most ${MAX_DECIMALS}`);
  const [lo, hi, step] = parts.map(Number) as [number, number, number];
  if (!(step > 0)) fail('the step must be above 0');
  if (hi < lo) fail('high is below low');
  const count = Math.floor((hi - lo) / step + 1e-9) + 1;
  if (count > 1000) fail(`that is ${count} values; at most 1000`);
  const values = Array.from({ length: count }, (_, k) => Number((lo + k * step).toFixed(places)));
  if (new Set(values).size < values.length) fail('the step is too small for these numbers to tell the values apart');
  return { path, values };
}

/** Every combination of the axes' values (the first axis varies slowest). */
export function gridPoints(axes: readonly Axis[]): number[][] {
  let points: number[][] = [[]];
  for (const a of axes) points = points.flatMap((p) => a.values.map((v) => [...p, v]));
  return points;
}
