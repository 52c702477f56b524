import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { main } from '../src/program.js';

async function cli(...args: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const code = await main(args, { out: (s) => void (out += s), err: (s) => void (err += s) });
  return { code, out, err };
}

const TUTORIAL = fileURLToPath(new URL('../../../scenarios/tutorial/lighthouse-island.yaml', import.meta.url));

/**
 * A toy with a known truth: goodwill adds δ to the neighbours' trust every quarter and nothing else
 * moves it, so trust at the end of 2026Q2 (six quarters) is 0.4 + 6δ. The history was written at
 * δ = 0.05: trust between 0.67 and 0.73 in 2026Q2 (δ in [0.045, 0.055)), and at least 0.8 by the
 * end of 2027 (δ ≥ 1/30), which the calibration up to 2026 holds out. The prior is uniform on [0, 0.1].
 */
const TOY = `extends: ${TUTORIAL}
id: toy-goodwill
title: "Toy: goodwill at a rate to recover"
sources:
  toy.txt: { title: "A made-up record of the toy's history" }
params:
  meetingTrust: { value: 0, assumption: "Meetings build no trust here: goodwill alone does." }
  drift: { value: 0, assumption: "Trust stays where goodwill puts it." }
moves:
  west-invest: null
  east-fortify: null
events:
  storm: null
  goodwill:
    label: a steady stream of goodwill between the neighbours
    hazard: { value: 1, range: [1, 1], assumption: "Every quarter, certainly." }
    once: false
    effects:
      - trust: [west, east]
        delta: { value: 0.05, range: [0, 0.1], dist: uniform, assumption: "The rate to recover." }
    assumption: "A toy."
hindcast:
  targets:
    trust-reached:
      label: Trust had reached 0.67 by mid-2026
      at: 2026Q2
      when: [{ trust: [west, east], op: ">=", value: 0.67 }]
      source: { doc: toy.txt, quote: "trust stood at 0.7" }
    trust-not-beyond:
      label: Trust was still below 0.73 in mid-2026
      at: 2026Q2
      when: [{ trust: [west, east], op: "<", value: 0.73 }]
      source: { doc: toy.txt, quote: "trust stood at 0.7" }
    trust-by-2027:
      label: Trust was at least 0.8 at the end of 2027
      at: 2027Q4
      when: [{ trust: [west, east], op: ">=", value: 0.8 }]
      source: { doc: toy.txt, quote: "0.8 at the end of 2027" }
`;

describe('parley calibrate', () => {
  const dir = mkdtempSync(join(tmpdir(), 'parley-calibrate-'));
  mkdirSync(join(dir, 'sources'));
  writeFileSync(join(dir, 'sources', 'toy.txt'), 'In mid-2026 trust stood at 0.7, and it reached 0.8 at the end of 2027.\n');
  const toy = join(dir, 'toy.yaml');
  writeFileSync(toy, TOY);

  it('recovers a known parameter: the posterior’s 90% interval covers it and is far narrower than the prior’s', async () => {
    const out = join(dir, 'posterior');
    const r = await cli(
      'calibrate',
      toy,
      '--only',
      '^events\\.goodwill',
      '--points',
      '400',
      '--runs-per-point',
      '4',
      '--until',
      '2026Q4',
      '--out',
      out,
    );
    expect(r.code).toBe(0);
    const p = JSON.parse(readFileSync(join(out, 'posterior.json'), 'utf8'));
    const m = p.diagnostics.marginals.find((x: { path: string }) => x.path === 'events.goodwill.effects[0].delta');
    expect(m.prior.p05).toBeLessThan(0.01);
    expect(m.prior.p95).toBeGreaterThan(0.09);
    expect(m.posterior.p05).toBeLessThanOrEqual(0.05);
    expect(m.posterior.p95).toBeGreaterThanOrEqual(0.05);
    expect(m.posterior.p95 - m.posterior.p05).toBeLessThan((m.prior.p95 - m.prior.p05) / 5);
    // About a tenth of the prior reproduces the calibration history: the acceptance rate and the ESS say so.
    expect(p.diagnostics.acceptance).toBeGreaterThan(0.05);
    expect(p.diagnostics.acceptance).toBeLessThan(0.2);
    expect(p.diagnostics.effectiveSampleSize).toBeGreaterThan(20);
    // The held-out fact (2027) is forecast better after calibration than before.
    const held = p.diagnostics.targets.find((t: { id: string }) => t.id === 'trust-by-2027');
    expect(held.role).toBe('held out');
    expect(held.posterior).toBe(1);
    expect(held.posteriorBrier).toBeLessThan(held.priorBrier);
    expect(r.out).toMatch(/^Prior runs that reproduce every calibration target: \d+\.\d%; effective sample size/m);
    // The report: the targets' table and the marginals before and after, on each number's own range.
    const page = readFileSync(join(out, 'posterior.html'), 'utf8');
    expect(page).toContain('<td>trust-by-2027</td><td>at 2027Q4</td><td>held out</td>');
    expect(page).toContain('events.goodwill.effects[0].delta');
    expect(page.match(/<svg/g)).toHaveLength(1);
  });

  it('batch --posterior forecasts from it, and refuses a posterior from another scenario with one line and exit code 2', async () => {
    const out = join(dir, 'posterior');
    const f = await cli('batch', toy, '--posterior', out, '--runs', '400', '--workers', '1');
    expect(f.code).toBe(0);
    expect(f.out).toMatch(/drawn from the posterior of calibration/);
    // The same points and the same summary on 1 and 2 workers.
    const summaries = await Promise.all(
      ['1', '2'].map(async (w) => {
        const o = join(dir, `forecast-${w}`);
        expect((await cli('batch', toy, '--posterior', out, '--runs', '400', '--workers', w, '--out', o)).code).toBe(0);
        return readFileSync(join(o, 'summary.json'), 'utf8');
      }),
    );
    expect(summaries[1]).toBe(summaries[0]);
    const other = await cli('batch', TUTORIAL, '--posterior', out, '--runs', '400', '--workers', '1');
    expect(other.code).toBe(2);
    expect(other.err.trim().split('\n')).toHaveLength(1);
    expect(other.err).toMatch(/it was calibrated on another scenario/);
    writeFileSync(join(dir, 'bad.json'), '{"schema": "something else"}');
    const bad = await cli('batch', toy, '--posterior', join(dir, 'bad.json'), '--runs', '400');
    expect(bad.code).toBe(2);
    expect(bad.err).toMatch(/is not a Parley posterior/);
  });

  it('says so when no prior run reproduces the history', async () => {
    const r = await cli(
      'calibrate',
      toy,
      '--only',
      '^events\\.goodwill',
      '--points',
      '3',
      '--runs-per-point',
      '1',
      '--set',
      'events.goodwill.effects[0].delta={value: 0.01, range: [0, 0.02], assumption: "too slow"}',
    );
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/no run at any of the 3 points reproduced every calibration target/);
  });
});
