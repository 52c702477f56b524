import type { ReadsCode } from '../code-arith.js';
import type { Condition, Model } from '../model.js';
import type { OptionTables } from '../tables.js';
import type { Consts, Recipe } from './consts.js';

/**
 * An actor's move choice as one straight-line JavaScript function: legality, each legal move's
 * direct value (gain − cost − pressure), the one-step lookahead, the logit and the pick, with no
 * lookups by name and no option records. Written once (chooserCode) for two forms: the kernel's,
 * compiled with its what-ifs (codegen.ts), and the readable runs' (world-formulas.ts), whose
 * options policy.ts's moveOptions reports; tests/kernel.test.ts compares
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
  /** Kept by an explaining form only: each option's direct and strategic value, and how many options there were. */
  readonly dv: Float64Array;
  readonly sv: Float64Array;
  readonly count: Int32Array;
}

/** Scratch arrays for choices among up to `width` options. */
export function chooserScratch(width: number): ChooserScratch {
  const f = () => new Float64Array(width);
  return { vals: f(), probs: f(), ids: new Int32Array(width), b0: f(), q0: f(), q1: f(), dv: f(), sv: f(), count: new Int32Array(1) };
}

/**
 * How one form of the chooser reads what it weighs. The chooser is written once (chooserCode);
 * the kernel's form reads cells and calls its what-ifs (codegen.ts), the readable form reads a
 * WorldView and asks the Evaluator (world-formulas.ts), and keeps each option's direct and
 * strategic value for explanations.
 */
export interface ChooserForm {
  /** The numbers the generated code reads (consts.ts). */
  readonly K: Consts;
  readonly m: Model;
  readonly tables: OptionTables;
  /** The generated function's parameters: they must include `u` (the draw), `s` (the scratch) and `induce`. */
  readonly params: string;
  /** An expression: whether move mv is legal now. */
  legal(mv: number): string;
  /** An expression: U_j(after mv) − U_j(now). */
  gain(mv: number, j: number): string;
  /** An expression: the pressure on j's move mv now (the moveCost modifiers summed). */
  pressure(mv: number, j: number): string;
  /** Keep each option's direct and strategic value (s.dv, s.sv) and the number of options (s.count[0]). */
  readonly explain: boolean;
}

/** policy.ts's direct value of move mv to its owner j: gain − fixed cost − pressure against it. */
const directExpr = (c: ChooserForm, mv: number, j: number): string =>
  `${c.gain(mv, j)} - ${c.K.ref((m) => m.moves[mv]!.cost)} - ${c.pressure(mv, j)}`;

/**
 * Statements adding the pressure lookahead to `sv`: actor i's pressure on target j's move
 * `pressed` changes j's choice (its logit without and with the pressed move dearer by `amount`),
 * and each of j's moves is worth its gain to i: Σ_k (P₁(k) − P₀(k)) · ΔU_i(k). Nothing to weigh
 * unless the pressed move is one of j's legal moves.
 */
function pressureCode(c: ChooserForm, i: number, j: number, pressed: number, amount: Recipe): string {
  const moves = c.tables.movesByActor[j]!;
  const kp = moves.indexOf(pressed);
  if (kp < 0) return '';
  const tau = c.K.ref((m) => m.actors[j]!.moveTemperature);
  const lines = ['{', ...moves.map((mv, k) => `const l${k} = ${c.legal(mv)};`), `if (l${kp}) {`];
  lines.push('let cnt = 0, pos = 0;', 's.b0[0] = 0;');
  moves.forEach((mv, k) => {
    lines.push(`if (l${k}) { s.b0[cnt + 1] = ${directExpr(c, mv, j)};${k === kp ? ' pos = cnt;' : ''} cnt++; }`);
  });
  lines.push(`logitPairInto(s.b0, cnt + 1, ${tau}, pos + 1, ${c.K.ref(amount)}, s.q0, s.q1);`, 'let q = 1;');
  moves.forEach((mv, k) => {
    lines.push(`if (l${k}) { sv += (s.q1[q] - s.q0[q]) * ${c.gain(mv, i)}; q++; }`);
  });
  lines.push('}', '}');
  return lines.join('\n');
}

