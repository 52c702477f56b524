import { type LogEvent, quarterLabel } from '@parley/core';
import { logEventToJson, narrateEvent, narrateSummary, simulate, worldToJson } from '@parley/engine';
import type { LoadedScenario } from '@parley/scenario';

export interface RunCommandOptions {
  readonly seed: number;
  readonly run: number;
  readonly json: boolean;
}

/** One run of a scenario: a narrated transcript, or with --json the event log and final state. */
export function runCommand(sc: LoadedScenario, opts: RunCommandOptions): string {
  const m = sc.model;
  const log: LogEvent[] = [];
  const r = simulate(m, { scenarioKey: sc.hash, seed: opts.seed, run: opts.run, emit: (e) => log.push(e) });
  if (opts.json) {
    const doc = {
      scenario: { id: m.id, title: m.title, file: sc.file, hash: sc.hash },
      seed: opts.seed,
      run: opts.run,
      outcome: r.outcome,
      treaty: r.world.treaty ? quarterLabel(m, r.world.treaty.t) : null,
      log: log.map((e) => logEventToJson(m, e)),
      final: worldToJson(m, r.world),
    };
    return `${JSON.stringify(doc, null, 2)}\n`;
  }
  const lines = [
    m.title,
    `scenario ${sc.file}  (sha256 ${sc.hash.slice(0, 12)})  seed ${opts.seed}${opts.run ? `  run ${opts.run}` : ''}`,
    '',
    ...log.map((e) => narrateEvent(m, e)),
    '',
    narrateSummary(m, r.outcome, r.world),
  ];
  return `${lines.join('\n')}\n`;
}
