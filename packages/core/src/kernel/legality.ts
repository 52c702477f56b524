import { lit } from './metric-code.js';
import { AFTER, CELL, IS_TALKS, IS_TREATY, type Test } from './program.js';

/**
 * Actor i's legal moves (policy.ts's legalMoves: each of its moves whose conditions all hold, in
 * model order) written into `out`; returns how many. Compiled per actor: each condition is one
 * comparison with literals, instead of a loop over condition records.
 */
export type Legality = (x: Float64Array, talks: boolean, treaty: boolean, t: number, out: Int32Array) => number;

const CMP_SOURCE = ['<', '<=', '>', '>='] as const;

/** A condition (program.ts's Test, as allPass reads it) as a JavaScript expression over x, talks, treaty and t. */
export function testCode(c: Test): string {
  if (c.kind === CELL) return `x[${c.cell}] ${CMP_SOURCE[c.cmp]} ${lit(c.value)}`;
  if (c.kind === IS_TALKS) return c.value === 1 ? 'talks' : '!talks';
  if (c.kind === IS_TREATY) return c.value === 1 ? 'treaty' : '!treaty';
  if (c.kind === AFTER) return `t >= ${lit(c.value)}`;
  throw new Error(`compileLegality: no test kind ${c.kind}`);
}

export function compileLegality(movesByActor: readonly (readonly number[])[], moveTests: readonly (readonly Test[])[]): Legality[] {
  const sources = movesByActor.map((moves) => {
    const lines = moves.map((mv) => {
      const tests = moveTests[mv]!;
      const store = `out[n++] = ${mv};`;
      return tests.length === 0 ? store : `if (${tests.map(testCode).join(' && ')}) ${store}`;
    });
    return `(function (x, talks, treaty, t, out) {\nlet n = 0;\n${lines.join('\n')}\nreturn n;\n})`;
  });
  return new Function(`'use strict'; return [\n${sources.join(',\n')}\n];`)() as Legality[];
}
