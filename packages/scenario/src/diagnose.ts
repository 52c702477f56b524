import type { core, z } from 'zod';
import { pathString, ScenarioError } from './issues.js';
import { isPlainObject } from './merge.js';
import { MESSAGES } from './messages.js';
import type { Key } from './overrides.js';
import { didYouMean } from './suggest.js';

/** A schema problem, ready to be located: the path of the field and, for a bad key, the key. */
export interface Diagnosis {
  readonly path: readonly Key[];
  readonly key?: string;
  readonly message: string;
  /** Set when the problem is a required field that is missing. */
  readonly missing?: true;
}

type AnySchema = z.ZodType;
const def = (s: AnySchema): { type: string } & Record<string, unknown> => (s as unknown as { def: { type: string } }).def as never;

/** Strip wrappers that do not change a value's shape. */
function unwrap(s: AnySchema): AnySchema {
  for (;;) {
    const d = def(s);
    if (d.type === 'optional' || d.type === 'default' || d.type === 'prefault' || d.type === 'nullable' || d.type === 'readonly')
      s = d.innerType as AnySchema;
    else if (d.type === 'pipe') s = d.in as AnySchema;
    else return s;
  }
}

/**
 * The schema that governs the value at `path`, or null where that cannot be told. Inside a union
 * (an effect, a condition, a term) the variant is the one whose first field the value at that
 * point has, when `raw` (the data the path runs through) is given.
 */
export function schemaAt(root: AnySchema, path: readonly Key[], raw?: unknown): AnySchema | null {
  let s = unwrap(root);
  let here = raw;
  for (const k of path) {
    if (def(s).type === 'union') {
      const options = (def(s).options as AnySchema[]).map(unwrap);
      const lead = options.find((o) => {
        const first = keysOf(o)[0];
        return first !== undefined && isPlainObject(here) && Object.hasOwn(here, first);
      });
      if (!lead) return null;
      s = lead;
    }
    const d = def(s);
    if (d.type === 'object') s = (d.shape as Record<string, AnySchema>)[k as string] ?? null!;
    else if (d.type === 'record') s = d.valueType as AnySchema;
    else if (d.type === 'array') s = d.element as AnySchema;
    else if (d.type === 'tuple') s = (d.items as AnySchema[])[k as number] ?? null!;
    else return null;
    if (!s) return null;
    s = unwrap(s);
    here = here !== null && typeof here === 'object' ? (here as Record<PropertyKey, unknown>)[k] : undefined;
  }
  return s;
}

/** The field names a mapping may have: an object's fields, or a record's enumerated keys. */
function keysOf(s: AnySchema | null): string[] {
  if (!s) return [];
  const d = def(s);
  if (d.type === 'object') return Object.keys(d.shape as Record<string, AnySchema>);
  if (d.type === 'record') {
    const k = def(d.keyType as AnySchema);
    if (k.type === 'enum') return Object.values(k.entries as Record<string, string>);
  }
  return [];
}

/** What a missing field should look like: for a mapping, its fields. */
function expectedShape(s: AnySchema | null, fallback: string): string {
  const keys = keysOf(s);
  if (keys.includes('value') && keys.includes('assumption')) return 'expected { value, source: { doc, quote } } or { value, assumption }';
  if (keys.length > 0)
    return `expected a mapping with ${keys.filter((k) => k !== 'source' && k !== 'assumption' && k !== 'support' && k !== 'range').join(', ')}`;
  if (s && def(s).type === 'record') return 'expected a mapping of names to entries';
  return `expected ${plainType(s, fallback) ?? fallback}`;
}

const shown = (x: unknown): string => {
  if (typeof x === 'number' && !Number.isFinite(x)) return String(x);
  const s = JSON.stringify(x);
  return s === undefined ? String(x) : s.length > 40 ? `${s.slice(0, 37)}...` : s;
};

const valueAt = (root: unknown, path: readonly PropertyKey[]): unknown =>
  path.reduce<unknown>((x, k) => (x !== null && typeof x === 'object' ? (x as Record<PropertyKey, unknown>)[k] : undefined), root);

/**
 * Turn zod's issues into diagnoses a scenario author can act on: a missing field is
 * called missing, an unknown key gets a "did you mean", and a list item that matches no
 * variant of a union (a condition, an effect, a term) is checked against the variant its
 * first key names, so the message is about that variant's fields.
 */
export function diagnose(schema: AnySchema, raw: unknown, issues: readonly core.$ZodIssue[]): Diagnosis[] {
  return foldMisspelledEntries(raw, diagnoseIssues(schema, raw, issues, []));
}

