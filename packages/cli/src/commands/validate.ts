import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { checkProvenance, type LoadedScenario } from '@parley/scenario';

/** Where a scenario's cited articles live: a `sources/` folder beside it or above it. */
export function sourceReader(scenarioFile: string): (name: string) => string | null {
  const dirs: string[] = [];
  for (let d = dirname(scenarioFile), k = 0; k < 4; k++, d = dirname(d)) dirs.push(join(d, 'sources'));
  return (name) => {
    if (name.includes('/') || name.includes('\\')) return null;
    for (const d of dirs) if (existsSync(join(d, name))) return readFileSync(join(d, name), 'utf8');
    return null;
  };
}

/** Provenance report for one valid scenario: problems, and the share of values that are sourced. */
export function provenanceCommand(sc: LoadedScenario): { text: string; ok: boolean } {
  const rep = checkProvenance(sc.data, sourceReader(sc.file));
  const total = rep.entries.length;
  const lines = rep.problems.map((p) => `${sc.file}  ${p.path}  ${p.message}`);
  const share = total === 0 ? 100 : (rep.sourced / total) * 100;
  lines.push(
    `${sc.file}: ${total} values — ${rep.sourced} sourced (${share.toFixed(0)}%), ${rep.assumed} labelled assumptions, ${rep.problems.length} problems`,
  );
  return { text: `${lines.join('\n')}\n`, ok: rep.problems.length === 0 };
}
