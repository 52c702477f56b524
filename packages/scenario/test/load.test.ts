import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { formatIssue, ScenarioError } from '../src/issues.js';
import { parseScenario } from '../src/load.js';

const flagshipText = readFileSync(fileURLToPath(new URL('../../../scenarios/kuril/_base.yaml', import.meta.url)), 'utf8');

/** The located issues a broken variant of the flagship produces, as printed. */
function issuesOf(text: string): string[] {
  try {
    parseScenario(text, 'bad.yaml');
  } catch (e) {
    if (e instanceof ScenarioError) return e.issues.map(formatIssue);
    throw e;
  }
  return [];
}

const lineOf = (needle: string): number => flagshipText.split('\n').findIndex((l) => l.includes(needle)) + 1;

describe('loading scenarios', () => {
  it('loads the flagship into a model with four actors and four territories whose areas sum to 1', () => {
    const sc = parseScenario(flagshipText, 'f.yaml');
    expect(sc.model.actors.map((a) => a.id)).toEqual(['japan', 'russia', 'us', 'china']);
    expect(sc.model.territories.reduce((s, t) => s + t.area, 0)).toBeCloseTo(1, 10);
    expect(sc.hash).toMatch(/^[0-9a-f]{64}$/);
  });

  it('locates an out-of-range number at its line and column, with the path and what was found', () => {
    const text = flagshipText.replace('territory: { value: 0.30, source: { doc: 003', 'territory: { value: 1.30, source: { doc: 003');
    const [issue] = issuesOf(text);
    expect(issue).toMatch(
      new RegExp(
        `^bad\\.yaml:${lineOf('territory: { value: 0.30, source: { doc: 003')}:\\d+  actors\\.japan\\.weights\\.territory\\.value  expected a number from -1 to 1 \\(found 1\\.3\\)$`,
      ),
    );
  });

  it('names an unknown field at the field itself', () => {
    const text = flagshipText.replace('    mass: { value: 0.5,', '    masss: { value: 0.5,');
    const issues = issuesOf(text);
    expect(issues.some((i) => /:\d+:5 {2}actors\.japan\.masss {2}unknown field "masss"/.test(i))).toBe(true);
  });

  it('calls a missing field missing, whatever its type, and says what it expects', () => {
    const text = flagshipText.replace('    role: party\n', '').replace('    name: Japan\n', '');
    const issues = issuesOf(text);
    expect(issues).toContainEqual(
      expect.stringMatching(/actors\.japan\.role {2}missing required field \(expected one of "party"\|"third"\)$/),
    );
    expect(issues).toContainEqual(expect.stringMatching(/actors\.japan\.name {2}missing required field \(expected text\)$/));
  });

  it('reports a reference to an undefined actor with a suggestion', () => {
    const text = flagshipText.replace('dispute: { claimant: japan, holder: russia }', 'dispute: { claimant: japn, holder: russia }');
    expect(issuesOf(text)).toEqual([expect.stringMatching(/dispute\.claimant {2}unknown actor "japn" \(did you mean "japan"\?\)/)]);
  });

  it('reports YAML syntax errors with their position, and every problem at once', () => {
    expect(issuesOf('id: x\n  bad: [\n')[0]).toMatch(/^bad\.yaml:\d+:\d+ {2}/);
    const two = flagshipText.replace('horizon: 40', 'horizon: -4').replace('start: 2016Q2', 'start: 2016Q5');
    expect(issuesOf(two)).toHaveLength(2);
  });

  it('refuses alias bombs and reserved keys', () => {
    const bomb = [
      'a: &a [x, x, x, x, x, x, x, x, x]',
      ...Array.from(
        { length: 8 },
        (_, i) =>
          `${String.fromCharCode(98 + i)}: &${String.fromCharCode(98 + i)} [*${String.fromCharCode(97 + i)}, *${String.fromCharCode(97 + i)}, *${String.fromCharCode(97 + i)}, *${String.fromCharCode(97 + i)}, *${String.fromCharCode(97 + i)}, *${String.fromCharCode(97 + i)}, *${String.fromCharCode(97 + i)}, *${String.fromCharCode(97 + i)}, *${String.fromCharCode(97 + i)}]`,
      ),
    ].join('\n');
    expect(issuesOf(bomb)[0]).toMatch(/alias|cannot read/i);
    const proto = flagshipText.replace('  china:\n    name: China', '  constructor:\n    name: China');
    expect(issuesOf(proto).some((i) => i.includes('reserved'))).toBe(true);
  });
});
