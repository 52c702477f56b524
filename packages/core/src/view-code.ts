import { type Arith, statusCode } from './arith.js';
import { CodeArith, type ReadsCode } from './code-arith.js';
import { Consts, compileWith } from './kernel/consts.js';
import { clamp01 } from './metrics.js';
import { DIMENSION_COUNT, type Model } from './model.js';
import type { WorldView } from './state.js';

/** The world's reads as the fields of the WorldView named `w` in the generated code. */
export function viewReads(n: number, w: string): ReadsCode {
  return {
    status: (k) => `statusCode(${w}.territories[${k}])`,
    treaty: () => `(${w}.treaty ? 1 : 0)`,
    energy: (tie) => `${w}.energy[${tie}]`,
    sanctions: (imposer, target) => `${w}.sanctions[${imposer * n + target}]`,
    economy: (a, b) => `${w}.economy[${a * n + b}]`,
    joint: () => `${w}.jointActivity`,
    militarisation: (actor) => `${w}.militarisation[${actor}]`,
    cohesion: (alliance) => `${w}.cohesion[${alliance}]`,
    trust: (a, b) => `${w}.trust[${a * n + b}]`,
    room: (actor) => `${w}.room[${actor}]`,
    weight: (actor, d) => `${w}.weights[${actor * DIMENSION_COUNT + d}]`,
  };
}

/** A formula compiled over worlds: its value in world s (t: a second world, for one over two; x: its inputs). */
export type WorldFormula = (s: WorldView, x: ArrayLike<number>, t: WorldView) => number;

/** What a formula over worlds is written with: the arithmetic of the first world, of the second, and the inputs. */
export interface Staging {
  readonly first: Arith<string>;
  readonly second: Arith<string>;
  input(k: number): string;
}

/** For a formula that takes no inputs. */
export const NO_INPUTS: readonly number[] = [];

/**
 * The formula `write` writes (arith.ts) as a JavaScript function of a WorldView, for the readable
 * runs and explanations: compiled once per structure (the model's numbers are read from K, as in
 * the kernel). The same operations as the kernel's code, so the same doubles; only the reads
 * differ (a WorldView's fields, not cells).
 */
export function worldFormula(m: Model, write: (S: Staging) => string): WorldFormula {
  const K = new Consts(m);
  const n = m.actors.length;
  const first = new CodeArith(K, viewReads(n, 's'), 'v');
  const second = first.reading(viewReads(n, 't'));
  const root = write({ first, second, input: (k) => `x[${k}]` });
  const body = `'use strict'; return function (s, x, t) {\n${first.assign('const value', root)}\nreturn value;\n};`;
  return compileWith<WorldFormula>(K, ['clamp01', 'statusCode'], body, [clamp01, statusCode]);
}
