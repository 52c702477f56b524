import { describe, expect, it } from 'vitest';
import { ScenarioError } from '../src/issues.js';
import { parseScenario } from '../src/load.js';
import { mergePatch } from '../src/merge.js';

const minimal = `id: mini
title: Minimal
start: 2020Q1
horizon: 4
actors:
  a: { name: A, role: party, temperature: { value: 0.01, assumption: "x x" }, walkAwayMargin: { value: 0.01, assumption: "x x" }, mass: { value: 1, assumption: "x x" }, weights: { territory: { value: 1, assumption: "x x" } } }
  b: { name: B, role: party, temperature: { value: 0.01, assumption: "x x" }, walkAwayMargin: { value: 0.01, assumption: "x x" }, mass: { value: 1, assumption: "x x" }, weights: { territory: { value: 1, assumption: "x x" } } }
territories:
  t: { name: T, area: { value: 1, assumption: "x x" } }
dispute: { claimant: a, holder: b }
defaultTrust: { value: 0.5, assumption: "x x" }
room: { a: { value: 0.5, assumption: "x x" }, b: { value: 0.5, assumption: "x x" } }
talks: { active: true, assumption: "x x" }
jointActivity: { value: 0, assumption: "x x" }
params:
${['meetingRate', 'offerRate', 'claimantProposes', 'jointShare', 'claimValue', 'contestCost', 'basingRisk', 'meetingTrust', 'drift', 'ratificationScale', 'cooperativeThreshold'].map((k) => `  ${k}: { value: 0.5, assumption: "x x" }`).join('\n')}
offers:
  hand-over: { label: hand over, proposers: [a], terms: [{ transfer: [t] }, { peaceTreaty: true }], assumption: "x x" }
`;

const files: Record<string, string> = { '/s/base.yaml': minimal };
const readFile = (p: string): string => {
  const t = files[p];
  if (t === undefined) throw new Error('no such file');
  return t;
};
const load = (text: string, sets: string[] = []) => parseScenario(text, '/s/child.yaml', { readFile, sets });
const problems = (f: () => unknown): string[] => {
  try {
    f();
  } catch (e) {
    if (e instanceof ScenarioError) return e.message.split('\n');
    throw e;
  }
  return [];
};

describe('extends', () => {
  it('merges mappings key by key, deletes with null and replaces lists', () => {
    expect(mergePatch({ a: { x: 1, y: 2 }, l: [1, 2] }, { a: { y: 3, z: null }, l: [9] })).toEqual({ a: { x: 1, y: 3 }, l: [9] });
    expect(mergePatch({ a: { x: 1, y: 2 } }, { a: { x: null } })).toEqual({ a: { y: 2 } });
  });

  it('replaces a sourced value whole, so an old source never stays on a new number', () => {
    const merged = mergePatch({ v: { value: 1, source: { doc: 'd', quote: 'q q q' } } }, { v: { value: 2, assumption: 'new' } });
    expect(merged).toEqual({ v: { value: 2, assumption: 'new' } });
  });

  it('a child overrides its base and records both files', () => {
    const sc = load('extends: base.yaml\nid: child\nhorizon: 8\n');
    expect(sc.data.id).toBe('child');
    expect(sc.data.horizon).toBe(8);
    expect(sc.data.title).toBe('Minimal');
    expect(sc.files).toEqual(['/s/base.yaml', '/s/child.yaml']);
  });

  it('follows an absolute path, and the relative extends of the file it names from that file', () => {
    files['/elsewhere/deep/mid.yaml'] = 'extends: ../../s/base.yaml\nhorizon: 6\n';
    const sc = parseScenario('extends: /elsewhere/deep/mid.yaml\nid: child\n', '/t/child.yaml', { readFile, sets: [] });
    expect(sc.data.horizon).toBe(6);
    expect(sc.data.title).toBe('Minimal');
    expect(sc.files).toEqual(['/s/base.yaml', '/elsewhere/deep/mid.yaml', '/t/child.yaml']);
  });

  it('locates a bad value, and a field deleted with null, in the file that did it', () => {
    const issues = problems(() =>
      load('extends: base.yaml\nid: child\nactors:\n  a:\n    role: null\n    mass: { value: -1, assumption: "x x" }\n'),
    );
    expect(issues).toContainEqual(expect.stringMatching(/^\/s\/child\.yaml:6:\d+ {2}actors\.a\.mass\.value {2}expected a number from /));
    expect(issues).toContainEqual(expect.stringMatching(/^\/s\/child\.yaml:5:\d+ {2}actors\.a\.role {2}missing required field/));
  });

  it('names a cycle, and a missing base, at the extends field', () => {
    files['/s/loop-a.yaml'] = 'extends: loop-b.yaml\n';
    files['/s/loop-b.yaml'] = 'extends: child.yaml\n';
    expect(problems(() => load('id: x\nextends: loop-a.yaml\n'))).toEqual([
      '/s/loop-b.yaml:1:10  extends  extends forms a cycle: child.yaml -> loop-a.yaml -> loop-b.yaml -> child.yaml',
    ]);
    expect(problems(() => load('extends: nowhere.yaml\n'))).toEqual([
      '/s/child.yaml:1:10  extends  cannot extend "nowhere.yaml": no such file',
    ]);
  });
});

describe('--set overrides', () => {
  it('set a number on a sourced value, marking it as set on the command line', () => {
    const sc = load('extends: base.yaml\n', ['actors.a.walkAwayMargin=0.2', 'horizon=12', 'talks.active=false']);
    expect(sc.data.actors.a!.walkAwayMargin).toEqual({
      value: 0.2,
      assumption: 'set on the command line: --set actors.a.walkAwayMargin=0.2',
    });
    expect(sc.data.horizon).toBe(12);
    expect(sc.data.talks.active).toBe(false);
    expect(sc.sets).toEqual(['actors.a.walkAwayMargin=0.2', 'horizon=12', 'talks.active=false']);
  });

  it('are validated like the file, and located at the override', () => {
    expect(
      problems(() => load('extends: base.yaml\n', ['actors.a.walkAwayMargin=7', 'actors.a.weigths.territory=1', 'dispute.holder=c'])),
    ).toEqual([
      '--set actors.a.walkAwayMargin=7  actors.a.walkAwayMargin.value  expected a number from -1 to 1 (found 7)',
      '--set actors.a.weigths.territory=1  actors.a.weigths  unknown field "weigths" (did you mean "weights"?)',
      '--set dispute.holder=c  dispute.holder  unknown actor "c"; expected one of: a, b',
    ]);
    expect(problems(() => load('extends: base.yaml\n', ['horizon']))).toEqual([
      '--set horizon  expected --set path=value, e.g. --set actors.russia.walkAwayMargin=0.07',
    ]);
  });

  it('change the scenario hash, so runs of a what-if never share random streams with the original', () => {
    expect(load('extends: base.yaml\n', ['horizon=5']).hash).not.toBe(load('extends: base.yaml\n').hash);
  });
});
