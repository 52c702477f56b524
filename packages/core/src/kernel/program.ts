import { termEffects } from '../deal.js';
import { effectDuration, effectValue, effectWrite } from '../effects.js';
import { clamp01 } from '../metrics.js';
import type { Cmp, Condition, Effect, Model } from '../model.js';
import { type Bindings, type Consts, compileWith, type Recipe } from './consts.js';
import { ASSURED, HELD, HELD_CONTESTED, JOINT, type Layout, TRANSFERRED } from './layout.js';
import type { CellSource } from './metric-code.js';
import type { KernelWorld } from './world.js';

/**
 * A model's effects, conditions and deals compiled to one record shape each over the kernel's
 * cells, so the loops that apply and test them a million times see one kind of object. Each
 * record does what effects.ts, conditions.ts and deal.ts do, in the same arithmetic.
 */

/** x[c1] = clamp01(x[c1] + value). */
export const ADD = 0;
/** v = clamp01(x[c1] + value); x[c1] = x[c2] = v (a symmetric pair). */
export const ADD_PAIR = 1;
/** x[c1] = clamp11(x[c1] + value) (a weight). */
export const ADD_WEIGHT = 2;
/** Talks on (value 1) or off (0). */
export const TALKS = 3;
/** Pressure: a moveCost modifier on actor's move for `duration` quarters. */
export const MOVE_COST = 4;
/** Inducement: a dealCost modifier on actor. */
export const DEAL_COST = 5;

export interface Op {
  readonly op: number;
  readonly c1: number;
  readonly c2: number;
  /** Its number and duration in the model the kernel is bound to, and their recipes (consts.ts). */
  value: number;
  duration: number;
  readonly valueOf: Recipe;
  readonly durationOf: Recipe;
  readonly actor: number;
  readonly move: number;
}

/** The effect `at` finds in a model, compiled over the cells, and bound with the kernel (B) to each model it runs. */
export function compileEffect(B: Bindings, L: Layout, at: (m: Model) => Effect): Op {
  const e = at(B.m);
  const parts = opParts(L, B.m, e);
  const o: Op = {
    op: parts[0],
    c1: parts[1],
    c2: parts[2],
    value: effectValue(e),
    duration: effectDuration(e),
    valueOf: (m) => effectValue(at(m)),
    durationOf: (m) => effectDuration(at(m)),
    actor: parts[3],
    move: parts[4],
  };
  B.on((m) => {
    o.value = o.valueOf(m);
    o.duration = o.durationOf(m);
  });
  return o;
}

/** An effect's op code, cells, actor and move: where effects.ts's effectWrite says it writes, in the layout. */
function opParts(L: Layout, m: Model, e: Effect): readonly [number, number, number, number, number] {
  const w = effectWrite(m, e);
  switch (w.kind) {
    case 'add':
      return [ADD, L[w.field] + w.at, -1, -1, -1];
    case 'addJoint':
      return [ADD, L.joint, -1, -1, -1];
    case 'addPair':
      return [ADD_PAIR, L[w.field] + w.at, L[w.field] + w.mirror, -1, -1];
    case 'addWeight':
      return [ADD_WEIGHT, L.weights + w.at, -1, -1, -1];
    case 'talks':
      return [TALKS, -1, -1, -1, -1];
    case 'moveCost':
      return [MOVE_COST, -1, -1, w.actor, w.move];
    case 'dealCost':
      return [DEAL_COST, -1, -1, w.actor, -1];
  }
}

/** Apply one op to the cells only (what a metric can see): talks and modifiers are left alone. */
export function applyToCells(x: Float64Array, o: Op): void {
  switch (o.op) {
    case ADD:
      x[o.c1] = clamp01(x[o.c1]! + o.value);
      return;
    case ADD_PAIR: {
      const v = clamp01(x[o.c1]! + o.value);
      x[o.c1] = v;
      x[o.c2] = v;
      return;
    }
    case ADD_WEIGHT: {
      const v = x[o.c1]! + o.value;
      x[o.c1] = v < -1 ? -1 : v > 1 ? 1 : v;
      return;
    }
  }
}

