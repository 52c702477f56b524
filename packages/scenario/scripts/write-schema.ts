/** Writes scenarios/scenario.schema.json from the zod schema (pnpm schema). A test keeps the file in sync. */
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { scenarioJsonSchema } from '../src/json-schema.js';

export const SCHEMA_PATH = fileURLToPath(new URL('../../../scenarios/scenario.schema.json', import.meta.url));
export const schemaText = (): string => `${JSON.stringify(scenarioJsonSchema(), null, 2)}\n`;

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  writeFileSync(SCHEMA_PATH, schemaText());
  console.log(`wrote ${SCHEMA_PATH}`);
}
