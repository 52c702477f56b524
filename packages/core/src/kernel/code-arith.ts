import type { Arith } from '../arith.js';
import type { Model } from '../model.js';
import type { Consts } from './consts.js';
import type { Layout } from './layout.js';
import type { CellSource } from './metric-code.js';

/** A literal as JavaScript source, −0 included (String(−0) is "0"). */
const literal = (x: number): string => (Object.is(x, -0) ? '-0' : String(x));

/**
 * The model's arithmetic (arith.ts) written as JavaScript over the kernel's cells: each read is a
 * cell (through `at`, so a what-if can read its locals), each number of the model a slot of K, each
 * operation the same JavaScript operator the number form uses. The compiled code calls `clamp01`
 * (metrics.ts's, passed in), which V8 inlines.
 */
export class CodeArith implements Arith<string> {
  constructor(
    private readonly K: Consts,
    private readonly L: Layout,
    private readonly at: CellSource,
  ) {}

  lit(x: number): string {
    return literal(x);
  }
  param(r: (m: Model) => number): string {
    return this.K.ref(r);
  }
  add(a: string, b: string): string {
    return `(${a} + ${b})`;
  }
  sub(a: string, b: string): string {
    return `(${a} - ${b})`;
  }
  mul(a: string, b: string): string {
    return `(${a} * ${b})`;
  }
  div(a: string, b: string): string {
    return `(${a} / ${b})`;
  }
  clamp01(a: string): string {
    return `clamp01(${a})`;
  }
  byStatus(status: string, values: readonly string[]): string {
    const last = values.length - 1;
    return `(${values.slice(0, last).reduceRight((rest, v, code) => `${status} === ${code} ? ${v} : ${rest}`, values[last]!)})`;
  }
  ifStatus(status: string, codes: readonly number[], then: string, otherwise: string): string {
    return `(${codes.map((c) => `${status} === ${c}`).join(' || ')} ? ${then} : ${otherwise})`;
  }
  atMost(a: string, b: string): string {
    return `(${a} <= ${b} ? 1 : 0)`;
  }
  status(k: number): string {
    return this.at(this.L.territories + k);
  }
  treaty(): string {
    return this.at(this.L.treaty);
  }
  energy(tie: number): string {
    return this.at(this.L.energy + tie);
  }
  sanctions(imposer: number, target: number): string {
    return this.at(this.L.sanctions + imposer * this.L.n + target);
  }
  economy(a: number, b: number): string {
    return this.at(this.L.economy + a * this.L.n + b);
  }
  joint(): string {
    return this.at(this.L.joint);
  }
  militarisation(actor: number): string {
    return this.at(this.L.militarisation + actor);
  }
  cohesion(alliance: number): string {
    return this.at(this.L.cohesion + alliance);
  }
  trust(a: number, b: number): string {
    return this.at(this.L.trust + a * this.L.n + b);
  }
  room(actor: number): string {
    return this.at(this.L.room + actor);
  }
}
