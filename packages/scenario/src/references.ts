import { isPlainObject } from './merge.js';
import { MESSAGES } from './messages.js';
import type { Key } from './overrides.js';
import { didYouMean } from './suggest.js';

/** What a name in a scenario can refer to, and the collection that defines those names. */
const KINDS = {
  actor: 'actors',
  territory: 'territories',
  alliance: 'alliances',
  'energy tie': 'energy',
  move: 'moves',
  event: 'events',
} as const;
type Kind = keyof typeof KINDS;

/**
 * Every place a scenario refers to something by name. `*` is any key or list index;
 * `<key>` means the keys of that mapping are themselves names. This table is the one
 * definition of the references: the compiler trusts it and fails loudly if it misses one.
 */
const SITES: readonly (readonly [string, Kind])[] = [
  ['actors.*.axis.*', 'actor'],
  ['dispute.claimant', 'actor'],
  ['dispute.holder', 'actor'],
  ['alliances.*.members.*', 'actor'],
  ['sanctions.*.target', 'actor'],
  ['sanctions.*.levels.<key>', 'actor'],
  ['energy.*.exporter', 'actor'],
  ['energy.*.importer', 'actor'],
  ['economy.*.between.*', 'actor'],
  ['trust.*.between.*', 'actor'],
  ['militarisation.<key>', 'actor'],
  ['room.<key>', 'actor'],
  ['moves.*.actor', 'actor'],
  ['offers.*.proposers.*', 'actor'],
  ['reactions.*.trigger', 'move'],
  ['reactions.*.actor', 'actor'],
  ['hindcast.pins.<key>', 'event'],
];

/** Lists of conditions, effects and terms, and the references inside one item. */
const ITEM_LISTS = [
  'moves.*.when.*',
  'events.*.when.*',
  'moves.*.effects.*',
  'events.*.effects.*',
  'reactions.*.effects.*',
  'offers.*.terms.*',
  'hindcast.targets.*.when.*',
];
const ITEM_SITES: readonly (readonly [string, Kind])[] = [
  ['sanctions.*', 'actor'],
  ['trust.*', 'actor'],
  ['economy.*', 'actor'],
  ['militarisation', 'actor'],
  ['room', 'actor'],
  ['trustBaseline.*', 'actor'],
  ['roomBaseline', 'actor'],
  ['cohesion', 'alliance'],
  ['energy', 'energy tie'],
  ['energy.tie', 'energy tie'],
  ['weight.actor', 'actor'],
  ['moveCost.actor', 'actor'],
  ['moveCost.move', 'move'],
  ['dealCost', 'actor'],
  ['transfer.*', 'territory'],
  ['jointAdministration.*', 'territory'],
  ['continuedTalks.*', 'territory'],
  ['sanctionsRelief.imposer', 'actor'],
  ['sanctionsRelief.target', 'actor'],
  ['investment.from', 'actor'],
  ['investment.to', 'actor'],
  ['move', 'move'],
];

export const ALL_SITES: readonly (readonly [string, Kind])[] = [
  ...SITES,
  ...ITEM_LISTS.flatMap((list) => ITEM_SITES.map(([p, k]) => [`${list}.${p}`, k] as const)),
];

type Visit = (value: unknown, path: Key[], isKey: boolean) => void;

/** Call `visit` for every string found at a pattern's positions in raw (unvalidated) data. */
function walk(node: unknown, segs: readonly string[], path: Key[], visit: Visit): void {
  if (segs.length === 0) {
    visit(node, path, false);
    return;
  }
  const [seg, ...rest] = segs as [string, ...string[]];
  if (seg === '<key>') {
    if (isPlainObject(node)) for (const k of Object.keys(node)) visit(k, [...path, k], true);
    return;
  }
  if (seg === '*') {
    if (Array.isArray(node)) for (const [i, v] of node.entries()) walk(v, rest, [...path, i], visit);
    else if (isPlainObject(node)) for (const [k, v] of Object.entries(node)) walk(v, rest, [...path, k], visit);
    return;
  }
  if (isPlainObject(node) && Object.hasOwn(node, seg)) walk(node[seg], rest, [...path, seg], visit);
}

/** The names each collection defines, from raw data; null for a collection that is not a mapping (the schema reports it). */
export function definedNames(raw: unknown): Record<Kind, string[] | null> {
  const o = isPlainObject(raw) ? raw : {};
  const names = {} as Record<Kind, string[] | null>;
  for (const [kind, field] of Object.entries(KINDS) as [Kind, string][]) {
    const coll = o[field];
    names[kind] = coll === undefined ? [] : isPlainObject(coll) ? Object.keys(coll) : null;
  }
  return names;
}

/** Every name that refers to nothing, with a suggestion. Works on raw data, so it runs alongside the schema check. */
export function checkReferences(raw: unknown): { path: Key[]; name: string; message: string }[] {
  const names = definedNames(raw);
  const out: { path: Key[]; name: string; message: string }[] = [];
  for (const [pattern, kind] of ALL_SITES) {
    const known = names[kind];
    if (known === null) continue;
    walk(raw, pattern.split('.'), [], (value, path) => {
      if (typeof value !== 'string' || known.includes(value)) return;
      out.push({ path, name: value, message: MESSAGES.unknownReference(kind, value) + didYouMean(value, known) });
    });
  }
  return out;
}

/**
 * Every citation of an article the scenario does not declare in `sources`: a dangling reference
 * like an unknown actor. Citations may sit at any depth (`…source.doc`).
 */
export function checkCitations(raw: unknown): { path: Key[]; message: string }[] {
  if (!isPlainObject(raw)) return [];
  const declared = raw.sources === undefined ? [] : isPlainObject(raw.sources) ? Object.keys(raw.sources) : null;
  if (declared === null) return [];
  const out: { path: Key[]; message: string }[] = [];
  const visit = (node: unknown, path: Key[]): void => {
    if (Array.isArray(node)) {
      node.forEach((v, k) => {
        visit(v, [...path, k]);
      });
      return;
    }
    if (!isPlainObject(node)) return;
    for (const [k, v] of Object.entries(node)) {
      if (k === 'source' && isPlainObject(v) && typeof v.doc === 'string' && /^[\w.-]+$/.test(v.doc) && !declared.includes(v.doc))
        out.push({ path: [...path, k, 'doc'], message: MESSAGES.undeclaredSource(v.doc) + didYouMean(v.doc, declared) });
      else if (k !== 'sources') visit(v, [...path, k]);
    }
  };
  visit(raw, []);
  return out;
}