function diagnoseIssues(schema: AnySchema, raw: unknown, issues: readonly core.$ZodIssue[], prefix: readonly Key[]): Diagnosis[] {
  const out: Diagnosis[] = [];
  // zod's whole numbers carry an implicit bound (±2^53 − 1); beside the schema's own bound at the same
  // place it says nothing more, so only the schema's is reported.
  const at = (i: core.$ZodIssue): string => JSON.stringify(i.path);
  const implicit = (i: core.$ZodIssue): boolean =>
    (i.code === 'too_big' || i.code === 'too_small') &&
    Math.abs(Number(i.code === 'too_big' ? i.maximum : i.minimum)) >= Number.MAX_SAFE_INTEGER;
  const kept = issues.filter((i) => !implicit(i) || !issues.some((j) => j !== i && !implicit(j) && at(j) === at(i)));
  for (const issue of kept) {
    const rel = issue.path as Key[];
    const path = [...prefix, ...rel];
    if (issue.code === 'unrecognized_keys') {
      const known = keysOf(schemaAt(schema, rel));
      const hint = issue.keys.length === 1 ? didYouMean(issue.keys[0]!, known) : '';
      out.push({ path, key: issue.keys[0], message: MESSAGES.unknownFields(issue.keys) + hint });
      continue;
    }
    if (issue.code === 'invalid_key') {
      // Located at the key itself, not at its value.
      const name = path.at(-1);
      const at = typeof name === 'string' ? { path: path.slice(0, -1), key: name } : { path };
      out.push({ ...at, message: MESSAGES.invalidName(shown(issue.input), issue.issues.map((i) => i.message).join('; ')) });
      continue;
    }
    if (issue.code === 'invalid_union') {
      out.push(...diagnoseUnion(schemaAt(schema, rel), valueAt(raw, rel), issue, path));
      continue;
    }
    const input = 'input' in issue ? issue.input : valueAt(raw, rel);
    if (input === undefined) {
      const expected =
        issue.code === 'invalid_type'
          ? expectedShape(schemaAt(schema, rel), issue.expected)
          : issue.message.replace(/^Invalid option: /, '');
      out.push({ path, message: MESSAGES.missing(expected), missing: true });
      continue;
    }
    // A value where a mapping belongs (a bare number for a sourced value, a list for named
    // entries): say what the mapping looks like, as for a missing one.
    if (issue.code === 'invalid_type') {
      const at = schemaAt(schema, rel);
      if (at && (keysOf(at).length > 0 || def(at).type === 'record')) {
        out.push({ path, message: MESSAGES.wrongShape(expectedShape(at, issue.expected), shown(input)) });
        continue;
      }
    }
    const plain = plainExpectation(schemaAt(schema, rel, raw), issue);
    out.push({ path, message: plain === null ? `${issue.message} (found ${shown(input)})` : plain(shown(input)) });
  }
  return out;
}

/** Plain types in the scenario's words (a number's come from its schema: whole or not). */
const TYPES: Record<string, string> = { int: 'a whole number', string: 'text', boolean: 'true or false', array: 'a list' };

/** zod's number schemas tell their bounds and whether they take whole numbers only. */
interface NumberBounds {
  readonly minValue?: number | null;
  readonly maxValue?: number | null;
  readonly isInt?: boolean;
}

/** A number's bounds; for a number-or-sourced-number union (a size inside a move), its plain number's. */
const boundsOf = (s: AnySchema | null): NumberBounds => {
  if (!s) return {};
  const u = unwrap(s);
  const plain = def(u).type === 'union' ? (def(u).options as AnySchema[]).map(unwrap).find((o) => def(o).type === 'number') : undefined;
  return (plain ?? u) as NumberBounds;
};

/**
 * The bounds of the number at `path` in a scenario's raw data (a plain number, or a sourced number's
 * `value`), as the schema states them: [min, max], ±Infinity where it states none.
 */
export function numberBoundsAt(root: AnySchema, raw: unknown, path: readonly Key[]): [number, number] {
  let s = schemaAt(root, path, raw);
  if (s && def(s).type === 'object') s = schemaAt(root, [...path, 'value'], raw);
  const b = boundsOf(s);
  const lo = typeof b.minValue === 'number' && Number.isFinite(b.minValue) ? b.minValue : -Infinity;
  const hi = typeof b.maxValue === 'number' && Number.isFinite(b.maxValue) ? b.maxValue : Infinity;
  return [lo, hi];
}

/** A plain type zod names (`expected`) as the scenario would say it, or null when there is no plain word for it. */
function plainType(s: AnySchema | null, expected: string): string | null {
  if (expected === 'number') return boundsOf(s).isInt === true ? 'a whole number' : 'a number';
  return TYPES[expected] ?? null;
}

/**
 * What a plain value should have been, in the scenario's terms rather than zod's ("Invalid input:
 * expected number, received string"): a wrong type, or a number, list or text out of bounds.
 */
