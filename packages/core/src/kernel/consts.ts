/**
 * The numbers a model gives the kernel's generated code (areas, costs, temperatures, effect sizes,
 * thresholds), kept out of its source: the code reads them from an array `K`, so its source
 * depends only on the model's structure, and two models that differ only in their numbers (the
 * points of a sweep, the two sides of a comparison, a sensitivity analysis) run the same compiled
 * functions, warmed up once. Each number gets its own slot, in the order the generator asks for
 * them, never shared by value: two numbers that happen to be equal in one model may differ in the
 * next. A double read from a Float64Array is the double that was stored, so the arithmetic is
 * the same, bit for bit, as with the number written into the source.
 */
export class Consts {
  readonly values: number[] = [];

  /** An expression reading `v` in the generated code. */
  ref(v: number): string {
    this.values.push(v);
    return `K[${this.values.length - 1}]`;
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
  return f(Float64Array.from(K.values), ...args) as T;
}
