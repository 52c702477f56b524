import { percent, percentInterval, wilson } from '@parley/batch';
import { OUTCOME_CLASSES, type OutcomeClass, quarterLabel } from '@parley/core';
import { outcomeLabel, simulateFast } from '@parley/engine';
import type { LoadedScenario } from '@parley/scenario';

export interface DistributionOptions {
  readonly seed: number;
  readonly runs: number;
}

/**
 * A small outcome distribution computed in this process: counts and 95% Wilson
 * intervals per outcome class, and when treaties are signed. Runs 0…n−1 of `seed`,
 * so each can be replayed with `parley run --seed S --run I`.
 */
export function distributionCommand(sc: LoadedScenario, opts: DistributionOptions): string {
  const m = sc.model;
  const counts = new Map<OutcomeClass, number>();
  const treatyQuarters: number[] = [];
  for (let run = 0; run < opts.runs; run++) {
    const r = simulateFast(m, { scenarioKey: sc.hash, seed: opts.seed, run });
    counts.set(r.outcome, (counts.get(r.outcome) ?? 0) + 1);
    if (r.treatyT !== null) treatyQuarters.push(r.treatyT);
  }
  const n = opts.runs;
  const lines = [`Outcome distribution over ${n} runs (seed ${opts.seed}, runs 0–${n - 1}; 95% Wilson intervals)`, ''];
  for (const o of OUTCOME_CLASSES) {
    const k = counts.get(o) ?? 0;
    if (k === 0) continue;
    const ci = wilson(k, n);
    lines.push(`  ${percent(k / n).padStart(6)}  ${percentInterval(ci.low, ci.high)}  ${outcomeLabel(m, o)}`);
  }
  if (treatyQuarters.length > 0) {
    treatyQuarters.sort((a, b) => a - b);
    const q = (p: number): string =>
      quarterLabel(m, treatyQuarters[Math.min(treatyQuarters.length - 1, Math.floor(p * treatyQuarters.length))]!);
    lines.push(
      '',
      `  Treaty in ${treatyQuarters.length} of ${n} runs; signed by ${q(0.25)} (25%), ${q(0.5)} (median), ${q(0.75)} (75%) of those.`,
    );
  } else {
    lines.push('', '  No treaty was signed in any run.');
  }
  return `${lines.join('\n')}\n`;
}
