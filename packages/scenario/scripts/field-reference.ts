/**
 * The scenario field reference in docs/scenarios.md, generated from the JSON Schema
 * (itself generated from the zod schema), so the docs cannot drift from the loader.
 */
import { scenarioJsonSchema } from '../src/json-schema.js';

type J = Record<string, unknown>;
const isObj = (x: unknown): x is J => typeof x === 'object' && x !== null && !Array.isArray(x);

const range = (s: J): string => {
  const lo = s.minimum ?? s.exclusiveMinimum;
  const hi = s.maximum ?? s.exclusiveMaximum;
  return lo !== undefined || hi !== undefined ? ` in [${lo ?? '−∞'}, ${hi ?? '∞'}]` : '';
};

/** The pattern of names (ids); shown as "id". */
const ID_PATTERN = '^[a-z][a-z0-9-]*$';

const anchor = (name: string): string => `#${name.toLowerCase()}`;

/** A short human description of a schema's type. */
export function typeOf(s: unknown): string {
  if (!isObj(s)) return 'any';
  if (typeof s.$ref === 'string') {
    const name = s.$ref.split('/').pop()!;
    return `[${name}](${anchor(name)})`;
  }
  if (Array.isArray(s.enum)) return s.enum.map((v) => `\`${String(v)}\``).join(' \\| ');
  if (s.const !== undefined) return `\`${JSON.stringify(s.const)}\``;
  if (Array.isArray(s.anyOf) || Array.isArray(s.oneOf)) {
    const opts = (s.anyOf ?? s.oneOf) as unknown[];
    return opts.map(typeOf).join(' or ');
  }
  if (s.type === 'array') {
    if (Array.isArray(s.prefixItems)) return `pair [${(s.prefixItems as unknown[]).map(typeOf).join(', ')}]`;
    const min = typeof s.minItems === 'number' && s.minItems > 0 ? ` (at least ${s.minItems})` : '';
    return `list of ${typeOf(s.items)}${min}`;
  }
  if (s.type === 'object') {
    const props = isObj(s.properties) ? s.properties : null;
    if (props && 'between' in props) return `{ between: [actor, actor], value${range(props.value as J)}, source | assumption }`;
    if (props && 'value' in props && 'assumption' in props) return `sourced number${range(props.value as J)}`;
    if (props) return `{ ${Object.keys(props).join(', ')} }`;
    if (isObj(s.additionalProperties)) return `mapping of name → ${typeOf(s.additionalProperties)}`;
    return 'mapping';
  }
  if (s.type === 'integer') return `whole number${range(s)}`;
  if (s.type === 'number') return `number${range(s)}`;
  if (s.type === 'string') {
    if (s.pattern === ID_PATTERN) return 'id';
    return typeof s.pattern === 'string' ? `string matching \`${s.pattern}\`` : 'string';
  }
  if (s.type === 'boolean') return '`true` \\| `false`';
  return String(s.type ?? 'any');
}

const cell = (x: string): string => x.replace(/\|/g, '\\|').replace(/\n/g, ' ');

function table(obj: J): string[] {
  const props = isObj(obj.properties) ? obj.properties : {};
  const required = new Set(Array.isArray(obj.required) ? (obj.required as string[]) : []);
  const rows = ['| field | type | required | meaning |', '|---|---|---|---|'];
  for (const [name, s] of Object.entries(props)) {
    const sj = isObj(s) ? s : {};
    const def = sj.default !== undefined ? `no (default \`${JSON.stringify(sj.default)}\`)` : required.has(name) ? 'yes' : 'no';
    const meaning = sj.description === SOURCED ? '' : String(sj.description ?? '');
    rows.push(`| \`${name}\` | ${typeOf(s).replace(/\n/g, ' ')} | ${def} | ${cell(meaning)} |`);
  }
  return rows;
}

function variants(def: J): string[] {
  const opts = (def.anyOf ?? def.oneOf ?? []) as J[];
  return opts.map((o) => {
    const props = isObj(o.properties) ? o.properties : {};
    return `- ${Object.entries(props)
      .map(([k, v]) => `\`${k}\`: ${typeOf(v)}`)
      .join(', ')}`;
  });
}

/** The generic description every sourced value carries; field tables show the field's own meaning instead. */
const SOURCED = 'A number with its source or the assumption behind it';

const ORDER = ['Actor', 'Territory', 'Params', 'Move', 'Condition', 'Effect', 'Offer', 'Term', 'Event', 'Reaction', 'Source', 'Quarter'];

export function fieldReference(): string {
  const schema = scenarioJsonSchema();
  const full = schema.else as J;
  const defs = schema.$defs as J;
  const out: string[] = ['### Top level', '', ...table({ ...full, properties: full.properties }), ''];
  for (const name of ORDER) {
    const d = defs[name] as J;
    out.push(`### ${name}`, '');
    if (typeof d.description === 'string') out.push(d.description, '');
    if (d.anyOf || d.oneOf) out.push('One of:', '', ...variants(d), '');
    else if (d.type === 'object') out.push(...table(d), '');
    else out.push(`${typeOf(d)}`, '');
  }
  return out.join('\n').trimEnd();
}
