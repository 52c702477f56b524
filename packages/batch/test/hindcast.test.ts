import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { simulateFast } from '@parley/engine';
import { parseScenario, pinOverrides, ScenarioError } from '@parley/scenario';
import { describe, expect, it } from 'vitest';
import { hindcast } from '../src/hindcast.js';

const TUTORIAL = fileURLToPath(new URL('../../../scenarios/tutorial/lighthouse-island.yaml', import.meta.url));
const text = readFileSync(TUTORIAL, 'utf8');
const SOURCE = '{ doc: x.txt, quote: "a quote" }';
const sourced = `${text}\nsources: { x.txt: { title: X } }\n`;
const withHindcast = (body: string): string => `${sourced}hindcast:\n${body}`;
const load = (t: string, sets: string[] = []) => parseScenario(t, TUTORIAL, { sets });
const errors = (t: string): string[] => {
  try {
    const sc = load(t);
    return sc.hindcastProblems.map((i) => `${i.line}:${i.col}  ${i.path}  ${i.message}`);
  } catch (e) {
    if (e instanceof ScenarioError) return e.issues.map((i) => `${i.line}:${i.col}  ${i.path}  ${i.message}`);
    throw e;
  }
};

describe('hindcast targets', () => {
  const targets = withHindcast(`  pins:
    storm: { at: 2026Q1, source: ${SOURCE} }
  targets:
    always:
      label: The clock passes its start
      at: 2025Q1
      when: [{ after: 2025Q1 }]
      source: ${SOURCE}
    treaty-by-the-end:
      label: A treaty by the end
      by: 2029Q4
      when: [{ treaty: signed }]
      source: ${SOURCE}
`);

  it('do not change a run: the scenario’s hash, and so every run, is the same with or without them', () => {
    expect(load(targets).hash).toBe(load(sourced).hash);
  });

  it('score the share of runs in which each fact held, the path as a whole, and the status quo', () => {
    const plain = load(targets);
    const sc = load(targets, pinOverrides(plain.hindcast!));
    const runs = 300;
    const r = hindcast({ sc, file: 'tutorial', runs, seed: 5, pack: [] });
    const [always, treaty] = r.targets;
    expect(always!.model).toMatchObject({ p: 1, brier: 0, log: 0 });
    // The treaty share counted independently, run by run, with the same streams.
    let treaties = 0;
    for (let run = 0; run < runs; run++)
      if (simulateFast(sc.model, { scenarioKey: sc.hash, seed: 5, run }).outcome.startsWith('treaty')) treaties++;
    expect(treaty!.model.p).toBeCloseTo(treaties / runs, 6);
    expect(treaty!.model.brier).toBeCloseTo((1 - treaties / runs) ** 2, 6);
    expect(r.path.p).toBeCloseTo(treaties / runs, 6);
    // The world standing still: its first quarter is 2025Q1, and no treaty is ever signed.
    expect(always!.statusQuo.p).toBe(0.99);
    expect(treaty!.statusQuo.p).toBe(0.01);
    expect(r.brier.statusQuo).toBeCloseTo((0.01 ** 2 + 0.99 ** 2) / 2, 6);
    expect(r.skill.vsStatusQuo).toBeCloseTo(1 - r.brier.model / r.brier.statusQuo, 5);
    expect(r.targets.every((t) => t.baseRate === null)).toBe(true);
  });

  it('pin a random event to its date for the hindcast’s runs only', () => {
    const plain = load(targets);
    expect(pinOverrides(plain.hindcast!)).toEqual(['events.storm.at=2026Q1', 'events.storm.hazard=null']);
    const storm = (m: ReturnType<typeof load>['model']) => m.events.find((e) => e.id === 'storm')!;
    expect(storm(plain.model)).toMatchObject({ at: null });
    expect(storm(load(targets, pinOverrides(plain.hindcast!)).model)).toMatchObject({ at: 4, hazard: 0 });
  });

  it('refuse a target with two dates, a quarter outside the scenario, a name the scenario does not have, a quote with no source', () => {
    const bad = withHindcast(`  targets:
    two-dates: { label: Two dates, at: 2025Q2, by: 2026Q1, when: [{ talks: active }], source: ${SOURCE} }
    too-late: { label: Too late, at: 2031Q1, when: [{ talks: active }], source: ${SOURCE} }
    unsourced: { label: No source, by: 2026Q1, when: [{ talks: active }] }
`);
    expect(errors(bad).join('\n')).toMatch(/hindcast\.targets\.unsourced\.source {2}missing required field/);
    const dated = errors(bad.replace(/ {4}unsourced:.*\n/, '')).join('\n');
    expect(dated).toMatch(/hindcast\.targets\.two-dates {2}a target needs exactly one of `at`, `by` or `throughout`/);
    expect(dated).toMatch(/hindcast\.targets\.too-late\.at {2}2031Q1 is outside the scenario/);
    const nobody = withHindcast(`  targets:
    no-such-actor: { label: Nobody, by: 2026Q1, when: [{ room: nobody, op: ">", value: 0 }], source: ${SOURCE} }
  pins:
    no-such-event: { at: 2026Q1, source: ${SOURCE} }
`);
    const names = errors(nobody).join('\n');
    expect(names).toMatch(/hindcast\.targets\.no-such-actor\.when\[0\]\.room {2}.*"nobody"/);
    expect(names).toMatch(/hindcast\.pins\.no-such-event {2}.*"no-such-event"/);
  });
});

describe('hindcast facts and provenance', () => {
  it('have their quotes checked like any value, and are counted apart from the model’s values', async () => {
    const { checkProvenance, loadScenarioFile } = await import('@parley/scenario');
    const flagship = loadScenarioFile(fileURLToPath(new URL('../../../scenarios/kuril/2016-nagato.yaml', import.meta.url)));
    const articles = fileURLToPath(new URL('../../../scenarios/kuril/sources/', import.meta.url));
    const read = (name: string) => ({ text: readFileSync(`${articles}${name}`, 'utf8') });
    const ok = checkProvenance(flagship.raw, read);
    expect(ok.facts).toBe(7);
    expect(ok.problems).toEqual([]);
    expect(ok.entries.some((e) => e.at[0] === 'hindcast')).toBe(false);
    const forged = structuredClone(flagship.data);
    forged.hindcast!.targets['nagato-no-treaty']!.source = { doc: '001_5af6e1162aa95ee1.txt', quote: 'a quote the article does not hold' };
    const bad = checkProvenance({ ...flagship.raw, hindcast: forged.hindcast }, read);
    expect(bad.problems.map((p) => p.path)).toEqual(['hindcast.targets.nagato-no-treaty.source.quote']);
    expect([bad.grades, bad.carriers, bad.hindsight]).toEqual([ok.grades, ok.carriers, ok.hindsight]);
  });
});

describe('a target’s conditions in another scenario of the pack', () => {
  it('compile against its names, or are left out (null) when it lacks one', async () => {
    const { compileConditions } = await import('@parley/scenario');
    const tutorial = load(text).data;
    expect(compileConditions(tutorial, [{ room: 'west', op: '>', value: 0.1 }])).toEqual([{ v: 'room', actor: 0, op: '>', value: 0.1 }]);
    expect(compileConditions(tutorial, [{ room: 'japan', op: '>', value: 0.1 }])).toBeNull();
  });
});
