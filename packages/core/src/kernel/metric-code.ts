import { CodeArith } from '../code-arith.js';
import { METRIC_FORMULAS } from '../metrics.js';
import { DIMENSION_COUNT, type Model } from '../model.js';
import { cellReads } from './cell-reads.js';
import type { Consts } from './consts.js';
import type { Layout } from './layout.js';

/**
 * metrics.ts's metrics as JavaScript source for one model and one actor, over the kernel's cells
 * `x`: the same terms in the same order with the same operations, with everything that does not
 * depend on the state written in: which cells as indices, the numbers (areas, masses) as slots of
 * K (consts.ts). The code
 * the kernel compiles from it (codegen.ts) gives values bit-identical to the reference metrics.
 * Only numbers and cell indices are ever written into the source, never a name from a scenario.
 */

/** How generated code reads cell c: `x[c]`, or a local that holds the cell's value after an option (codegen.ts). */
export type CellSource = (c: number) => string;
const fromCells: CellSource = (c) => `x[${c}]`;

/** A statement that leaves metric d of actor i (metrics.ts's formula) in the variable `out` (declared by the caller), reading cells through `cell`. */
export function metricCode(K: Consts, m: Model, L: Layout, d: number, i: number, out: string, cell: CellSource = fromCells): string {
  const formula = METRIC_FORMULAS[d];
  if (formula === undefined) throw new Error(`metricCode: no dimension ${d} (there are ${DIMENSION_COUNT})`);
  return `${out} = ${formula(new CodeArith(K, cellReads(L, cell)), m, i)};`;
}