/** The cells ops write, each once, in the order they first write them. */
export function opCells(ops: readonly Op[]): number[] {
  const cells = new Set<number>();
  for (const o of ops) {
    if (o.op > ADD_WEIGHT) continue;
    cells.add(o.c1);
    if (o.op === ADD_PAIR) cells.add(o.c2);
  }
  return [...cells];
}

/** Statements doing applyToCells of each op, in order, on the cells as `at` names them (uses a local `t`). */
export function cellOpsCode(K: Consts, ops: readonly Op[], at: CellSource): string {
  return ops
    .map((o) => {
      const v = `${at(o.c1)} + ${K.ref(o.valueOf)}`;
      if (o.op === ADD) return `t = ${v}; ${at(o.c1)} = t < 0 ? 0 : t > 1 ? 1 : t;`;
      if (o.op === ADD_PAIR) return `t = ${v}; t = t < 0 ? 0 : t > 1 ? 1 : t; ${at(o.c1)} = t; ${at(o.c2)} = t;`;
      if (o.op === ADD_WEIGHT) return `t = ${v}; ${at(o.c1)} = t < -1 ? -1 : t > 1 ? 1 : t;`;
      return '';
    })
    .join('\n');
}

/** Applies one list of ops to the run state: cells, talks and modifiers (effects.ts's applyEffects). */
export type ApplyOps = (w: KernelWorld) => void;

/**
 * An ApplyOps for each list, as straight-line functions compiled together: applyToCells for the
 * cells (the same operations in the same order on the same doubles, with cells written in as
 * indices and values read from K), talks switched, and modifiers added as effects.ts adds them.
 */
export function compileOpLists(B: Bindings, lists: readonly (readonly Op[])[]): ApplyOps[] {
  const K = B.consts();
  const fns = lists.map((ops) => {
    const lines = ['const x = w.x;', 'let t = 0;'];
    for (const o of ops) {
      if (o.op <= ADD_WEIGHT) lines.push(cellOpsCode(K, [o], (c) => `x[${c}]`));
      else if (o.op === TALKS) lines.push(`w.talks = ${o.value === 1};`);
      else {
        const kind = o.op === MOVE_COST ? 0 : 1;
        lines.push(
          `w.modifiers.push({ kind: ${kind}, actor: ${o.actor}, move: ${o.move}, amount: ${K.ref(o.valueOf)}, until: w.t + ${K.ref(o.durationOf)} });`,
          'w.modsVersion++;',
        );
      }
    }
    return `(function (w) {\n${lines.join('\n')}\n})`;
  });
  return compileWith<ApplyOps[]>(K, [], `'use strict'; return [\n${fns.join(',\n')}\n];`);
}

// Conditions.
const CELL = 0;
const IS_TALKS = 1;
const IS_TREATY = 2;
const AFTER = 3;
const CMP: Record<Cmp, number> = { '<': 0, '<=': 1, '>': 2, '>=': 3 };

export interface Test {
  readonly kind: number;
  readonly cell: number;
  readonly cmp: number;
  /** Its threshold in the model the kernel is bound to, and its recipe. */
  value: number;
  readonly valueOf: Recipe;
}

/** A condition's number: its threshold (a quarter for `after`, 1 or 0 for the flags). */
function conditionValue(c: Condition): number {
  if (c.v === 'talks') return c.active ? 1 : 0;
  if (c.v === 'treaty') return c.signed ? 1 : 0;
  if (c.v === 'after') return c.quarter;
  return c.value;
}

/** The condition `at` finds in a model, compiled over the cells, and bound with the kernel (B). */
export function compileCondition(B: Bindings, L: Layout, at: (m: Model) => Condition): Test {
  const c = at(B.m);
  const [kind, cell, cmp] = testParts(L, c);
  const t: Test = { kind, cell, cmp, value: conditionValue(c), valueOf: (m) => conditionValue(at(m)) };
  B.on((m) => {
    t.value = t.valueOf(m);
  });
  return t;
}

