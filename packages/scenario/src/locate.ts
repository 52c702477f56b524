import { isMap, isNode, isPair, isScalar, type Node } from 'yaml';
import type { Key, Override } from './overrides.js';
import type { YamlSource } from './yaml-source.js';

/** A scenario is built from layers: its files (base first, from `extends`) then `--set` overrides. */
export type Layer = { readonly kind: 'file'; readonly src: YamlSource } | { readonly kind: 'set'; readonly set: Override };

export interface Position {
  readonly file: string;
  readonly line: number;
  readonly col: number;
}

interface Reach {
  /** How many leading segments of the path exist in this layer. */
  readonly depth: number;
  readonly node: Node | undefined;
  /** The depth of the first non-mapping node above the end of the path: merging replaces everything below it. */
  readonly replacesFrom: number;
}

function reach(src: YamlSource, path: readonly Key[]): Reach {
  let node: Node | undefined = isNode(src.doc.contents) ? src.doc.contents : undefined;
  let depth = 0;
  let replacesFrom = Number.POSITIVE_INFINITY;
  for (let k = 1; k <= path.length; k++) {
    const next = src.doc.getIn(path.slice(0, k), true);
    if (!isNode(next)) break;
    node = next;
    depth = k;
    if (!isMap(next) && replacesFrom === Number.POSITIVE_INFINITY) replacesFrom = k;
  }
  return { depth, node, replacesFrom };
}

/** How much of `path` an override wrote: all of it when the override's path is a prefix of it or lies under it. */
function overrideDepth(set: Override, path: readonly Key[]): number {
  const n = Math.min(set.path.length, path.length);
  for (let i = 0; i < n; i++) if (set.path[i] !== path[i]) return 0;
  return path.length;
}

/**
 * Where the value at `path` came from. Layers are read from the last (the value in
 * effect) to the first; a layer that holds a list or a scalar on the way down replaced
 * whatever earlier layers had below it. The deepest reach wins; on a tie, the last layer
 * if it holds the whole path (its value is in effect), else the first (the base file
 * that defines the object the field belongs to). `key` is an offending key inside the
 * mapping at `path`.
 */
export function locate(layers: readonly Layer[], path: readonly Key[], key?: string): Position {
  const full = key === undefined ? path : [...path, key];
  let best: { depth: number; pos: Position } | null = null;
  let cap = Number.POSITIVE_INFINITY;
  for (let i = layers.length - 1; i >= 0; i--) {
    const layer = layers[i]!;
    if (layer.kind === 'set') {
      const depth = overrideDepth(layer.set, full);
      if (depth > 0 && best === null) best = { depth, pos: { file: `${layer.set.flag} ${layer.set.arg}`, line: 0, col: 0 } };
      if (depth > 0 && layer.set.path.length <= full.length) cap = Math.min(cap, layer.set.path.length - 1);
      continue;
    }
    const r = reach(layer.src, full);
    const depth = Math.min(r.depth, cap);
    let node = depth === r.depth ? r.node : layer.src.doc.getIn(full.slice(0, depth), true);
    cap = Math.min(cap, r.replacesFrom);
    if (best !== null && (depth < best.depth || (depth === best.depth && depth === full.length))) continue;
    if (key !== undefined && depth >= path.length) {
      const parent = layer.src.doc.getIn(path, true);
      const pair = isMap(parent) ? parent.items.find((p) => isPair(p) && isScalar(p.key) && p.key.value === key) : undefined;
      if (pair && isNode(pair.key)) node = pair.key;
    }
    const range = isNode(node) ? node.range : undefined;
    const at = range ? layer.src.lines.linePos(range[0]) : { line: 1, col: 1 };
    best = { depth, pos: { file: layer.src.file, ...at } };
  }
  return best?.pos ?? { file: '', line: 0, col: 0 };
}
