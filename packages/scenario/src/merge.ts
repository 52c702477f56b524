/**
 * JSON Merge Patch (RFC 7386), the rule by which a scenario overrides the one it
 * `extends`: mappings merge key by key, `null` deletes a key, anything else (numbers,
 * strings, lists) replaces. One exception keeps provenance honest: a sourced value (a
 * mapping with a `value`) replaces the old one whole, so an old source never stays
 * attached to a new number. Keys are defined, never assigned, so `__proto__` in a file
 * is an ordinary (and later rejected) key, not a prototype.
 */
export const isPlainObject = (x: unknown): x is Record<string, unknown> => typeof x === 'object' && x !== null && !Array.isArray(x);

export function define(o: Record<string, unknown>, key: string, value: unknown): void {
  Object.defineProperty(o, key, { value, enumerable: true, writable: true, configurable: true });
}

export function mergePatch(target: unknown, patch: unknown): unknown {
  if (!isPlainObject(patch)) return patch;
  const out: Record<string, unknown> = {};
  if (isPlainObject(target) && !Object.hasOwn(patch, 'value')) for (const [k, v] of Object.entries(target)) define(out, k, v);
  for (const [k, v] of Object.entries(patch)) {
    if (v === null) delete out[k];
    else define(out, k, mergePatch(Object.hasOwn(out, k) ? out[k] : undefined, v));
  }
  return out;
}
