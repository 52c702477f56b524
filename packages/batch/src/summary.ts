import { type Model, OUTCOME_CLASSES, quarterLabel } from '@parley/core';
import { type Accumulator, FAN, FINAL, UTILITY } from './accumulator.js';
import { binWidth, quantile, type Range } from './histogram.js';
import { possessive, SERIES } from './series.js';
import { reproduceCommand } from './shell.js';
import { type OutcomeSpread, outcomeSpreads } from './spread.js';
import { percent, percentInterval, r6, wilson } from './stats.js';

export const SUMMARY_SCHEMA = 'parley.batch.summary/1';
const QS = [0.05, 0.25, 0.5, 0.75, 0.95] as const;
const QNAMES = ['p05', 'p25', 'p50', 'p75', 'p95'] as const;
export type Quantiles = Record<(typeof QNAMES)[number], number | null>;

/** What identifies a batch: enough to reproduce it, and nothing that varies between machines. */
/**
 * What is wrong with a batch's metadata read back from a file (a partial, a checkpoint), or null:
 * each field has the type and range Parley writes, so an edited one never reaches a report.
 */
export function metaProblem(meta: unknown): string | null {
  const m = meta as Record<string, unknown> | null;
  if (typeof m !== 'object' || m === null) return 'it has no batch metadata (meta)';
  const sc = m.scenario as Record<string, unknown> | null;
  const whole = (x: unknown, min: number): boolean => Number.isSafeInteger(x) && (x as number) >= min;
  if (typeof m.engineVersion !== 'string') return 'meta.engineVersion is not text';
  if (typeof sc !== 'object' || sc === null) return 'meta.scenario is missing';
  for (const k of ['id', 'title', 'file'] as const) if (typeof sc[k] !== 'string') return `meta.scenario.${k} is not text`;
  if (typeof sc.hash !== 'string' || !/^[0-9a-f]{64}$/.test(sc.hash)) return 'meta.scenario.hash is not a sha256';
  if (!Array.isArray(sc.sets) || !sc.sets.every((x) => typeof x === 'string')) return 'meta.scenario.sets is not a list of text';
  if (!whole(m.seed, 0)) return 'meta.seed is not a whole number ≥ 0';
  if (!whole(m.runsRequested, 1)) return 'meta.runsRequested is not a whole number ≥ 1';
  if (!whole(m.chunkSize, 1)) return 'meta.chunkSize is not a whole number ≥ 1';
  if (m.untilCi !== null && !(typeof m.untilCi === 'number' && m.untilCi > 0 && m.untilCi < 1))
    return 'meta.untilCi is neither null nor a number between 0 and 1';
  const p = m.parameters as Record<string, unknown> | undefined;
  if (p !== undefined && (typeof p !== 'object' || p === null || typeof p.digest !== 'string' || !whole(p.points, 1) || !whole(p.block, 1)))
    return 'meta.parameters is not a description of parameter points';
  const u = m.uncertain as Record<string, unknown> | undefined;
  if (u !== undefined && (typeof u !== 'object' || u === null || !Array.isArray(u.numbers) || p === undefined))
    return 'meta.uncertain is not a description of uncertain numbers';
  return null;
}

export interface BatchMeta {
  readonly engineVersion: string;
  readonly scenario: {
    readonly id: string;
    readonly title: string;
    readonly hash: string;
    readonly file: string;
    readonly sets: readonly string[];
  };
  readonly seed: number;
  /** Runs asked for (the most that will be run with --until-ci). */
  readonly runsRequested: number;
  readonly chunkSize: number;
  readonly untilCi: number | null;
  /** Parameter points the runs took (plan.ts), when they were given some. */
  readonly parameters?: {
    readonly names: readonly string[];
    readonly points: number;
    readonly block: number;
    /** plan.ts's planDigest: which values. */
    readonly digest: string;
  };
  /**
   * With `--uncertain` or `--posterior`: the scenario's numbers the points drew, and how (uncertain.ts);
   * `posterior` names the calibration the points came from (absent: the prior, the numbers' ranges).
   */
  readonly uncertain?: { readonly numbers: readonly UncertainNumber[]; readonly posterior?: string };
}

/** One number a batch over uncertainty drew: its path, its value in the file, its range and how it was drawn. */
export interface UncertainNumber {
  readonly path: string;
  readonly value: number;
  readonly lo: number;
  readonly hi: number;
  readonly distribution: 'triangular' | 'uniform';
  readonly grade: 'value' | 'direction' | 'assumption';
}

/**
 * Whether two metas describe the same batch: the same engine, scenario content (its hash covers
 * the file and every --set), seed, runs, chunk size and stopping rule. The file's name and the
 * spelling of the overrides are for people: the same batch run from another folder or machine is
 * the same batch.
 */
export function sameBatch(a: BatchMeta, b: BatchMeta): boolean {
  return (
    typeof a === 'object' &&
    a !== null &&
    a.engineVersion === b.engineVersion &&
    a.scenario?.hash === b.scenario.hash &&
    a.seed === b.seed &&
    a.runsRequested === b.runsRequested &&
    a.chunkSize === b.chunkSize &&
    a.untilCi === b.untilCi &&
    a.parameters?.digest === b.parameters?.digest
  );
}

