import { logitInto, logitPairInto, pickIndex } from '../choice.js';
import { CodeArith } from '../code-arith.js';
import { ratifiesFormula } from '../deal.js';
import { ALL_DIMENSIONS } from '../dependencies.js';
import { clamp01, METRIC_FORMULAS } from '../metrics.js';
import { DIMENSION_COUNT, type Model } from '../model.js';
import { type OptionTables, optionTables } from '../tables.js';
import { gainFormula, utilityFormula } from '../utility.js';
import { cellReads } from './cell-reads.js';
import { type ChooserForm, chooserCode, conditionsCode, type MoveChooser } from './chooser-code.js';
import { type Bindings, type Consts, compileWith } from './consts.js';
import { ASSURED, HELD, HELD_CONTESTED, type Layout, TRANSFERRED } from './layout.js';
import { type CellSource, metricCode } from './metric-code.js';
import { ADD_WEIGHT, cellOpsCode, type Deal, type Op, opCells } from './program.js';

/**
 * The kernel's what-ifs compiled to straight-line JavaScript for one model: for every move and
 * every deal, and every actor whose utility it can change, one function that applies the option
 * to locals holding the cells it changes (never to the cells themselves) and weighs it exactly as
 * Evaluator does (evaluator.ts: the masked utility change, and deal.ts's ratification). No loops,
 * no lookups by name: cell indices are literals, and the model's numbers are read from K (consts.ts), so
 * the source, compiled once, serves every model of the same structure. Each actor's move choice is compiled with
 * them (chooser-code.ts). What the functions compute is held bit for bit to the reference by tests.
 */

/**
 * ΔU of an option for one actor; it never writes the cells. `now` holds the metrics of now,
 * now[i × DIMENSION_COUNT + d], current where at[…] === version:
 * the function computes the stale ones it needs.
 */
export type MoveGain = (x: Float64Array, now: Float64Array, at: Int32Array, version: number) => number;
/** ΔU of a deal for one actor, with res[0] set to 1 if the actor could ratify it, else 0. */
export type DealWeigh = (x: Float64Array, now: Float64Array, at: Int32Array, version: number, res: Float64Array) => number;

export interface WhatIfs {
  /** [o × actors + i], null where the deal neither changes i's utility nor needs i's ratification. */
  readonly deals: readonly (DealWeigh | null)[];
  /** [i]: actor i's whole move choice (chooser-code.ts), calling the move what-ifs (MoveGain) directly. */
  readonly choosers: readonly MoveChooser[];
}

/**
 * An option never writes the cells: each cell it changes gets a local (`let c19 = x[19];`), the
 * option is applied to the locals, and the metrics after it read the locals (`after`) where the
 * cells before it read x. The same operations on the same doubles as writing and restoring.
 */
function localsFor(cells: readonly number[]): { declare: string; after: CellSource } {
  const written = new Set(cells);
  return {
    declare: cells.map((c) => `let c${c} = x[${c}];`).join('\n'),
    after: (c) => (written.has(c) ? `c${c}` : `x[${c}]`),
  };
}

/** Statements that make now[i, d] current for each dimension d in `mask`, computing the stale ones from the cells. */
function primeCode(K: Consts, m: Model, L: Layout, i: number, mask: number): string {
  const lines: string[] = [];
  for (let d = 0; d < DIMENSION_COUNT; d++) {
    if (!(mask & (1 << d))) continue;
    const k = i * DIMENSION_COUNT + d;
    lines.push(`if (at[${k}] !== version) { let md; ${metricCode(K, m, L, d, i, 'md')} now[${k}] = md; at[${k}] = version; }`);
  }
  return lines.join('\n');
}

/**
 * Statements leaving ΔU_i in `g` with the option applied (its cells read through `at`), from
 * utility.ts's formulas; `before` runs first and makes the metrics of now current.
 */
function gainCode(K: Consts, m: Model, L: Layout, i: number, mask: number, at: CellSource): { before: string; after: string } {
  const N = i * DIMENSION_COUNT;
  const now = (d: number): string => `now[${N + d}]`;
  const A = new CodeArith(K, cellReads(L, at), 'ga');
  const metric = (d: number): string => METRIC_FORMULAS[d]!(A, m, i);
  if (mask === ALL_DIMENSIONS) {
    // Weights change: whole utilities, now (from the metrics of now) and after.
    const B = new CodeArith(K, cellReads(L), 'gb');
    const uNow = utilityFormula(B, i, now);
    const uAfter = utilityFormula(A, i, metric);
    return { before: `${primeCode(K, m, L, i, mask)}\n${B.assign('const uNow', uNow)}`, after: A.assign('g', `${uAfter} - uNow`) };
  }
  const g = gainFormula(A, i, mask, metric, now);
  return { before: primeCode(K, m, L, i, mask), after: A.assign('g', g) };
}

