import { existsSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { OUTCOME_CLASSES, type OutcomeClass } from '@parley/core';
import { simulate } from '@parley/engine';
import { checkProvenance, findScenarioFiles, type LoadedScenario, loadScenarioFile } from '@parley/scenario';
import { describe, expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('../scenarios/', import.meta.url));
const SOURCES = join(ROOT, 'kuril', 'sources');
const readSource = (name: string) =>
  existsSync(join(SOURCES, name)) ? { text: readFileSync(join(SOURCES, name), 'utf8') } : { problem: 'no such file' };
const files = findScenarioFiles(ROOT, { bases: true });

function shares(sc: LoadedScenario, runs: number): Record<OutcomeClass, number> {
  const counts = Object.fromEntries(OUTCOME_CLASSES.map((o) => [o, 0])) as Record<OutcomeClass, number>;
  for (let run = 0; run < runs; run++) counts[simulate(sc.model, { scenarioKey: sc.hash, seed: 1, run }).outcome]++;
  for (const o of OUTCOME_CLASSES) counts[o] /= runs;
  return counts;
}
const treaty = (s: Record<OutcomeClass, number>): number =>
  OUTCOME_CLASSES.filter((o) => o.startsWith('treaty')).reduce((a, o) => a + s[o], 0);

describe('the scenario pack', () => {
  it('has the five Kuril scenarios, their shared base and the tutorial', () => {
    expect(files.map((f) => relative(ROOT, f))).toEqual([
      'kuril/2013-thaw.yaml',
      'kuril/2016-nagato.yaml',
      'kuril/2017-joint-activities.yaml',
      'kuril/2022-after-invasion.yaml',
      'kuril/_base.yaml',
      'kuril/post-war-window.yaml',
      'tutorial/lighthouse-island.yaml',
    ]);
  });

  it.each(files.map((f) => [relative(ROOT, f), f]))(
    '%s validates, has a briefing, sources every value or labels it, and runs',
    (_, file) => {
      const sc = loadScenarioFile(file);
      expect(sc.data.briefing.length).toBeGreaterThan(100);
      const rep = checkProvenance(sc.raw, readSource);
      expect(rep.problems).toEqual([]);
      // Every number has a grade and a plausible range (its own, the scenario's rule, or exact).
      expect(rep.ranges.missing).toBe(0);
      if (file.includes('/kuril/')) expect(rep.grades.value + rep.grades.direction).toBeGreaterThan(rep.numbers.length / 2);
      const r = simulate(sc.model, { scenarioKey: sc.hash, seed: 3, run: 0 });
      expect(OUTCOME_CLASSES).toContain(r.outcome);
    },
  );

  it('the Kuril scenarios share one base and differ where history did: no treaty after the invasion, the best chances in the post-war window', () => {
    const load = (name: string) => loadScenarioFile(join(ROOT, 'kuril', `${name}.yaml`));
    const nagato = load('2016-nagato');
    expect(nagato.files.map((f) => f.split('/').pop())).toEqual(['_base.yaml', '2016-nagato.yaml']);
    const runs = 300;
    const p = {
      thaw: treaty(shares(load('2013-thaw'), runs)),
      nagato: treaty(shares(nagato, runs)),
      invasion: treaty(shares(load('2022-after-invasion'), runs)),
      window: treaty(shares(load('post-war-window'), runs)),
    };
    expect(p.invasion).toBeLessThan(0.02);
    expect(p.nagato).toBeGreaterThan(0.05);
    expect(p.nagato).toBeLessThan(0.6);
    expect(p.thaw).toBeLessThan(p.nagato);
    expect(p.window).toBeGreaterThan(p.nagato);
  });

  it('the tutorial settles some runs by sharing the island and never hands it over', () => {
    const s = shares(loadScenarioFile(join(ROOT, 'tutorial', 'lighthouse-island.yaml')), 300);
    expect(s['treaty-joint']).toBeGreaterThan(0.02);
    expect(s.cooperative).toBeGreaterThan(0.5);
    expect(s['treaty-full']).toBe(0);
  });
});