/** A condition's kind, cell and comparison. */
function testParts(L: Layout, c: Condition): readonly [number, number, number] {
  const n = L.n;
  switch (c.v) {
    case 'talks':
      return [IS_TALKS, -1, 0];
    case 'treaty':
      return [IS_TREATY, -1, 0];
    case 'after':
      return [AFTER, -1, 0];
    case 'sanctions':
      return [CELL, L.sanctions + c.imposer * n + c.target, CMP[c.op]];
    case 'trust':
      return [CELL, L.trust + c.a * n + c.b, CMP[c.op]];
    case 'militarisation':
      return [CELL, L.militarisation + c.actor, CMP[c.op]];
    case 'room':
      return [CELL, L.room + c.actor, CMP[c.op]];
    case 'jointActivity':
      return [CELL, L.joint, CMP[c.op]];
    case 'cohesion':
      return [CELL, L.cohesion + c.alliance, CMP[c.op]];
  }
}

export function allPass(w: KernelWorld, tests: readonly Test[]): boolean {
  for (const c of tests) {
    let ok: boolean;
    if (c.kind === CELL) {
      const v = w.x[c.cell]!;
      ok = c.cmp === 0 ? v < c.value : c.cmp === 1 ? v <= c.value : c.cmp === 2 ? v > c.value : v >= c.value;
    } else if (c.kind === IS_TALKS) ok = w.talks === (c.value === 1);
    else if (c.kind === IS_TREATY) ok = (w.treaty !== null) === (c.value === 1);
    else ok = w.t >= c.value;
    if (!ok) return false;
  }
  return true;
}

/** An offer's terms as deal.ts's applyDeal applies them. */
export interface Deal {
  /** [territory, code] writes, in term order. */
  readonly statuses: readonly (readonly [number, number])[];
  readonly ops: readonly Op[];
  readonly assured: boolean;
  readonly signed: boolean;
  /** Per territory: named in a continued-talks term (its claim survives a treaty). */
  readonly talksOn: readonly boolean[];
  /** Every cell the deal can write: its ops' cells, the statuses and the treaty flag. */
  readonly cells: readonly number[];
}

export function compileDeal(B: Bindings, L: Layout, offer: number): Deal {
  const m = B.m;
  const statuses: [number, number][] = [];
  const ops: Op[] = [];
  const talksOn = m.territories.map(() => false);
  let assured = false;
  let signed = false;
  m.offers[offer]!.terms.forEach((t, j) => {
    if (t.kind === 'transfer') for (const k of t.territories) statuses.push([k, TRANSFERRED]);
    else if (t.kind === 'jointAdministration') for (const k of t.territories) statuses.push([k, JOINT]);
    else if (t.kind === 'continuedTalks') for (const k of t.territories) talksOn[k] = true;
    else if (t.kind === 'noForeignBases') assured = true;
    else if (t.kind === 'peaceTreaty') signed = true;
    else {
      const count = termEffects(m, t).length;
      for (let k = 0; k < count; k++) ops.push(compileEffect(B, L, (m) => termEffects(m, m.offers[offer]!.terms[j]!)[k]!));
    }
  });
  const cells = [...new Set([L.treaty, ...m.territories.map((_, k) => L.territories + k), ...opCells(ops)])];
  return { statuses, ops, assured, signed, talksOn, cells };
}

/** Apply a deal's terms to the cells (statuses, treaty flag, numbers); talks and the treaty record are the caller's. */
export function applyDealToCells(L: Layout, x: Float64Array, d: Deal, territories: number): void {
  for (const [k, code] of d.statuses) x[L.territories + k] = code;
  for (const o of d.ops) applyToCells(x, o);
  if (d.assured) {
    for (let k = 0; k < territories; k++) if (x[L.territories + k] === TRANSFERRED) x[L.territories + k] = ASSURED;
  }
  if (d.signed) {
    x[L.treaty] = 1;
    for (let k = 0; k < territories; k++) {
      if (x[L.territories + k] === HELD_CONTESTED && !d.talksOn[k]) x[L.territories + k] = HELD;
    }
  }
}