/** deal.ts's applyDeal on the locals (`at`), as straight-line code. */
function dealCode(K: Consts, m: Model, L: Layout, d: Deal, at: CellSource): string {
  const lines = d.statuses.map(([k, code]) => `${at(L.territories + k)} = ${code};`);
  lines.push(cellOpsCode(K, d.ops, at));
  const T = m.territories.length;
  if (d.assured) {
    for (let k = 0; k < T; k++) lines.push(`if (${at(L.territories + k)} === ${TRANSFERRED}) ${at(L.territories + k)} = ${ASSURED};`);
  }
  if (d.signed) {
    lines.push(`${at(L.treaty)} = 1;`);
    for (let k = 0; k < T; k++) {
      if (!d.talksOn[k]) lines.push(`if (${at(L.territories + k)} === ${HELD_CONTESTED}) ${at(L.territories + k)} = ${HELD};`);
    }
  }
  return lines.join('\n');
}

/** deal.ts's ratification formula for actor i, the statuses before read from x and after through `at`, into res[0]. */
function ratifyCode(K: Consts, m: Model, L: Layout, i: number, at: CellSource): string {
  return `res[0] = ${ratifiesFormula(new CodeArith(K, cellReads(L), 'r'), new CodeArith(K, cellReads(L, at), 'ra'), m, i)};`;
}

/** An expression for U_i(after mv) − U_i(now) by the what-if `name`: 0 where i weighs none of what mv changes (Evaluator.relevant, KernelEvaluator.weighs). */
function gainExpr(L: Layout, tables: OptionTables, name: string | null, mv: number, i: number): string {
  if (name === null) return '0';
  const call = `${name}(x, now, at, version)`;
  const mask = tables.masks.moves[mv * L.n + i]!;
  if (mask === ALL_DIMENSIONS) return call;
  const W = L.weights + i * DIMENSION_COUNT;
  const weighed: string[] = [];
  for (let d = 0; d < DIMENSION_COUNT; d++) if (mask & (1 << d)) weighed.push(`x[${W + d}] !== 0`);
  return `(${weighed.join(' || ')} ? ${call} : 0)`;
}

export function compileWhatIfs(B: Bindings, L: Layout, moveOps: readonly (readonly Op[])[], deals: readonly Deal[]): WhatIfs {
  const m = B.m;
  const n = L.n;
  const tables = optionTables(m);
  const { masks } = tables;
  const K = B.consts();
  const sources: string[] = [];
  const fn = (params: string, body: string): number => {
    sources.push(`const f${sources.length} = function (${params}) {\n${body}\n};`);
    return sources.length - 1;
  };
  const moveIds = m.moves.flatMap((_, mv) =>
    m.actors.map((_, i) => {
      const mask = masks.moves[mv * n + i]!;
      if (mask === 0) return -1;
      const ops = moveOps[mv]!.filter((o) => o.op <= ADD_WEIGHT);
      const local = localsFor(opCells(ops));
      const gain = gainCode(K, m, L, i, mask, local.after);
      return fn(
        'x, now, at, version',
        ['let t = 0, w = 0, g = 0;', gain.before, local.declare, cellOpsCode(K, ops, local.after), gain.after, 'return g;'].join('\n'),
      );
    }),
  );
  const dealIds = deals.flatMap((d, o) =>
    m.actors.map((a, i) => {
      const mask = masks.offers[o * n + i]!;
      if (mask === 0 && !a.ratifies) return -1;
      const local = localsFor(d.cells);
      const gain = mask === 0 ? { before: '', after: '' } : gainCode(K, m, L, i, mask, local.after);
      const ratify = a.ratifies ? ratifyCode(K, m, L, i, local.after) : 'res[0] = 1;';
      return fn(
        'x, now, at, version, res',
        ['let t = 0, w = 0, g = 0;', gain.before, local.declare, dealCode(K, m, L, d, local.after), gain.after, ratify, 'return g;'].join(
          '\n',
        ),
      );
    }),
  );
  const gainName = (mv: number, i: number): string | null => (moveIds[mv * n + i]! < 0 ? null : `f${moveIds[mv * n + i]}`);
  const reads = cellReads(L);
  // The kernel's form of the chooser: the cells, its what-ifs called by name, the modifiers summed in P.
  const chooser: ChooserForm = {
    K,
    m,
    tables,
    params: 'x, now, at, version, talks, treaty, t, P, u, s, induce',
    legal: (mv) =>
      conditionsCode(K, reads, { talks: 'talks', treaty: 'treaty', t: 't' }, m.moves[mv]!.when, (k) => (m) => m.moves[mv]!.when[k]!),
    gain: (mv, j) => gainExpr(L, tables, gainName(mv, j), mv, j),
    pressure: (mv, j) => `P[${mv * n + j}]`,
    explain: false,
  };
  const choosers = m.actors.map((_, i) => chooserCode(chooser, i));
  // One compilation for the model, so the choosers' calls go to known functions (which V8 can
  // inline); one per structure, since the numbers are read from K. The logit and the pick are choice.ts's own.
  const body = `'use strict';\n${sources.join('\n')}\nreturn [[${sources.map((_, k) => `f${k}`).join(', ')}], [\n${choosers.join(',\n')}\n]];`;
  const [all, compiled] = compileWith<[((...args: never[]) => number)[], MoveChooser[]]>(
    K,
    ['logitInto', 'logitPairInto', 'pickIndex', 'clamp01'],
    body,
    [logitInto, logitPairInto, pickIndex, clamp01],
  );
  const pickFn = <F>(id: number): F | null => (id < 0 ? null : (all[id] as unknown as F));
  return {
    deals: dealIds.map((id) => pickFn<DealWeigh>(id)),
    choosers: compiled,
  };
}
