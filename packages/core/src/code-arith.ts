import type { Arith } from './arith.js';
import type { Consts } from './kernel/consts.js';
import type { Model } from './model.js';

/** A literal as JavaScript source, −0 included (String(−0) is "0"). */
const literal = (x: number): string => (Object.is(x, -0) ? '-0' : String(x));

/** How generated code reads the world: JavaScript expressions for each read of the arithmetic. */
export type ReadsCode = Pick<
  Arith<string>,
  'status' | 'treaty' | 'energy' | 'sanctions' | 'economy' | 'joint' | 'militarisation' | 'cohesion' | 'trust' | 'room' | 'weight'
>;

/**
 * The model's arithmetic (arith.ts) written as JavaScript: each read as `reads` writes it (the
 * kernel's cells, kernel/cell-reads.ts, or a WorldView's fields, view-code.ts), each number of the
 * model a slot of K, each operation the same JavaScript operator the number form uses. The
 * compiled code calls `clamp01` (metrics.ts's, passed in), which V8 inlines.
 */
export class CodeArith implements Arith<string> {
  constructor(
    private readonly K: Consts,
    private readonly reads: ReadsCode,
    /** What this instance's locals are called (`${prefix}0`, `${prefix}1`, …): unique in the function written. */
    private readonly prefix = 'l',
    /** The statements declaring the locals made so far (local()), to be written before the expressions that read them. */
    readonly statements: string[] = [],
  ) {}

  /** The same arithmetic reading another world (its locals declared with this one's). */
  reading(reads: ReadsCode): CodeArith {
    return new CodeArith(this.K, reads, this.prefix, this.statements);
  }

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
  ifNonZero(x: string, then: () => string, otherwise: () => string): string {
    return `(${x} !== 0 ? ${then()} : ${otherwise()})`;
  }
  local(v: string): string {
    const name = `${this.prefix}${this.statements.length}`;
    this.statements.push(`const ${name} = ${v};`);
    return name;
  }
  status(k: number): string {
    return this.reads.status(k);
  }
  treaty(): string {
    return this.reads.treaty();
  }
  energy(tie: number): string {
    return this.reads.energy(tie);
  }
  sanctions(imposer: number, target: number): string {
    return this.reads.sanctions(imposer, target);
  }
  economy(a: number, b: number): string {
    return this.reads.economy(a, b);
  }
  joint(): string {
    return this.reads.joint();
  }
  militarisation(actor: number): string {
    return this.reads.militarisation(actor);
  }
  cohesion(alliance: number): string {
    return this.reads.cohesion(alliance);
  }
  trust(a: number, b: number): string {
    return this.reads.trust(a, b);
  }
  room(actor: number): string {
    return this.reads.room(actor);
  }
  weight(actor: number, d: number): string {
    return this.reads.weight(actor, d);
  }
  /** The locals' declarations then `${out} = v;`: v assigned to a variable the caller declared. */
  assign(out: string, v: string): string {
    return [...this.statements, `${out} = ${v};`].join('\n');
  }
}
