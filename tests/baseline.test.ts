import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { main } from '../packages/cli/src/program.js';

/**
 * The model's answers, pinned: the 5,000-run summary of every scenario of the pack (seed 1), by
 * its SHA-256, with its outcome shares to read a difference by. A change that is not meant to
 * change the model (a refactoring, a faster kernel) must leave every one byte-identical. A change
 * to the model updates them on purpose, and says so in its commit:
 *   PARLEY_UPDATE_BASELINE=1 npx vitest run tests/baseline.test.ts
 */
const ROOT = fileURLToPath(new URL('..', import.meta.url));
const BASELINE = join(ROOT, 'tests/baseline/summaries.json');
const SCENARIOS = [
  'scenarios/kuril/2013-thaw.yaml',
  'scenarios/kuril/2016-nagato.yaml',
  'scenarios/kuril/2017-joint-activities.yaml',
  'scenarios/kuril/2022-after-invasion.yaml',
  'scenarios/kuril/post-war-window.yaml',
  'scenarios/tutorial/lighthouse-island.yaml',
];

interface Pinned {
  readonly sha256: string;
  readonly outcomes: Record<string, number>;
}

async function summaryOf(file: string): Promise<{ text: string; pinned: Pinned }> {
  const out = join(mkdtempSync(join(tmpdir(), 'parley-baseline-')), 'out');
  const code = await main(['batch', file, '--runs', '5000', '--seed', '1', '--workers', '1', '--out', out], {
    out: () => undefined,
    err: () => undefined,
  });
  expect(code).toBe(0);
  const text = readFileSync(join(out, 'summary.json'), 'utf8');
  const s = JSON.parse(text) as { outcomes: { class: string; p: number }[] };
  return {
    text,
    pinned: {
      sha256: createHash('sha256').update(text).digest('hex'),
      outcomes: Object.fromEntries(s.outcomes.filter((o) => o.p > 0).map((o) => [o.class, o.p])),
    },
  };
}

describe('the pack’s answers', () => {
  it('every scenario’s 5,000-run summary is byte-identical to the pinned one', async () => {
    const now: Record<string, Pinned> = {};
    for (const f of SCENARIOS) now[f] = (await summaryOf(f)).pinned;
    if (process.env.PARLEY_UPDATE_BASELINE === '1') writeFileSync(BASELINE, `${JSON.stringify(now, null, 2)}\n`);
    const pinned = JSON.parse(readFileSync(BASELINE, 'utf8')) as Record<string, Pinned>;
    // Outcome shares first: a difference there says how the answers moved, the hash that anything did.
    for (const f of SCENARIOS) expect(now[f]!.outcomes, f).toEqual(pinned[f]!.outcomes);
    for (const f of SCENARIOS) expect(now[f]!.sha256, f).toBe(pinned[f]!.sha256);
  }, 300_000);
});