/**
 * Actor i's move choice, written once: its legal moves and holding still (value 0), each move's
 * value = direct value + strategic value (the pressure lookahead above, and the inducement
 * lookahead, policy.ts's inducementValue, through `induce`), the logit with i's move temperature, and
 * the pick with draw u. The source of a function expression returning the chosen move's index, or
 * −1 for holding still; s.probs holds the probabilities, s.ids the moves (hold still first).
 */
export function chooserCode(c: ChooserForm, i: number): string {
  const { m } = c;
  const keep = (what: string): string => (c.explain ? what : '');
  const lines = ['let n = 1, d = 0, sv = 0;', 's.vals[0] = 0;', keep('s.dv[0] = 0; s.sv[0] = 0;')];
  for (const mv of c.tables.movesByActor[i]!) {
    const body = [`d = ${directExpr(c, mv, i)};`, 'sv = 0;'];
    // Only effects on another actor's options look ahead.
    m.moves[mv]!.effects.forEach((e, k) => {
      const amount: Recipe = (m) => (m.moves[mv]!.effects[k] as { readonly amount: number }).amount;
      if (e.op === 'moveCost' && e.actor !== i) body.push(pressureCode(c, i, e.actor, e.move, amount));
      else if (e.op === 'dealCost' && e.actor !== i) body.push(`sv += induce(${i}, ${e.actor}, ${c.K.ref(amount)});`);
    });
    body.push(`s.vals[n] = d + sv; s.ids[n] = ${mv};${keep(' s.dv[n] = d; s.sv[n] = sv;')} n++;`);
    lines.push(`if (${c.legal(mv)}) {`, ...body, '}');
  }
  lines.push(keep('s.count[0] = n;'));
  // Holding still is then the only option: logit and pick would give it probability 1.
  lines.push('if (n === 1) { s.probs[0] = 1; return -1; }');
  lines.push(`logitInto(s.vals, n, ${c.K.ref((m) => m.actors[i]!.moveTemperature)}, s.probs);`);
  lines.push('const k = pickIndex(s.probs, n, u);', 'return k === 0 ? -1 : s.ids[k];');
  return `(function (${c.params}) {\n${lines.filter((l) => l !== '').join('\n')}\n})`;
}

type Flags = { readonly talks: string; readonly treaty: string; readonly t: string };

/** One condition as a JavaScript expression; its threshold read from K by `value`. */
function conditionCode(c: Condition, reads: ReadsCode, flags: Flags, value: () => string, quarter: () => string): string {
  switch (c.v) {
    case 'talks':
      return c.active ? flags.talks : `!${flags.talks}`;
    case 'treaty':
      return c.signed ? flags.treaty : `!${flags.treaty}`;
    case 'after':
      return `${flags.t} >= ${quarter()}`;
    case 'sanctions':
      return `${reads.sanctions(c.imposer, c.target)} ${c.op} ${value()}`;
    case 'trust':
      return `${reads.trust(c.a, c.b)} ${c.op} ${value()}`;
    case 'militarisation':
      return `${reads.militarisation(c.actor)} ${c.op} ${value()}`;
    case 'room':
      return `${reads.room(c.actor)} ${c.op} ${value()}`;
    case 'jointActivity':
      return `${reads.joint()} ${c.op} ${value()}`;
    case 'cohesion':
      return `${reads.cohesion(c.alliance)} ${c.op} ${value()}`;
  }
}

/** A move's conditions as one JavaScript expression (true when there are none): the world read through `reads`, the flags and the clock named by `flags`. */
export function conditionsCode(
  K: Consts,
  reads: ReadsCode,
  flags: Flags,
  conditions: readonly Condition[],
  at: (k: number) => (m: Model) => Condition,
): string {
  if (conditions.length === 0) return 'true';
  return conditions
    .map((c, k) =>
      conditionCode(
        c,
        reads,
        flags,
        () => K.ref((m) => (at(k)(m) as { readonly value: number }).value),
        () => K.ref((m) => (at(k)(m) as { readonly quarter: number }).quarter),
      ),
    )
    .join(' && ');
}
