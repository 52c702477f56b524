import { readdirSync } from 'node:fs';
import { join } from 'node:path';

/** Folders under a scenarios root that hold no scenarios. */
const NOT_SCENARIOS = new Set(['sources', 'exercises', 'node_modules']);

/**
 * The scenario files under a folder, sorted: *.yaml, *.yml and *.json, skipping source
 * articles, exercises and the JSON Schema. Files whose names start with "_" are shared
 * bases for others to extend; they are included only when asked for.
 */
export function findScenarioFiles(root: string, options: { bases?: boolean } = {}): string[] {
  const out: string[] = [];
  const visit = (dir: string): void => {
    for (const e of readdirSync(dir, { withFileTypes: true })) {
      if (e.isDirectory()) {
        if (!NOT_SCENARIOS.has(e.name) && !e.name.startsWith('.')) visit(join(dir, e.name));
      } else if (/\.(ya?ml|json)$/.test(e.name) && !e.name.endsWith('.schema.json') && (options.bases || !e.name.startsWith('_'))) {
        out.push(join(dir, e.name));
      }
    }
  };
  visit(root);
  return out.sort();
}
