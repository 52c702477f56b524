import { createHash } from 'node:crypto';
import { deserialize, serialize } from 'node:v8';
import type { Model } from '@parley/core';

/**
 * A model as the batch's worker threads receive it: its structured-clone bytes in shared memory,
 * so a task carries a reference, not a copy, and each worker decodes a model once (the first task
 * of it that it runs) rather than receiving a clone with every chunk. The bytes are V8's own
 * serialisation, which keeps every double as it is (-0, Infinity), unlike JSON.
 */
export interface SharedModel {
  /** A content hash of the model: what a worker keeps its decoded model and compiled kernel by. */
  readonly key: string;
  readonly bytes: SharedArrayBuffer;
}

const shared = new WeakMap<Model, SharedModel>();

/** The shared form of `m`, made once per model object. */
export function shareModel(m: Model): SharedModel {
  let s = shared.get(m);
  if (!s) {
    const b = serialize(m);
    const bytes = new SharedArrayBuffer(b.length);
    new Uint8Array(bytes).set(b);
    s = { key: createHash('sha256').update(b).digest('hex'), bytes };
    shared.set(m, s);
  }
  return s;
}

/** The model back from its shared bytes (a new object each call: workers keep theirs by key). */
export const unshareModel = (s: SharedModel): Model => deserialize(new Uint8Array(s.bytes)) as Model;