function plainExpectation(schemaHere: AnySchema | null, issue: core.$ZodIssue): ((found: string) => string) | null {
  const num = boundsOf(schemaHere);
  const kind = plainType(schemaHere, 'number')!;
  if (issue.code === 'invalid_type') {
    const received = (issue as { received?: string }).received;
    const finite = issue.expected === 'number' && (received === 'NaN' || received === 'Infinity');
    const what = finite ? 'a finite number' : plainType(schemaHere, issue.expected);
    return what === null ? null : (found) => MESSAGES.expected(what, found);
  }
  if (issue.code !== 'too_small' && issue.code !== 'too_big') return null;
  const small = issue.code === 'too_small';
  const bound = Number(small ? issue.minimum : issue.maximum);
  const inclusive = issue.inclusive !== false;
  if (issue.origin === 'number' || issue.origin === 'int') {
    // Both bounds when the schema has two and the one crossed includes its end: "from -1 to 1".
    const lo = num.minValue;
    const hi = num.maxValue;
    const two = inclusive && typeof lo === 'number' && typeof hi === 'number' && Math.abs(lo) < 2 ** 53 - 1 && Math.abs(hi) < 2 ** 53 - 1;
    const op = small ? (inclusive ? '≥' : '>') : inclusive ? '≤' : '<';
    return (found) => MESSAGES.expected(two ? `${kind} from ${lo} to ${hi}` : `${kind} ${op} ${bound}`, found);
  }
  const unit = issue.origin === 'array' ? 'item' : issue.origin === 'string' ? 'character' : null;
  if (unit === null) return null;
  const n = inclusive ? bound : small ? bound + 1 : bound - 1;
  return (found) => MESSAGES.expected(`${small ? 'at least' : 'at most'} ${n} ${unit}${n === 1 ? '' : 's'}`, found);
}

function diagnoseUnion(union: AnySchema | null, input: unknown, issue: core.$ZodIssueInvalidUnion, path: Key[]): Diagnosis[] {
  const options = union && def(union).type === 'union' ? (def(union).options as AnySchema[]).map(unwrap) : [];
  if (options.length !== issue.errors.length) return [{ path, message: issue.message }];
  if (!isPlainObject(input)) {
    // A plain value where a number or a sourced number belongs: what the plain number expects.
    const plain = options.findIndex((o) => def(o).type !== 'object');
    return plain >= 0 ? diagnoseIssues(options[plain]!, input, issue.errors[plain]!, path) : [{ path, message: issue.message }];
  }
  const leads = options.map((o) => keysOf(o)[0]);
  const chosen = leads.findIndex((k) => k !== undefined && Object.hasOwn(input, k));
  if (chosen >= 0) return diagnoseIssues(options[chosen]!, input, issue.errors[chosen]!, path);
  const allKeys = new Set(options.flatMap(keysOf));
  const stray = Object.keys(input).find((k) => !allKeys.has(k));
  const hint = stray
    ? `; ${MESSAGES.unknownItemKey(stray)}${didYouMean(
        stray,
        leads.filter((k): k is string => !!k),
      )}`
    : '';
  return [{ path, ...(stray ? { key: stray } : {}), message: issue.message + hint }];
}

/**
 * An entry with required fields missing whose name is a letter or two from a sibling's
 * (`actors.rusia` beside `actors.russia`, as an extends file easily has) is most likely a
 * misspelling, not a new entry: its missing fields become one problem, located at the name, saying
 * which name it probably meant.
 */
function foldMisspelledEntries(raw: unknown, ds: readonly Diagnosis[]): Diagnosis[] {
  const folded = new Map<string, { index: number; path: readonly Key[]; name: string; fields: string[]; hint: string }>();
  const out: (Diagnosis | null)[] = [];
  for (const d of ds) {
    const entry = d.path.slice(0, -1);
    const name = entry.at(-1);
    const field = d.path.at(-1);
    const siblings = valueAt(raw, entry.slice(0, -1));
    if (d.missing && typeof name === 'string' && typeof field === 'string' && isPlainObject(siblings)) {
      const key = JSON.stringify(entry);
      const group = folded.get(key);
      if (group) {
        group.fields.push(field);
        continue;
      }
      const hint = didYouMean(
        name,
        Object.keys(siblings).filter((k) => k !== name),
      );
      if (hint.startsWith(' (did you mean')) {
        folded.set(key, { index: out.length, path: entry.slice(0, -1), name, fields: [field], hint });
        out.push(null);
        continue;
      }
    }
    out.push(d);
  }
  for (const g of folded.values()) out[g.index] = { path: g.path, key: g.name, message: MESSAGES.newEntryIncomplete(g.fields) + g.hint };
  return out.filter((d): d is Diagnosis => d !== null);
}

/**
 * The first problem in a file Parley wrote and reads back (a transcript, a saved class), as one
 * ScenarioError line: the file, the path of the bad field, and "<what>: <message>".
 */
export function firstProblem(
  schema: AnySchema,
  raw: unknown,
  issues: readonly core.$ZodIssue[],
  file: string,
  what: string,
): ScenarioError {
  const first = diagnose(schema, raw, issues)[0]!;
  const path = first.key ? [...first.path, first.key] : first.path;
  return new ScenarioError([{ file, line: 0, col: 0, path: pathString(path), message: `${what}: ${first.message}` }]);
}
