import type { Model } from '../model.js';

/** How a number the kernel reads is computed from a model: the same expression for every model of one structure. */
export type Recipe = (m: Model) => number;

/** Something of a kernel that holds numbers of the model it is bound to. */
interface Bound {
  bind(m: Model): void;
}

/**
 * The numbers a model gives the kernel's generated code (areas, costs, temperatures, effect sizes,
 * thresholds), kept out of its source: the code reads them from an array `K`, so its source
 * depends only on the model's structure. Each slot holds its recipe, so binding the kernel to
 * another model of the same structure (a sweep's next point, a run's own parameter vector) rewrites
 * K in place and the compiled functions, warmed up once, go on. Each number gets its own slot, in
 * the order the generator asks for them, never shared by value: two numbers that happen to be
 * equal in one model may differ in the next. A double read from a Float64Array is the double that
 * was stored, so the arithmetic is the same, bit for bit, as with the number written into the source.
 */
export class Consts implements Bound {
  readonly values: number[] = [];
  private readonly recipes: Recipe[] = [];
  private array: Float64Array | null = null;

  constructor(private readonly m: Model) {}

  /** An expression reading the number `get` computes from the model, in the generated code. */
  ref(get: Recipe): string {
    if (this.array !== null) throw new Error('Consts.ref: the code reading these numbers is already compiled');
    this.recipes.push(get);
    this.values.push(get(this.m));
    return `K[${this.values.length - 1}]`;
  }

  /** The array the compiled code reads (made once, then rewritten in place by bind). */
  cells(): Float64Array {
    this.array ??= Float64Array.from(this.values);
    return this.array;
  }

  bind(m: Model): void {
    const a = this.cells();
    for (let k = 0; k < a.length; k++) a[k] = this.recipes[k]!(m);
  }
}

/**
 * Everything of one kernel that holds a model's numbers, in the order it was made: its constants'
 * arrays, its compiled effects and conditions, the typed arrays its hot paths read. bind(m) makes
 * them all m's.
 */
export class Bindings {
  private readonly parts: Bound[] = [];

  /** The model bound now: what parts made from now on start from. */
  constructor(public m: Model) {}

  /** A new array of constants for one compiled body. */
  consts(): Consts {
    return this.add(new Consts(this.m));
  }

  add<T extends Bound>(part: T): T {
    this.parts.push(part);
    return part;
  }

  /** A part given as a function (e.g. refilling a typed array). */
  on(bind: (m: Model) => void): void {
    this.parts.push({ bind });
  }

  bind(m: Model): void {
    this.m = m;
    for (const p of this.parts) p.bind(m);
  }
}

type Factory = (K: Float64Array, ...args: unknown[]) => unknown;

/** Compiled factories by their source; the most a process keeps (structures, not parameter points). */
const factories = new Map<string, Factory>();
const KEEP = 256;

/**
 * The value of a generated function body, compiled once per source: `new Function('K', …params, body)`
 * called with this model's numbers and `args`. Closures made by one compiled factory share V8's
 * feedback and optimized code, so a second model of the same structure starts warm.
 */
export function compileWith<T>(K: Consts, params: readonly string[], body: string, args: readonly unknown[] = []): T {
  const key = `${params.join(',')}\n${body}`;
  let f = factories.get(key);
  if (f === undefined) {
    if (factories.size >= KEEP) factories.delete(factories.keys().next().value!);
    // The source holds only cell indices, slot numbers and fixed identifiers: never a scenario's number or name.
    f = new Function('K', ...params, body) as Factory;
    factories.set(key, f);
  }
  return f(K.cells(), ...args) as T;
}
