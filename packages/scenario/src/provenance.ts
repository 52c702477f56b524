import { pathString } from './issues.js';
import { isPlainObject } from './merge.js';
import type { Key } from './overrides.js';
import type { SourceRef, Support } from './schema.js';

/**
 * One number of the model (or one modelled object: a move, offer, event or reaction) and where it
 * came from: its source or assumption, how far the source supports it (its grade) and its
 * plausible range.
 */
export interface ProvenanceEntry {
  /** The field, as `--set` and messages write it: actors.japan.weights.treaty, trust[0]. */
  readonly path: string;
  /** The same path as keys, for locating it in the file. */
  readonly at: readonly Key[];
  readonly value?: number | boolean;
  readonly source?: SourceRef;
  readonly assumption?: string;
  /** What the entry is: a number, or a move, offer, event or reaction (whose existence is cited). */
  readonly kind: 'number' | 'carrier';
  /**
   * How far its source supports it: `value` (the quote states the number), `direction` (only its
   * direction or existence), `assumption` (no source does). A number inside a move, offer, event or
   * reaction written without its own provenance takes its carrier's: at best `direction`, since a
   * quote that a move exists does not state the size of its effects.
   */
  readonly grade: Support;
  /** The grade as written (`support:`), when it was. */
  readonly support?: Support;
  /** Its own range, as written. */
  readonly range?: readonly [number, number];
  /** Its own distribution within the range, as written. */
  readonly dist?: 'triangular' | 'uniform';
  /** For a number inside a move, offer, event or reaction: that carrier's path. */
  readonly within?: string;
  /** Set for a plain number inside a carrier: its source and assumption are the carrier's. */
  readonly inherited?: true;
}

/** Top-level collections whose every entry (a move, offer, event, reaction) carries provenance. */
const CARRIERS = new Set(['moves', 'offers', 'events', 'reactions']);
/** Top-level fields that hold no number of the model: names, dates, text, and the hindcast's facts (hindcastFacts). */
const NOT_MODEL = new Set([
  '$schema',
  'extends',
  'id',
  'title',
  'briefing',
  'period',
  'sources',
  'start',
  'horizon',
  'hindsight',
  'defaultRange',
  'dispute',
  'outcomes',
  'hindcast',
]);
const PROVENANCE_KEYS = new Set(['value', 'range', 'dist', 'source', 'support', 'assumption']);

/** A sourced number is {value, range?, dist?, source?, support?, assumption?}, or a pair's value with `between` too. */
export const isSourcedNumber = (x: Record<string, unknown>): boolean =>
  typeof x.value === 'number' && Object.keys(x).every((k) => PROVENANCE_KEYS.has(k) || k === 'between');

const sourceOf = (x: Record<string, unknown>): SourceRef | undefined =>
  isPlainObject(x.source) ? (x.source as unknown as SourceRef) : undefined;
const supportOf = (x: Record<string, unknown>): Support | undefined =>
  x.support === 'value' || x.support === 'direction' || x.support === 'assumption' ? x.support : undefined;
const rangeOf = (x: Record<string, unknown>): readonly [number, number] | undefined =>
  Array.isArray(x.range) && x.range.length === 2 && x.range.every((v) => typeof v === 'number') ? (x.range as [number, number]) : undefined;

/** The grade written or implied: a source supports the direction unless it says more or less; no source, an assumption. */
const gradeOf = (x: Record<string, unknown>): Support => supportOf(x) ?? (sourceOf(x) ? 'direction' : 'assumption');

/**
 * Every number of a scenario's model and every move, offer, event and reaction, with its provenance,
 * from the scenario as written (after `extends` and `--set`, before defaults: a default is not a
 * number anyone wrote). Numbers inside a carrier may be plain (they take the carrier's provenance,
 * graded at best `direction`) or sourced numbers of their own.
 */
export function collectProvenance(data: unknown): ProvenanceEntry[] {
  const out: ProvenanceEntry[] = [];
  if (!isPlainObject(data)) return out;
  const own = (x: Record<string, unknown>, path: Key[], kind: 'number' | 'carrier', within?: string): void => {
    const source = sourceOf(x);
    const support = supportOf(x);
    const range = rangeOf(x);
    const dist = x.dist === 'triangular' || x.dist === 'uniform' ? x.dist : undefined;
    const value = typeof x.value === 'number' || typeof x.active === 'boolean' ? ((x.value ?? x.active) as number | boolean) : undefined;
    out.push({
      path: pathString(path),
      at: path,
      kind,
      grade: gradeOf(x),
      ...(value !== undefined ? { value } : {}),
      ...(source ? { source } : {}),
      ...(typeof x.assumption === 'string' ? { assumption: x.assumption } : {}),
      ...(support ? { support } : {}),
      ...(range ? { range } : {}),
      ...(dist ? { dist } : {}),
      ...(within !== undefined ? { within } : {}),
    });
  };
  /** Numbers below `x`; `carrier` is the move, offer, event or reaction they belong to, if any. */
  const visit = (x: unknown, path: Key[], carrier?: { path: Key[]; node: Record<string, unknown> }): void => {
    if (typeof x === 'number') {
      // A plain number: its carrier's provenance, at best `direction`.
      const c = carrier?.node;
      const grade: Support = c && sourceOf(c) && gradeOf(c) !== 'assumption' ? 'direction' : 'assumption';
      out.push({
        path: pathString(path),
        at: path,
        kind: 'number',
        value: x,
        grade,
        inherited: true,
        ...(c && sourceOf(c) ? { source: sourceOf(c)! } : {}),
        ...(c && typeof c.assumption === 'string' ? { assumption: c.assumption } : {}),
        ...(carrier ? { within: pathString(carrier.path) } : {}),
      });
      return;
    }
    if (Array.isArray(x)) {
      x.forEach((v, k) => {
        visit(v, [...path, k], carrier);
      });
      return;
    }
    if (!isPlainObject(x)) return;
    if (isSourcedNumber(x)) {
      own(x, path, 'number', carrier ? pathString(carrier.path) : undefined);
      return;
    }
    for (const [k, v] of Object.entries(x)) if (!PROVENANCE_KEYS.has(k) || k === 'value') visit(v, [...path, k], carrier);
  };
  for (const [key, value] of Object.entries(data)) {
    if (NOT_MODEL.has(key)) continue;
    if (key === 'talks' && isPlainObject(value)) own(value, [key], 'number');
    else if (CARRIERS.has(key) && isPlainObject(value)) {
      for (const [id, entry] of Object.entries(value)) {
        if (!isPlainObject(entry)) continue;
        own(entry, [key, id], 'carrier');
        for (const [k, v] of Object.entries(entry)) if (!PROVENANCE_KEYS.has(k)) visit(v, [key, id, k], { path: [key, id], node: entry });
      }
    } else visit(value, [key]);
  }
  return out;
}

/** A hindcast's pins and targets: each cites the article that reports it (its quote is checked like any other). */
export function hindcastFacts(data: unknown): ProvenanceEntry[] {
  const h = isPlainObject(data) && isPlainObject(data.hindcast) ? data.hindcast : null;
  if (!h) return [];
  return (['pins', 'targets'] as const).flatMap((part) =>
    Object.entries(isPlainObject(h[part]) ? h[part] : {}).flatMap(([id, entry]) => {
      if (!isPlainObject(entry)) return [];
      const at: Key[] = ['hindcast', part, id];
      const source = sourceOf(entry);
      return [{ path: pathString(at), at, kind: 'carrier' as const, grade: 'value' as const, ...(source ? { source } : {}) }];
    }),
  );
}
