import { DIMENSION_COUNT, type Model } from '../model.js';
import type { Layout } from './layout.js';
import { metricCode } from './metric-code.js';

/** A number read off the kernel's cells. */
export type CellReader = (x: Float64Array) => number;

/**
 * What a batch reads off the world every quarter and at the end of every run, compiled for one
 * model: each metric of each actor (metrics.ts's METRICS) and each actor's utility (utility.ts),
 * as straight-line functions of the cells with the same terms in the same order, so they give
 * the reference values bit for bit (tests/kernel.test.ts). Reading the live WorldView instead
 * builds territory statuses and walks the model's lists on every call.
 */
export interface Readers {
  /** [i × DIMENSION_COUNT + d]: metric d of actor i. */
  readonly metric: readonly CellReader[];
  /** [i]: U_i. */
  readonly utility: readonly CellReader[];
}

function utilityCode(m: Model, L: Layout, i: number): string {
  const W = L.weights + i * DIMENSION_COUNT;
  const lines = ['let u = 0, norm = 0, w = 0;'];
  for (let d = 0; d < DIMENSION_COUNT; d++) {
    lines.push(`w = x[${W + d}]; if (w !== 0) { let md; ${metricCode(m, L, d, i, 'md')} u += w * md; norm += w < 0 ? -w : w; }`);
  }
  lines.push('return norm === 0 ? 0 : u / norm;');
  return lines.join('\n');
}

export function compileReaders(m: Model, L: Layout): Readers {
  const sources: string[] = [];
  for (let i = 0; i < L.n; i++) {
    for (let d = 0; d < DIMENSION_COUNT; d++) sources.push(`(function (x) { let md; ${metricCode(m, L, d, i, 'md')} return md; })`);
  }
  for (let i = 0; i < L.n; i++) sources.push(`(function (x) {\n${utilityCode(m, L, i)}\n})`);
  // As codegen.ts: the source holds only literals and cell indices.
  const all = new Function(`'use strict'; return [\n${sources.join(',\n')}\n];`)() as CellReader[];
  return { metric: all.slice(0, L.n * DIMENSION_COUNT), utility: all.slice(L.n * DIMENSION_COUNT) };
}
