import { parse } from 'yaml';
import { define, isPlainObject } from './merge.js';
import { MESSAGES } from './messages.js';

export type Key = string | number;

/** One `--set path=value` override, parsed. */
export interface Override {
  /** The argument as the user gave it (without `--set`). */
  readonly arg: string;
  readonly path: readonly Key[];
  readonly value: unknown;
}

const SEGMENT = /^([A-Za-z0-9_$-]+)((?:\[\d+\])*)$/;

/** Parse `a.b[2].c=value`; the value is read as YAML (numbers, booleans, lists, mappings). */
export function parseOverride(arg: string): Override | string {
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
    return { arg, path, value: parse(arg.slice(eq + 1), { maxAliasCount: 0 }) as unknown };
  } catch (e) {
    return MESSAGES.setValue((e as Error).message.split('\n')[0]!);
  }
}

const isSourced = (x: unknown): x is Record<string, unknown> =>
  isPlainObject(x) && typeof x.value === 'number' && Object.keys(x).every((k) => k === 'value' || k === 'source' || k === 'assumption');

/**
 * Apply an override to a scenario's raw data, copying only the path it touches. A number
 * set on a sourced value (or on its `.value`) replaces the value and its provenance:
 * the article no longer supports it, so it becomes an assumption naming the override.
 */
export function applyOverride(raw: unknown, o: Override): unknown {
  const set = (node: unknown, depth: number): unknown => {
    if (depth === o.path.length) {
      if (isSourced(node) && typeof o.value === 'number') return { value: o.value, assumption: MESSAGES.setAssumption(o.arg) };
      return o.value;
    }
    const key = o.path[depth]!;
    const last = depth === o.path.length - 1;
    if (last && key === 'value' && isSourced(node) && typeof o.value === 'number')
      return { value: o.value, assumption: MESSAGES.setAssumption(o.arg) };
    if (typeof key === 'number') {
      const arr = Array.isArray(node) ? [...node] : [];
      arr[key] = set(arr[key], depth + 1);
      return arr;
    }
    const out: Record<string, unknown> = {};
    if (isPlainObject(node)) for (const [k, v] of Object.entries(node)) define(out, k, v);
    define(out, key, set(Object.hasOwn(out, key) ? out[key] : undefined, depth + 1));
    return out;
  };
  return set(raw, 0);
}
