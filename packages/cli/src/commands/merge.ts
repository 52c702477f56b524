import { resolve } from 'node:path';
import { buildSummary, formatSummary, mergePartials, partialScenario, readPartial, SUMMARY_FILES, writeBatchOutputs } from '@parley/batch';
import { outputDir } from '../outputs.js';
import type { Terminal } from './batch.js';

/**
 * `parley merge`: combine shard partials into the summary of the whole batch (the same bytes as one
 * unsharded run). Each partial carries the scenario it ran, so no scenario file is needed: shards run
 * from other folders or machines merge wherever their partials are gathered.
 */
export async function mergeCommand(
  files: readonly string[],
  out: string | undefined,
  force: boolean,
  cwd: string,
  t: Terminal,
): Promise<number> {
  const paths = files.map((f) => resolve(cwd, f));
  const dir = out ? outputDir(out, cwd, SUMMARY_FILES, { inputs: paths, force }) : null;
  const parts = files.map((f, k) => ({ path: f, p: readPartial(paths[k]!, f) }));
  const sc = partialScenario(parts[0]!.p, files[0]!);
  const { meta, acc } = mergePartials(sc.model, parts);
  const summary = buildSummary(sc.model, acc, meta);
  const text = formatSummary(summary);
  t.out(text);
  if (dir) for (const f of await writeBatchOutputs(dir, summary, text)) t.err(`wrote ${f}\n`);
  return 0;
}
