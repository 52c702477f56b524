import type { TopLevelSpec } from 'vega-lite';
import { percent } from './stats.js';
import type { Summary } from './summary.js';

/** SVG charts of a batch summary, rendered with vega-lite without a browser. */

const FONT = {
  config: { font: 'Helvetica, Arial, sans-serif', view: { stroke: null }, axis: { labelFontSize: 11, titleFontSize: 12, labelLimit: 360 } },
};

/**
 * Text as a chart may hold it: no control or line-separator characters (they are not allowed in
 * XML, and a line break in a title broke vega-lite's generated description expression), and no
 * backslash (vega-lite escapes only the double quote when it quotes a title into an expression:
 * a title ending in \ left the expression unterminated). Every string of a spec passes through it.
 */
export const chartText = (s: string): string =>
  s
    // biome-ignore lint/suspicious/noControlCharactersInRegex: finding control characters is what this is for
    .replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\u2028\u2029\uFFFE\uFFFF]/g, ' ')
    .replace(/[\n\r\t]/g, ' ')
    .replace(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g, '\uFFFD')
    .replace(/\\/g, '\u29F5');

const cleanStrings = (x: unknown): unknown => {
  if (typeof x === 'string') return chartText(x);
  if (Array.isArray(x)) return x.map(cleanStrings);
  if (x !== null && typeof x === 'object') return Object.fromEntries(Object.entries(x).map(([k, v]) => [k, cleanStrings(v)]));
  return x;
};

/** vega and vega-lite are loaded on first use only: batches that write no report never pay for them in memory. */
export async function toSvg(dirty: TopLevelSpec): Promise<string> {
  const spec = cleanStrings(dirty) as TopLevelSpec;
  const [{ parse, View }, { compile }] = await Promise.all([import('vega'), import('vega-lite')]);
  // vega-lite's warnings (e.g. about merging the sort of layered scales) would land on the user's terminal: keep them quiet.
  const quiet = { level: () => quiet, error: () => quiet, warn: () => quiet, info: () => quiet, debug: () => quiet };
  const view = new View(parse(compile({ ...FONT, ...spec } as TopLevelSpec, { logger: quiet as never }).spec), { renderer: 'none' });
  const svg = await view.toSVG();
  view.finalize();
  return svg;
}

/** Outcome shares as bars, with their 95% intervals as whiskers and the share written on each bar. */
export function outcomeChart(s: Summary): TopLevelSpec {
  const values = s.outcomes.map((o) => ({ label: o.label, p: o.p, low: o.ci95[0], high: o.ci95[1], text: percent(o.p) }));
  return {
    width: 460,
    height: { step: 26 },
    data: { values },
    encoding: { y: { field: 'label', type: 'nominal', sort: { field: 'p', order: 'descending' }, title: null, axis: { labelLimit: 600 } } },
    layer: [
      {
        mark: { type: 'bar', color: '#4c78a8' },
        encoding: { x: { field: 'p', type: 'quantitative', title: 'share of runs', axis: { format: '%' }, scale: { domain: [0, 1] } } },
      },
      { mark: { type: 'rule', color: '#222' }, encoding: { x: { field: 'low', type: 'quantitative' }, x2: { field: 'high' } } },
      {
        mark: { type: 'text', align: 'left', dx: 6, color: '#222' },
        encoding: { x: { field: 'high', type: 'quantitative' }, text: { field: 'text' } },
      },
    ],
  } as TopLevelSpec;
}

/** The chance that a treaty has been signed by each quarter (on a 0–100% axis when no run signed one). */
export function treatyChart(s: Summary): TopLevelSpec {
  const none = s.treaty.count === 0;
  return {
    width: 560,
    height: 200,
    data: { values: s.treaty.byQuarter.map((q) => ({ quarter: q.quarter, p: q.cumulativeP })) },
    mark: { type: 'line', interpolate: 'step-after', color: '#e45756', point: false },
    encoding: {
      x: { field: 'quarter', type: 'ordinal', title: null, axis: { labelAngle: -60, labelOverlap: true } },
      y: {
        field: 'p',
        type: 'quantitative',
        title: 'P(treaty signed by then)',
        axis: { format: '%' },
        // All zero, the scale would have no extent and label its one tick "0.000000%".
        ...(none ? { scale: { domain: [0, 1] } } : {}),
      },
    },
  } as TopLevelSpec;
}

/** One measure over time: the median, the middle half and the middle 90% of runs. */
export function fanChart(s: Summary, id: string): TopLevelSpec {
  const series = s.fan.find((f) => f.id === id)!;
  return {
    width: 260,
    height: 150,
    title: { text: series.label, fontSize: 12 },
    data: { values: series.quarters },
    encoding: { x: { field: 'quarter', type: 'ordinal', title: null, axis: { labelAngle: -60, labelOverlap: true } } },
    layer: [
      {
        mark: { type: 'area', color: '#9ecae9', opacity: 0.6 },
        encoding: { y: { field: 'p05', type: 'quantitative', title: series.unit, scale: { domain: [0, 1] } }, y2: { field: 'p95' } },
      },
      {
        mark: { type: 'area', color: '#4c78a8', opacity: 0.6 },
        encoding: { y: { field: 'p25', type: 'quantitative' }, y2: { field: 'p75' } },
      },
      { mark: { type: 'line', color: '#1f3b5a' }, encoding: { y: { field: 'p50', type: 'quantitative' } } },
    ],
  } as TopLevelSpec;
}

/**
 * With `--uncertain`: each outcome's share (dot) with the spread over the parameter points (a thick
 * light bar from 5% to 95% of the points: what we don't know) and the dice's 95% interval (a thin
 * dark rule: Monte Carlo error), labelled so the two cannot be mistaken for each other.
 */
export function spreadChart(s: Summary): TopLevelSpec {
  const values = (s.uncertainty?.outcomes ?? []).map((o) => ({
    label: o.label,
    p: o.p,
    low: o.dice95[0],
    high: o.dice95[1],
    p05: o.points.p05,
    p95: o.points.p95,
    text: `${percent(o.p)} (points ${percent(o.points.p05)}–${percent(o.points.p95)})`,
  }));
  return {
    width: 460,
    height: { step: 26 },
    title: {
      text: "Light bar: 5%–95% of the parameter points (what we don't know). Dark rule: the dice's 95% interval.",
      fontSize: 11,
      fontWeight: 'normal',
      anchor: 'start',
    },
    data: { values },
    encoding: { y: { field: 'label', type: 'nominal', sort: { field: 'p', order: 'descending' }, title: null, axis: { labelLimit: 600 } } },
    layer: [
      {
        mark: { type: 'bar', color: '#c6dbef', height: 14 },
        encoding: {
          x: { field: 'p05', type: 'quantitative', title: 'share of runs', axis: { format: '%' }, scale: { domain: [0, 1] } },
          x2: { field: 'p95' },
        },
      },
      {
        mark: { type: 'rule', color: '#08306b', strokeWidth: 3 },
        encoding: { x: { field: 'low', type: 'quantitative' }, x2: { field: 'high' } },
      },
      { mark: { type: 'point', filled: true, color: '#08306b', size: 40 }, encoding: { x: { field: 'p', type: 'quantitative' } } },
      {
        mark: { type: 'text', align: 'left', dx: 6, color: '#222' },
        encoding: { x: { field: 'p95', type: 'quantitative' }, text: { field: 'text' } },
      },
    ],
  } as TopLevelSpec;
}
