import { z } from 'zod';
import { Scenario } from './schema.js';

type Json = Record<string, unknown>;

const PARTIAL = 'Partial';

/**
 * A copy of a JSON Schema for overrides: every `required` list removed, every field
 * allowed to be null (which deletes it), and references pointed at the partial copies
 * of the definitions. This is what a file that `extends` another may contain.
 */
function partial(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(partial);
  if (node === null || typeof node !== 'object') return node;
  const out: Json = {};
  const orNull = (v: unknown): unknown => ({ anyOf: [partial(v), { type: 'null' }] });
  for (const [k, v] of Object.entries(node)) {
    if (k === 'required') continue;
    if (k === '$ref' && typeof v === 'string') out[k] = `${v}${PARTIAL}`;
    else if (k === 'properties' && v && typeof v === 'object')
      out[k] = Object.fromEntries(Object.entries(v).map(([name, sub]) => [name, orNull(sub)]));
    else if (k === 'additionalProperties' && v && typeof v === 'object') out[k] = orNull(v);
    else out[k] = partial(v);
  }
  return out;
}

/**
 * The scenario format as JSON Schema (draft 2020-12), generated from the zod schema so
 * the two cannot disagree. Editors use it for completion and checking. A file with
 * `extends` is checked as an override: any field may be left out. Rules the JSON Schema
 * cannot express (references, areas summing to 1, quotes in articles) are checked by
 * `parley validate`.
 */
export function scenarioJsonSchema(): Json {
  const full = z.toJSONSchema(Scenario, { io: 'input', unrepresentable: 'any' }) as Json;
  const { $schema, ...body } = full;
  const { properties, required, additionalProperties, type, $defs = {}, ...rest } = body as Json;
  const defs = $defs as Json;
  const partialDefs = Object.fromEntries(Object.entries(defs).map(([k, v]) => [`${k}${PARTIAL}`, partial(v)]));
  return {
    $schema,
    $id: 'https://parley.dev/scenario.schema.json',
    title: 'Parley scenario',
    description: 'A Parley negotiation scenario. See docs/scenarios.md.',
    ...rest,
    type,
    if: { required: ['extends'] },
    // biome-ignore lint/suspicious/noThenProperty: JSON Schema's if/then/else, not a thenable
    then: { properties: partial(properties), additionalProperties },
    else: { properties, additionalProperties, required },
    $defs: { ...defs, ...partialDefs },
  };
}
