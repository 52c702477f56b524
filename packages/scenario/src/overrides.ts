import { parse } from 'yaml';
import { pathString } from './issues.js';
import { define, isPlainObject } from './merge.js';
import { MESSAGES } from './messages.js';
import { isSourcedNumber } from './provenance.js';

export type Key = string | number;

/** One `--set path=value` override, parsed. */
export interface Override {
  /** The argument as the user gave it (without `--set`). */
  readonly arg: string;
  /** The option it was given with, for messages: `--set`, or e.g. `--set-b` in compare. */
  readonly flag: string;
  readonly path: readonly Key[];
  readonly value: unknown;
}

const SEGMENT = /^([A-Za-z0-9_$-]+)((?:\[\d+\])*)$/;

/** Parse `a.b[2].c=value`; the value is read as YAML (numbers, booleans, lists, mappings). */
export function parseOverride(arg: string, flag = '--set'): Override | string {
  const eq = arg.indexOf('=');
  if (eq <= 0) return MESSAGES.setSyntax;
  const path: Key[] = [];
  for (const seg of arg.slice(0, eq).split('.')) {
    const m = SEGMENT.exec(seg);
    if (!m) return MESSAGES.setPath(seg);
    path.push(m[1]!);
    for (const idx of m[2]!.match(/\d+/g) ?? []) path.push(Number(idx));
  }
  try {
    return { arg, flag, path, value: parse(arg.slice(eq + 1), { maxAliasCount: 0 }) as unknown };
  } catch (e) {
    return MESSAGES.setValue((e as Error).message.split('\n')[0]!);
  }
}

/** A number with its provenance (provenance.ts's isSourcedNumber): {value, range?, source?, …}, or a pair's {between, value, …}. */
const isSourced = (x: unknown): x is Record<string, unknown> => isPlainObject(x) && isSourcedNumber(x);

/**
 * A sourced number given a new value on the command line: the article no longer supports it, so it
 * becomes an assumption naming the override; its range goes with the old value (a number set on
 * the command line is known exactly: set `….range` too to keep one).
 */
const overridden = (node: Record<string, unknown>, o: Override, value: number): Record<string, unknown> => {
  const out: Record<string, unknown> = {};
  if (Object.hasOwn(node, 'between')) out.between = node.between;
  out.value = value;
  out.assumption = MESSAGES.setAssumption(`--set ${o.arg}`);
  return out;
};

/** Thrown inside applyOverride for an override that cannot apply; reported at the `--set`. */
class OverrideError extends Error {}

/**
 * Apply an override to a scenario's raw data, copying only the path it touches. A number
 * set on a sourced value (or on its `.value`) replaces the value and its provenance:
 * the article no longer supports it, so it becomes an assumption naming the override.
 * `null` removes a field of a mapping (as in `extends`: RFC 7386). A list index may name
 * an item of the list or the one after its last. Returns the new data, or why it cannot apply.
 */
export function applyOverride(raw: unknown, o: Override): { raw: unknown } | { error: string } {
  const set = (node: unknown, depth: number): unknown => {
    if (depth === o.path.length) {
      if (isSourced(node) && typeof o.value === 'number') return overridden(node, o, o.value);
      return o.value;
    }
    const key = o.path[depth]!;
    const last = depth === o.path.length - 1;
    if (last && key === 'value' && isSourced(node) && typeof o.value === 'number') return overridden(node, o, o.value);
    if (typeof key === 'number') {
      const arr = Array.isArray(node) ? [...node] : [];
      if (key > arr.length) throw new OverrideError(MESSAGES.setIndex(pathString(o.path.slice(0, depth + 1)), arr.length));
      if (last && o.value === null) throw new OverrideError(MESSAGES.setNullItem);
      arr[key] = set(arr[key], depth + 1);
      return arr;
    }
    const out: Record<string, unknown> = {};
    if (isPlainObject(node)) for (const [k, v] of Object.entries(node)) define(out, k, v);
    if (last && o.value === null) delete out[key];
    else define(out, key, set(Object.hasOwn(out, key) ? out[key] : undefined, depth + 1));
    return out;
  };
  try {
    return { raw: set(raw, 0) };
  } catch (e) {
    if (e instanceof OverrideError) return { error: e.message };
    throw e;
  }
}
