import { resolve } from 'node:path';
import { BatchInputError, buildSummary, formatSummary, mergePartials, readPartial, writeBatchOutputs } from '@parley/batch';
import { loadScenarioFile } from '@parley/scenario';
import type { Terminal } from './batch.js';

/** `parley merge`: combine shard partials into the summary of the whole batch (the same bytes as one unsharded run). */
export async function mergeCommand(files: readonly string[], out: string | undefined, cwd: string, t: Terminal): Promise<number> {
  const parts = files.map((f) => ({ path: f, p: readPartial(resolve(cwd, f)) }));
  const meta = parts[0]!.p.meta;
  const sc = loadScenarioFile(meta.scenario.file, { sets: meta.scenario.sets, cwd });
  if (sc.hash !== meta.scenario.hash)
    throw new BatchInputError(`${meta.scenario.file} has changed since the partials were computed (its hash differs); rerun the shards`);
  const { acc } = mergePartials(sc.model, parts);
  const summary = buildSummary(sc.model, acc, meta);
  const text = formatSummary(summary);
  t.out(text);
  if (out) for (const f of await writeBatchOutputs(resolve(cwd, out), summary, text)) t.err(`wrote ${f}\n`);
  return 0;
}
