import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { SCHEMA_PATH, schemaText } from '../scripts/write-schema.js';
import { findScenarioFiles } from '../src/catalog.js';

const ROOT = fileURLToPath(new URL('../../../scenarios/', import.meta.url));
const ajv = new Ajv2020({ strict: false, allErrors: true });
const validate = ajv.compile(JSON.parse(readFileSync(SCHEMA_PATH, 'utf8')));

describe('scenarios/scenario.schema.json', () => {
  it('is the JSON Schema generated from the zod schema (run pnpm schema after changing it)', () => {
    expect(readFileSync(SCHEMA_PATH, 'utf8')).toBe(schemaText());
  });

  it.each(findScenarioFiles(ROOT, { bases: true }).map((f) => [f.slice(ROOT.length)]))('accepts %s as an editor would see it', (name) => {
    const ok = validate(parse(readFileSync(ROOT + name, 'utf8')));
    expect(validate.errors ?? []).toEqual([]);
    expect(ok).toBe(true);
  });

  it('flags what an editor should flag: a misspelled field, an out-of-range weight, a missing field without extends', () => {
    const base = parse(readFileSync(`${ROOT}kuril/_base.yaml`, 'utf8'));
    expect(validate({ ...base, horizonn: 4 })).toBe(false);
    const bad = structuredClone(base);
    bad.actors.japan.weights.territory.value = 3;
    expect(validate(bad)).toBe(false);
    const { title: _, ...untitled } = base;
    expect(validate(untitled)).toBe(false);
    expect(validate({ extends: '_base.yaml', actors: { japan: { walkAwayMargin: { value: 0.02, assumption: 'a what-if' } } } })).toBe(true);
    expect(validate({ extends: '_base.yaml', actors: { japan: { walkAwayMargin: { value: 2, assumption: 'too big' } } } })).toBe(false);
  });
});
