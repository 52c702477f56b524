import { fileURLToPath } from 'node:url';
import { loadScenarioFile } from '@parley/scenario';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { accumulatorToJson, createAccumulator, mergeInto } from '../src/accumulator.js';
import { runChunk } from '../src/chunk.js';
import { buildSummary, formatSummary } from '../src/summary.js';

const sc = loadScenarioFile(fileURLToPath(new URL('../../../scenarios/tutorial/lighthouse-island.yaml', import.meta.url)));
const chunk = (from: number, to: number) => runChunk({ model: sc.model, scenarioKey: sc.hash, seed: 5, from, to, rows: 'csv' });
const meta = {
  engineVersion: 'test',
  scenario: { id: 'x', title: 't', hash: sc.hash, file: 'f.yaml', sets: [] },
  seed: 5,
  runsRequested: 120,
  chunkSize: 40,
  untilCi: null,
};

describe('streaming aggregation', () => {
  const whole = chunk(0, 120);

  it('counts every run once, in every histogram', () => {
    const a = whole.acc;
    expect(a.runs).toBe(120);
    expect(a.outcomes.reduce((s, v) => s + v, 0)).toBe(120);
    expect(Object.values(a.paths).reduce((s, v) => s + v, 0)).toBe(120);
    expect(a.final.reduce((s, v) => s + v, 0)).toBe(120 * 5);
    expect(a.utility.reduce((s, v) => s + v, 0)).toBe(120 * sc.model.actors.length);
    expect(a.fan.reduce((s, v) => s + v, 0)).toBe(120 * 5 * sc.model.horizon);
    expect(whole.rows.split('\n').filter(Boolean)).toHaveLength(120);
  });

  it('any split of the runs into chunks, merged in any order, gives the same counts and the same summary bytes', () => {
    fc.assert(
      fc.property(fc.uniqueArray(fc.integer({ min: 1, max: 119 }), { maxLength: 4 }), fc.boolean(), (cuts, reverse) => {
        const bounds = [0, ...[...cuts].sort((a, b) => a - b), 120];
        const parts = bounds.slice(1).map((to, k) => chunk(bounds[k]!, to));
        const acc = createAccumulator({ horizon: sc.model.horizon, actors: sc.model.actors.length });
        for (const p of reverse ? [...parts].reverse() : parts) mergeInto(acc, p.acc);
        expect(accumulatorToJson(acc)).toEqual(accumulatorToJson(whole.acc));
        expect(JSON.stringify(buildSummary(sc.model, acc, meta))).toBe(JSON.stringify(buildSummary(sc.model, whole.acc, meta)));
        expect(parts.map((p) => p.rows).join('')).toBe(whole.rows);
      }),
      { numRuns: 15 },
    );
  });

  it('the summary’s shares, intervals and treaty timing agree with the counts', () => {
    const s = buildSummary(sc.model, whole.acc, meta);
    expect(s.outcomes.reduce((t, o) => t + o.count, 0)).toBe(120);
    for (const o of s.outcomes) {
      expect(o.p).toBeCloseTo(o.count / 120, 6);
      expect(o.ci95[0]).toBeLessThanOrEqual(o.p);
      expect(o.ci95[1]).toBeGreaterThanOrEqual(o.p);
    }
    const treaties = s.outcomes.filter((o) => o.class.startsWith('treaty')).reduce((t, o) => t + o.count, 0);
    expect(s.treaty.count).toBe(treaties);
    expect(s.treaty.byQuarter.at(-1)!.cumulativeP).toBeCloseTo(treaties / 120, 6);
  });

  it('the printed table shows every outcome label whole, its share in one column', () => {
    const long = 'An outcome label much longer than the sixty characters the table used to cut labels at';
    const m = { ...sc.model, outcomeLabels: Object.fromEntries(Object.keys(sc.model.outcomeLabels).map((k) => [k, long])) };
    const s = buildSummary(m, whole.acc, meta);
    const rows = formatSummary(s)
      .split('\n')
      .filter((l) => l.includes(long));
    expect(rows.length).toBe(s.outcomes.length);
    // Each share ends in the same column as the header's "share".
    const header = formatSummary(s)
      .split('\n')
      .find((l) => l.startsWith('Outcome'))!;
    const end = header.indexOf('share') + 'share'.length;
    for (const r of rows) expect(r.slice(0, end)).toMatch(/%$/);
  });
});
