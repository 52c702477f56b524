import { CodeArith } from '../code-arith.js';
import { clamp01, METRIC_FORMULAS } from '../metrics.js';
import type { Model } from '../model.js';
import { utilityFormula } from '../utility.js';
import { cellReads } from './cell-reads.js';
import { type Consts, compileWith } from './consts.js';
import type { Layout } from './layout.js';
import { metricCode } from './metric-code.js';

/**
 * What a batch reads off the world every quarter and at the end of every run, compiled for one
 * model: metrics of actors (metrics.ts's METRICS), utilities (utility.ts) and cells, as
 * straight-line code over the cells with the same terms in the same order, so they give the
 * reference values bit for bit (tests/kernel.test.ts). Reading the live WorldView instead builds
 * territory statuses and walks the model's lists on every call.
 */

/** One number a sampler reads: a cell, metric d of an actor (or 1 minus it), or an actor's utility. */
export type Sample =
  | { readonly cell: number }
  | { readonly metric: number; readonly actor: number; readonly complement?: boolean }
  | { readonly utility: number };

/**
 * One number of the world a batch follows, named in the model's terms (no cell indices): a trust
 * between two actors, an actor's militarisation, joint activity, an actor's metric d (or 1 minus
 * it), or an actor's utility. What the kernel's public readers take.
 */
export type Measure =
  | { readonly trust: readonly [number, number] }
  | { readonly militarisation: number }
  | { readonly joint: true }
  | { readonly metric: number; readonly actor: number; readonly complement?: boolean }
  | { readonly utility: number };

/** Reads the measures it was made for off the kernel's current world into `out`, in their order. */
export type Reader = (out: Float64Array) => void;

/** Where a measure lives in the layout: a cell, or what a sampler computes from the cells. */
export function sampleOf(m: Model, L: Layout, x: Measure): Sample {
  if ('trust' in x) return { cell: L.trust + x.trust[0] * m.actors.length + x.trust[1] };
  if ('militarisation' in x) return { cell: L.militarisation + x.militarisation };
  if ('joint' in x) return { cell: L.joint };
  return x;
}

/** Reads several numbers off the cells into `out`, in the order they were asked for. */
export type Sampler = (x: Float64Array, out: Float64Array) => void;

/** utility.ts's formula for actor i, leaving it in `out`. */
function utilityCode(K: Consts, m: Model, L: Layout, i: number, out: string): string {
  const A = new CodeArith(K, cellReads(L), `${out}_`);
  return A.assign(
    out,
    utilityFormula(A, i, (d) => METRIC_FORMULAS[d]!(A, m, i)),
  );
}

/** Statements that leave sample s in the variable `out` (declared by the caller). */
function sampleCode(K: Consts, m: Model, L: Layout, s: Sample, out: string): string {
  if ('cell' in s) return `${out} = x[${s.cell}];`;
  if ('utility' in s) return utilityCode(K, m, L, s.utility, out);
  const code = metricCode(K, m, L, s.metric, s.actor, out);
  return s.complement ? `${code}\n${out} = 1 - ${out};` : code;
}

/**
 * One straight-line function reading all of `samples` (what a batch records every quarter): one
 * call instead of one per number, each of which was a call through a list of different closures.
 */
export function compileSampler(K: Consts, m: Model, L: Layout, samples: readonly Sample[]): Sampler {
  const body = samples.map((s, k) => `{ let v; ${sampleCode(K, m, L, s, 'v')} out[${k}] = v; }`).join('\n');
  return compileWith<Sampler>(K, ['clamp01'], `'use strict'; return function (x, out) {\n${body}\n};`, [clamp01]);
}