const r6OrNull = (x: number | null): number | null => (x === null ? null : r6(x));

function quantiles(r: Range, counts: ArrayLike<number>, offset: number): Quantiles {
  const out = {} as Quantiles;
  QS.forEach((q, k) => {
    out[QNAMES[k]!] = r6OrNull(quantile(r, counts, q, offset));
  });
  return out;
}

/** Largest 95% half-width over the outcome classes seen: the --until-ci stopping rule. */
export function maxHalfWidth(acc: Accumulator): number {
  let worst = 0;
  for (const k of acc.outcomes) {
    const ci = wilson(k, acc.runs);
    worst = Math.max(worst, (ci.high - ci.low) / 2);
  }
  return worst;
}

export interface Summary {
  readonly schema: typeof SUMMARY_SCHEMA;
  readonly engine: { readonly version: string };
  readonly scenario: BatchMeta['scenario'];
  readonly seed: number;
  readonly runs: number;
  readonly runsRequested: number;
  readonly chunkSize: number;
  readonly untilCi: number | null;
  /** The parameter points the runs took (plan.ts), when they took some: a run is then reproduced with its point. */
  readonly parameters?: BatchMeta['parameters'];
  /**
   * With parameter points: each outcome's share with the dice's interval and the spread over the
   * points (what we don't know), and the numbers drawn (spread.ts, docs/uncertainty.md).
   */
  readonly uncertainty?: {
    readonly numbers: readonly UncertainNumber[];
    readonly posterior?: string;
    readonly outcomes: readonly OutcomeSpread[];
  };
  readonly reproduce: string;
  readonly outcomes: readonly { class: string; label: string; count: number; p: number; ci95: [number, number] }[];
  readonly treaty: {
    readonly count: number;
    readonly p: number;
    readonly ci95: [number, number];
    readonly byQuarter: readonly { quarter: string; count: number; cumulativeP: number }[];
    readonly quarterQuantiles: { p25: string | null; p50: string | null; p75: string | null };
  };
  readonly metrics: readonly { id: string; label: string; binWidth: number; final: Quantiles }[];
  readonly utilities: readonly { actor: string; name: string; binWidth: number; final: Quantiles }[];
  readonly paths: readonly { path: string; count: number; p: number }[];
  readonly fan: readonly {
    id: string;
    label: string;
    unit: string;
    binWidth: number;
    quarters: readonly ({ quarter: string } & Quantiles)[];
  }[];
}

/** The batch's summary: deterministic in the accumulator and the meta (no timings, no machine details). */
export function buildSummary(m: Model, acc: Accumulator, meta: BatchMeta): Summary {
  const n = acc.runs;
  const H = m.horizon;
  const ci = (k: number): [number, number] => {
    const w = wilson(k, n);
    return [r6(w.low)!, r6(w.high)!];
  };
  const treatyCount = acc.treatyAt.reduce((s, v) => s + v, 0);
  let cum = 0;
  const byQuarter = Array.from(acc.treatyAt, (count, t) => {
    cum += count;
    return { quarter: quarterLabel(m, t), count, cumulativeP: r6(n === 0 ? 0 : cum / n)! };
  });
  const treatyQuarter = (q: number): string | null => {
    if (treatyCount === 0) return null;
    const target = Math.max(1, Math.ceil(q * treatyCount));
    let c = 0;
    for (let t = 0; t < H; t++) {
      c += acc.treatyAt[t]!;
      if (c >= target) return quarterLabel(m, t);
    }
    return null;
  };
  const paths = Object.entries(acc.paths)
    .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))
    .slice(0, 10)
    .map(([path, count]) => ({ path, count, p: r6(count / n)! }));
  return {
    schema: SUMMARY_SCHEMA,
    engine: { version: meta.engineVersion },
    scenario: meta.scenario,
    seed: meta.seed,
    runs: n,
    runsRequested: meta.runsRequested,
    chunkSize: meta.chunkSize,
    untilCi: meta.untilCi,
    ...(meta.parameters ? { parameters: meta.parameters } : {}),
    ...(acc.byPoint.length > 0
      ? {
          uncertainty: {
            numbers: meta.uncertain?.numbers ?? [],
            ...(meta.uncertain?.posterior ? { posterior: meta.uncertain.posterior } : {}),
            outcomes: outcomeSpreads(acc.byPoint, m.outcomeLabels),
          },
        }
      : {}),
    reproduce: `${reproduceCommand(meta.scenario.file, meta.seed, '<I>', meta.scenario.sets)}   (I from 0 to ${n - 1})`,
    outcomes: OUTCOME_CLASSES.map((c, k) => ({
      class: c,
      label: m.outcomeLabels[c] ?? c,
      count: acc.outcomes[k]!,
      p: r6(n === 0 ? 0 : acc.outcomes[k]! / n)!,
      ci95: ci(acc.outcomes[k]!),
    })).filter((o) => o.count > 0),
    treaty: {
      count: treatyCount,
      p: r6(n === 0 ? 0 : treatyCount / n)!,
      ci95: ci(treatyCount),
      byQuarter,
      quarterQuantiles: { p25: treatyQuarter(0.25), p50: treatyQuarter(0.5), p75: treatyQuarter(0.75) },
    },
    metrics: SERIES.map((s, k) => ({
      id: s.id,
      label: s.label(m),
      binWidth: binWidth(FINAL),
      final: quantiles(FINAL, acc.final, k * FINAL.slots),
    })),
    utilities: m.actors.map((a, i) => ({
      actor: a.id,
      name: a.name,
      binWidth: binWidth(UTILITY),
      final: quantiles(UTILITY, acc.utility, i * UTILITY.slots),
    })),
    paths,
    fan: SERIES.map((s, k) => ({
      id: s.id,
      label: s.label(m),
      unit: s.unit,
      binWidth: binWidth(FAN),
      quarters: Array.from({ length: H }, (_, t) => ({ quarter: quarterLabel(m, t), ...quantiles(FAN, acc.fan, (k * H + t) * FAN.slots) })),
    })),
  };
}

