/**
 * Writes scenarios/scenario.schema.json and the field reference in docs/scenarios.md,
 * both generated from the zod schema (pnpm schema). Tests keep both in sync.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { scenarioJsonSchema } from '../src/json-schema.js';
import { fieldReference } from './field-reference.js';

export const SCHEMA_PATH = fileURLToPath(new URL('../../../scenarios/scenario.schema.json', import.meta.url));
export const SCENARIO_DOC_PATH = fileURLToPath(new URL('../../../docs/scenarios.md', import.meta.url));
export const schemaText = (): string => `${JSON.stringify(scenarioJsonSchema(), null, 2)}\n`;

/** docs/scenarios.md with its generated field reference brought up to date. */
export function scenarioDocText(current: string): string {
  const re = /(<!-- generated:fields -->)[\s\S]*?(<!-- \/generated:fields -->)/;
  if (!re.test(current)) throw new Error('docs/scenarios.md has no generated:fields block');
  return current.replace(re, (_, open: string, close: string) => `${open}\n${fieldReference()}\n${close}`);
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  writeFileSync(SCHEMA_PATH, schemaText());
  writeFileSync(SCENARIO_DOC_PATH, scenarioDocText(readFileSync(SCENARIO_DOC_PATH, 'utf8')));
  console.log(`wrote ${SCHEMA_PATH} and the field reference in ${SCENARIO_DOC_PATH}`);
}
