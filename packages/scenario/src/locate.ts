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

/** How many leading segments of `path` exist in a file, and the node of the deepest one. */
function deepest(src: YamlSource, path: readonly Key[]): { depth: number; node: Node | undefined } {
  for (let depth = path.length; depth > 0; depth--) {
    const node = src.doc.getIn(path.slice(0, depth), true);
    if (isNode(node)) return { depth, node };
  }
  return { depth: 0, node: isNode(src.doc.contents) ? src.doc.contents : undefined };
}

/** How much of `path` an override wrote: all of it when the override's path is a prefix of it or lies under it. */
function overrideDepth(set: Override, path: readonly Key[]): number {
  const n = Math.min(set.path.length, path.length);
  for (let i = 0; i < n; i++) if (set.path[i] !== path[i]) return 0;
  return path.length;
}

/**
 * Where the value at `path` came from: the layer that reaches deepest along the path
 * (an override that wrote it, or the file that defines most of it). When several layers
 * hold the whole path, the last one's value is in effect; when none does, the first
 * (base) one that defines the most of it is where the field belongs. `key` points at an
 * offending key inside the mapping at `path`.
 */
export function locate(layers: readonly Layer[], path: readonly Key[], key?: string): Position {
  let best: { depth: number; pos: Position } | null = null;
  for (const layer of layers) {
    if (layer.kind === 'set') {
      const depth = overrideDepth(layer.set, key === undefined ? path : [...path, key]);
      if (depth > 0 && (best === null || depth >= best.depth)) best = { depth, pos: { file: `--set ${layer.set.arg}`, line: 0, col: 0 } };
      continue;
    }
    const src = layer.src;
    let { depth, node } = deepest(src, path);
    if (depth === path.length && key !== undefined && isMap(node)) {
      const pair = node.items.find((p) => isPair(p) && isScalar(p.key) && p.key.value === key);
      if (pair && isNode(pair.key)) {
        node = pair.key;
        depth++;
      }
    }
    const full = path.length + (key === undefined ? 0 : 1);
    if (best !== null && (depth < best.depth || (depth === best.depth && depth < full))) continue;
    const range = node?.range;
    const at = range ? src.lines.linePos(range[0]) : { line: 1, col: 1 };
    best = { depth, pos: { file: src.file, ...at } };
  }
  return best?.pos ?? { file: '', line: 0, col: 0 };
}