const f3 = (x: number | null): string => (x === null ? '  –  ' : x.toFixed(3));

/** The summary as the table `parley batch` prints. */
export function formatSummary(s: Summary): string {
  const out: string[] = [];
  out.push(`${s.scenario.title}`);
  out.push(
    `${s.runs.toLocaleString('en-US')} runs, seed ${s.seed}${s.untilCi !== null ? ` (until every 95% half-width ≤ ${s.untilCi})` : ''}; scenario ${s.scenario.hash.slice(0, 12)}, engine ${s.engine.version}`,
  );
  const p = s.parameters;
  const u = s.uncertainty;
  if (p && u && u.numbers.length > 0)
    out.push(
      `Over what we don't know: ${p.points.toLocaleString('en-US')} parameter points × ${p.block.toLocaleString('en-US')} runs; ${u.numbers.length} uncertain numbers drawn ${u.posterior ? `from the posterior of calibration ${u.posterior}` : 'from their plausible ranges'} (points ${p.digest})`,
    );
  else if (p)
    out.push(
      `Parameters: ${p.points.toLocaleString('en-US')} points × ${p.block.toLocaleString('en-US')} runs, setting ${p.names.length <= 8 ? p.names.join(', ') : `${p.names.length} model parameters`} (points ${p.digest})`,
    );
  // The label column fits the longest label: a label is never cut.
  const w = Math.max(60, ...s.outcomes.map((o) => o.label.length));
  out.push('', `${'Outcome'.padEnd(w + 5)}share   95% interval        runs`);
  for (const o of s.outcomes) {
    out.push(
      `  ${o.label.padEnd(w)} ${percent(o.p).padStart(7)}  ${percentInterval(o.ci95[0], o.ci95[1])}`.padEnd(w + 36) +
        `${o.count}`.padStart(8),
    );
  }
  if (u) {
    out.push(
      '',
      `Two sources of spread: the dice (95% interval of the share) and the parameters (the share at the points: 5% to 95%)`,
      `${'Outcome'.padEnd(w + 5)}share   dice 95%            points 5%–95%      explained by the parameters`,
    );
    for (const o of u.outcomes)
      out.push(
        `  ${o.label.padEnd(w)} ${percent(o.p).padStart(7)}  ${percentInterval(o.dice95[0], o.dice95[1]).padEnd(18)}  ${`${percent(o.points.p05)} – ${percent(o.points.p95)}`.padEnd(18)} ${percent(o.fromParameters).padStart(6)}`,
      );
  }
  const t = s.treaty;
  const tu = u?.outcomes.find((o) => o.class === 'treaty');
  out.push(
    '',
    `Treaty: ${percent(t.p)} ${percentInterval(t.ci95[0], t.ci95[1])} of runs${tu ? `; over what we don't know, from ${percent(tu.points.p05)} to ${percent(tu.points.p95)} (5% to 95% of the parameter points)` : ''}.`,
  );
  if (t.count > 0)
    out.push(`  Of those, signed by ${t.quarterQuantiles.p25} (25%), ${t.quarterQuantiles.p50} (median), ${t.quarterQuantiles.p75} (75%).`);
  out.push('', 'Final values (quantiles 5% 25% 50% 75% 95%)');
  for (const mtr of s.metrics) {
    const q = mtr.final;
    out.push(`  ${mtr.label.padEnd(36)} ${[q.p05, q.p25, q.p50, q.p75, q.p95].map(f3).join('  ')}`);
  }
  for (const u of s.utilities) {
    const q = u.final;
    out.push(`  ${`${possessive(u.name)} utility`.padEnd(36)} ${[q.p05, q.p25, q.p50, q.p75, q.p95].map(f3).join('  ')}`);
  }
  out.push('', 'Most frequent event paths (first milestones of each run)');
  for (const p of s.paths.slice(0, 6)) out.push(`  ${percent(p.p).padStart(6)}  ${p.path}`);
  out.push('', `Reproduce any run: ${s.reproduce}`);
  return `${out.join('\n')}\n`;
}
