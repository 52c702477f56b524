import type { BargainingAnalysis, OutcomePoint } from '@parley/core';
import type { TopLevelSpec } from 'vega-lite';
import { toSvg } from './charts.js';
import type { ComparisonResult } from './compare.js';
import type { SensitivityResult, SweepResult } from './experiments.js';
import type { SobolResult } from './sobol-run.js';

/** SVG plots of sweeps, comparisons and sensitivity analyses. */

export function sweepSvg(r: SweepResult, labels: Record<string, string>): Promise<string> {
  const [x, y] = r.axes;
  if (x && !y) {
    const values = r.points.flatMap((p) =>
      Object.entries(p.outcomes).map(([cls, o]) => ({
        x: p.values[x.path],
        outcome: labels[cls] ?? cls,
        p: o.p,
        low: o.ci95[0],
        high: o.ci95[1],
      })),
    );
    return toSvg({
      width: 520,
      height: 260,
      data: { values },
      encoding: {
        x: { field: 'x', type: 'quantitative', title: x.path },
        color: { field: 'outcome', type: 'nominal', legend: { orient: 'bottom', columns: 1, labelLimit: 420 } },
      },
      layer: [
        { mark: { type: 'area', opacity: 0.2 }, encoding: { y: { field: 'low', type: 'quantitative' }, y2: { field: 'high' } } },
        {
          mark: { type: 'line', point: true },
          encoding: { y: { field: 'p', type: 'quantitative', title: 'share of runs', axis: { format: '%' } } },
        },
      ],
    } as TopLevelSpec);
  }
  const values = r.points.map((p) => ({
    x: p.values[x!.path],
    y: p.values[y!.path],
    p: p.treaty.p,
    text: `${(p.treaty.p * 100).toFixed(0)}%`,
  }));
  return toSvg({
    width: 420,
    height: 320,
    data: { values },
    encoding: {
      x: { field: 'x', type: 'ordinal', title: x!.path },
      y: { field: 'y', type: 'ordinal', title: y!.path, sort: 'descending' },
    },
    layer: [
      {
        mark: 'rect',
        encoding: { color: { field: 'p', type: 'quantitative', title: 'P(treaty)', scale: { domain: [0, 1], scheme: 'blues' } } },
      },
      { mark: { type: 'text', fontSize: 9 }, encoding: { text: { field: 'text' } } },
    ],
  } as TopLevelSpec);
}

export function compareSvg(r: ComparisonResult): Promise<string> {
  const values = r.rows.map((row) => ({
    label: row.label,
    d: row.diff.value,
    low: row.diff.ci95[0],
    high: row.diff.ci95[1],
    text: `${(row.diff.value * 100).toFixed(1)} pp`,
  }));
  return toSvg({
    width: 440,
    height: { step: 24 },
    title: `${r.b.label} minus ${r.a.label}`,
    data: { values },
    encoding: { y: { field: 'label', type: 'nominal', title: null, axis: { labelLimit: 600 } } },
    layer: [
      { mark: { type: 'rule', color: '#888' }, encoding: { x: { datum: 0, type: 'quantitative' } } },
      {
        mark: { type: 'rule', strokeWidth: 2 },
        encoding: {
          x: { field: 'low', type: 'quantitative', title: 'difference in probability (95% interval)', axis: { format: '+%' } },
          x2: { field: 'high' },
        },
      },
      { mark: { type: 'point', filled: true, size: 50 }, encoding: { x: { field: 'd', type: 'quantitative' } } },
      { mark: { type: 'text', dy: -10 }, encoding: { x: { field: 'd', type: 'quantitative' }, text: { field: 'text' } } },
    ],
  } as TopLevelSpec);
}

export function tornadoSvg(r: SensitivityResult, top = 15): Promise<string> {
  const values = r.rows.slice(0, top).flatMap((row) => [
    { path: row.path, end: 'parameter lowered', from: r.baseTreaty, to: row.treatyLow },
    { path: row.path, end: 'parameter raised', from: r.baseTreaty, to: row.treatyHigh },
  ]);
  return toSvg({
    width: 420,
    height: { step: 20 },
    title: `Treaty share when each parameter moves alone (base ${(r.baseTreaty * 100).toFixed(1)}%)`,
    data: { values },
    encoding: { y: { field: 'path', type: 'nominal', sort: null, title: null, axis: { labelLimit: 600 } } },
    layer: [
      {
        mark: { type: 'bar', opacity: 0.8 },
        encoding: {
          x: { field: 'from', type: 'quantitative', title: 'P(treaty)', axis: { format: '%' } },
          x2: { field: 'to' },
          color: { field: 'end', type: 'nominal', title: null, scale: { range: ['#e45756', '#4c78a8'] }, legend: { orient: 'bottom' } },
        },
      },
      { mark: { type: 'rule', color: '#222' }, encoding: { x: { datum: r.baseTreaty, type: 'quantitative' } } },
    ],
  } as TopLevelSpec);
}

