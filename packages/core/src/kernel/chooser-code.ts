import { ALL_DIMENSIONS } from '../dependencies.js';
import { DIMENSION_COUNT, type Model } from '../model.js';
import type { OptionTables } from '../tables.js';
import type { Consts, Recipe } from './consts.js';
import type { Layout } from './layout.js';
import { type Test, testCode } from './program.js';

/**
 * policy.ts's chooseMove for one actor as one straight-line JavaScript function (compiled with the
 * what-ifs, codegen.ts): legality, each legal move's direct value (gain − cost − pressure), the
 * one-step lookahead, the logit and the pick, with no lookups by name and no option records. The
 * same terms in the same order as policy.ts, so the same doubles: tests/kernel.test.ts compares
 * every probability with toBe.
 *
 * Its parameters: the cells and the metrics of now (as a what-if's), the clock and flags the
 * conditions read, P (the modifiers summed: [mv × actors + i]), the draw u, scratch arrays, and
 * `induce(i, target, amount)`, the inducement lookahead, which weighs deals and stays in the
 * evaluator. It returns the chosen move's index, or −1 for holding still.
 */
export type MoveChooser = (
  x: Float64Array,
  now: Float64Array,
  at: Int32Array,
  version: number,
  talks: boolean,
  treaty: boolean,
  t: number,
  P: Float64Array,
  u: number,
  s: ChooserScratch,
  induce: (i: number, target: number, amount: number) => number,
) => number;

/** The chooser's scratch arrays; `probs` holds the probabilities of the last choice (hold still first). */
export interface ChooserScratch {
  readonly vals: Float64Array;
  readonly probs: Float64Array;
  readonly ids: Int32Array;
  readonly b0: Float64Array;
  readonly q0: Float64Array;
  readonly q1: Float64Array;
}

export interface ChooserInputs {
  /** The numbers the generated code reads (consts.ts). */
  readonly K: Consts;
  readonly m: Model;
  readonly L: Layout;
  readonly tables: OptionTables;
  readonly moveTests: readonly (readonly Test[])[];
  /** The name of the what-if of move mv for actor i in the generated module, or null when it has none. */
  readonly gainName: (mv: number, i: number) => string | null;
}

/** An expression for U_i(after mv) − U_i(now): 0 where i weighs none of what mv changes (Evaluator.relevant, KernelEvaluator.weighs). */
function gainExpr(c: ChooserInputs, mv: number, i: number): string {
  const name = c.gainName(mv, i);
  if (name === null) return '0';
  const call = `${name}(x, now, at, version)`;
  const mask = c.tables.masks.moves[mv * c.L.n + i]!;
  if (mask === ALL_DIMENSIONS) return call;
  const W = c.L.weights + i * DIMENSION_COUNT;
  const weighed: string[] = [];
  for (let d = 0; d < DIMENSION_COUNT; d++) if (mask & (1 << d)) weighed.push(`x[${W + d}] !== 0`);
  return `(${weighed.join(' || ')} ? ${call} : 0)`;
}

const legalExpr = (c: ChooserInputs, mv: number): string => {
  const tests = c.moveTests[mv]!;
  return tests.length === 0 ? 'true' : tests.map((t) => testCode(c.K, t)).join(' && ');
};

/** KernelEvaluator.directValue of move mv to its owner j. */
const directExpr = (c: ChooserInputs, mv: number, j: number): string =>
  `${gainExpr(c, mv, j)} - ${c.K.ref((m) => m.moves[mv]!.cost)} - P[${mv * c.L.n + j}]`;

/** Statements adding the pressure lookahead of policy.ts's strategicValue to `sv`: actor i's pressure on target j's move `pressed`. */
function pressureCode(c: ChooserInputs, i: number, j: number, pressed: number, amount: Recipe): string {
  const moves = c.tables.movesByActor[j]!;
  const kp = moves.indexOf(pressed);
  // Nothing to weigh unless the pressed move is one of j's legal moves (policy.ts: `if (at < 0) continue`).
  if (kp < 0) return '';
  const tau = c.K.ref((m) => m.actors[j]!.temperature);
  const lines = ['{', ...moves.map((mv, k) => `const l${k} = ${legalExpr(c, mv)};`), `if (l${kp}) {`];
  lines.push('let cnt = 0, pos = 0;', 's.b0[0] = 0;');
  moves.forEach((mv, k) => {
    lines.push(`if (l${k}) { s.b0[cnt + 1] = ${directExpr(c, mv, j)};${k === kp ? ' pos = cnt;' : ''} cnt++; }`);
  });
  // j's choice without the pressure (q0) and with it (q1): the pressed move dearer by `amount`.
  lines.push(`logitPairInto(s.b0, cnt + 1, ${tau}, pos + 1, ${c.K.ref(amount)}, s.q0, s.q1);`, 'let q = 1;');
  moves.forEach((mv, k) => {
    lines.push(`if (l${k}) { sv += (s.q1[q] - s.q0[q]) * ${gainExpr(c, mv, i)}; q++; }`);
  });
  lines.push('}', '}');
  return lines.join('\n');
}

/** The source of actor i's chooser (a function expression). */
export function chooserCode(c: ChooserInputs, i: number): string {
  const { m } = c;
  const lines = ['let n = 1, d = 0, sv = 0;', 's.vals[0] = 0;'];
  for (const mv of c.tables.movesByActor[i]!) {
    const body = [`d = ${directExpr(c, mv, i)};`, 'sv = 0;'];
    // policy.ts's strategicValue: only effects on another actor's options look ahead.
    m.moves[mv]!.effects.forEach((e, k) => {
      const amount: Recipe = (m) => (m.moves[mv]!.effects[k] as { readonly amount: number }).amount;
      if (e.op === 'moveCost' && e.actor !== i) body.push(pressureCode(c, i, e.actor, e.move, amount));
      else if (e.op === 'dealCost' && e.actor !== i) body.push(`sv += induce(${i}, ${e.actor}, ${c.K.ref(amount)});`);
    });
    body.push(`s.vals[n] = d + sv; s.ids[n] = ${mv}; n++;`);
    lines.push(`if (${legalExpr(c, mv)}) {`, ...body, '}');
  }
  // Holding still is then the only option: logit and pick would give it probability 1.
  lines.push('if (n === 1) { s.probs[0] = 1; return -1; }');
  lines.push(`logitInto(s.vals, n, ${c.K.ref((m) => m.actors[i]!.temperature)}, s.probs);`);
  lines.push('const k = pickIndex(s.probs, n, u);', 'return k === 0 ? -1 : s.ids[k];');
  return `(function (x, now, at, version, talks, treaty, t, P, u, s, induce) {\n${lines.join('\n')}\n})`;
}
