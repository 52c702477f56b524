import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { formatIssue, loadScenarioFile, ScenarioError } from '@parley/scenario';
import { describe, expect, it } from 'vitest';

/**
 * The corpus of broken scenario files: each ends with `# expect:` lines giving every
 * problem the loader must report, as `line:col  path  message` (the file's own name left
 * out; a problem located in another file, such as a base it extends, names that file).
 */
const DIR = fileURLToPath(new URL('./scenario-errors/', import.meta.url));
const files = readdirSync(DIR)
  .filter((f) => f.endsWith('.yaml'))
  .sort();

function reported(file: string): string[] {
  try {
    loadScenarioFile(join(DIR, file));
  } catch (e) {
    if (!(e instanceof ScenarioError)) throw e;
    // Issues in the file itself drop its name; issues in another file (a base it extends) keep that file's name.
    return e.issues.map((i) => {
      const other = i.file.endsWith(`/${file}`) ? '' : i.file.slice(i.file.lastIndexOf('/') + 1);
      return formatIssue({ ...i, file: other })
        .replace(/^:/, '')
        .trimStart();
    });
  }
  return [];
}

describe('broken scenario files', () => {
  it('the corpus has at least 30 files', () => {
    expect(files.length).toBeGreaterThanOrEqual(30);
  });

  it.each(files)('%s is reported, located, with what was expected', (file) => {
    const expected = readFileSync(join(DIR, file), 'utf8')
      .split('\n')
      .filter((l) => l.startsWith('# expect: '))
      .map((l) => l.slice('# expect: '.length));
    expect(expected.length).toBeGreaterThan(0);
    expect(reported(file)).toEqual(expected);
  });
});