/** Sobol indices of the top parameters: total (the bar) and first order (the dot), each with its 95% bootstrap interval. */
export function sobolSvg(r: SobolResult, top = 15): Promise<string> {
  const values = r.rows.slice(0, top).flatMap((row) => [
    { path: row.path, index: 'total', value: row.total, low: row.totalCi95[0], high: row.totalCi95[1] },
    { path: row.path, index: 'first order', value: row.first, low: row.firstCi95[0], high: row.firstCi95[1] },
  ]);
  return toSvg({
    width: 420,
    height: { step: 22 },
    title: `What moves the treaty share: Sobol indices (${r.points.toLocaleString('en-US')} points × ${r.runsPerPoint} runs)`,
    data: { values },
    encoding: {
      y: { field: 'path', type: 'nominal', sort: null, title: null, axis: { labelLimit: 600 } },
      yOffset: { field: 'index', type: 'nominal', sort: ['total', 'first order'] },
      color: { field: 'index', type: 'nominal', title: null, scale: { range: ['#4c78a8', '#f58518'] }, legend: { orient: 'bottom' } },
    },
    layer: [
      // Estimates below 0 (first-order indices of numbers that matter little, within their noise) are cut at 0.
      {
        mark: { type: 'bar', opacity: 0.85, clip: true },
        encoding: {
          x: {
            field: 'value',
            type: 'quantitative',
            title: 'share of the variance of the treaty share (estimates below 0 are noise, cut at 0)',
            scale: { domain: [0, 1] },
          },
        },
      },
      { mark: { type: 'rule', color: '#222', clip: true }, encoding: { x: { field: 'low', type: 'quantitative' }, x2: { field: 'high' } } },
    ],
  } as TopLevelSpec);
}

/** The bargaining space: every package as a point (utility to A, to B), the frontier, the walk-away lines, Nash and Kalai–Smorodinsky marked. */
/** Cells per axis in which packages drawn on the same spot are drawn once: finer than the chart's points. */
const CELLS = 400;

/**
 * The packages to draw: all of them when there are few, otherwise one per cell of a CELLS × CELLS grid
 * and kind (a million packages would make a chart no viewer opens, and those in one cell overlap anyway).
 * The solutions are always drawn.
 */
function drawn(a: BargainingAnalysis): readonly OutcomePoint[] {
  if (a.points.length <= 2 * CELLS) return a.points;
  let [x0, x1, y0, y1] = [Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY];
  for (const p of a.points) {
    x0 = Math.min(x0, p.u[0]);
    x1 = Math.max(x1, p.u[0]);
    y0 = Math.min(y0, p.u[1]);
    y1 = Math.max(y1, p.u[1]);
  }
  const cell = (v: number, lo: number, hi: number): number => (hi > lo ? Math.floor(((v - lo) / (hi - lo)) * (CELLS - 1)) : 0);
  const special = new Set([a.nash, a.kalaiSmorodinsky]);
  const onFrontier = new Set(a.pareto);
  const seen = new Set<number>();
  return a.points.filter((p) => {
    if (special.has(p)) return true;
    const key = (cell(p.u[0], x0, x1) * CELLS + cell(p.u[1], y0, y1)) * 2 + (onFrontier.has(p) ? 1 : 0);
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

export function bargainSvg(a: BargainingAnalysis, names: readonly [string, string]): Promise<string> {
  const onFrontier = new Set(a.pareto);
  // When one package is both solutions, it is drawn once and named as both; the legend lists only what is drawn.
  const nash = a.nash !== null && a.nash === a.kalaiSmorodinsky ? 'Nash = Kalai–Smorodinsky' : 'Nash';
  const kind = (p: OutcomePoint): string =>
    p === a.nash ? nash : p === a.kalaiSmorodinsky ? 'Kalai–Smorodinsky' : onFrontier.has(p) ? 'Pareto frontier' : 'other package';
  const special = (k: string): boolean => k === nash || k === 'Kalai–Smorodinsky';
  // The solutions last, so that no other package is drawn over them.
  const values = drawn(a)
    .map((p) => ({ x: p.u[0], y: p.u[1], kind: kind(p) }))
    .sort((p, q) => Number(special(p.kind)) - Number(special(q.kind)));
  const colours: [string, string][] = [
    [nash, '#2ca02c'],
    ['Kalai–Smorodinsky', '#9467bd'],
    ['Pareto frontier', '#f58518'],
    ['other package', '#bbbbbb'],
  ];
  const shown = colours.filter(([k]) => values.some((v) => v.kind === k));
  const frontier = drawn({ ...a, points: a.pareto }).map((p) => ({ x: p.u[0], y: p.u[1] }));
  return toSvg({
    width: 420,
    height: 320,
    layer: [
      {
        data: { values },
        mark: { type: 'point', filled: true, size: 60 },
        encoding: {
          x: { field: 'x', type: 'quantitative', title: `utility to ${names[0]}`, scale: { zero: false } },
          y: { field: 'y', type: 'quantitative', title: `utility to ${names[1]}`, scale: { zero: false } },
          color: {
            field: 'kind',
            type: 'nominal',
            title: null,
            legend: { orient: 'bottom', labelLimit: 400 },
            scale: { domain: shown.map(([k]) => k), range: shown.map(([, c]) => c) },
          },
        },
      },
      {
        data: { values: frontier },
        mark: { type: 'line', color: '#888', strokeDash: [4, 3] },
        encoding: { x: { field: 'x', type: 'quantitative' }, y: { field: 'y', type: 'quantitative' } },
      },
      {
        data: { values: [{ d: a.disagreement[0] }] },
        mark: { type: 'rule', color: '#e45756' },
        encoding: { x: { field: 'd', type: 'quantitative' } },
      },
      {
        data: { values: [{ d: a.disagreement[1] }] },
        mark: { type: 'rule', color: '#e45756' },
        encoding: { y: { field: 'd', type: 'quantitative' } },
      },
    ],
  } as TopLevelSpec);
}
