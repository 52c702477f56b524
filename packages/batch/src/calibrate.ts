import { quarterIndex, withChanges } from '@parley/core';
import type { LoadedScenario } from '@parley/scenario';
import seedrandom from 'seedrandom';
import { BatchInputError } from './errors.js';
import { targetCounts } from './hindcast.js';
import type { ParameterPlan } from './plan.js';
import { r6 } from './stats.js';
import { compilePoints, type UncertainParameter, uncertainParameters, uncertainPlan } from './uncertain.js';

export const POSTERIOR_SCHEMA = 'parley.posterior/1';

/** A number's distribution in a sample: its weighted mean and 5%, 50% and 95% quantiles. */
export interface Marginal {
  readonly mean: number;
  readonly p05: number;
  readonly p50: number;
  readonly p95: number;
}

/** How well a set of points foresees a target: its probability, weighted over the points. */
export interface TargetFit {
  readonly id: string;
  readonly when: string;
  /** Used to calibrate (dated up to the cut-off), or held out to score the forecast. */
  readonly role: 'calibration' | 'held out';
  readonly prior: number;
  readonly posterior: number;
  /** Brier scores of the fact (it happened) under each. */
  readonly priorBrier: number;
  readonly posteriorBrier: number;
}

export interface Posterior {
  readonly schema: typeof POSTERIOR_SCHEMA;
  /** The scenario calibrated, as the user loaded it (its hash covers its file and every --set); its pins were applied for the runs. */
  readonly scenario: { readonly id: string; readonly hash: string; readonly file: string };
  readonly seed: number;
  /** Targets dated up to this quarter calibrate; later ones are held out (null: all calibrate). */
  readonly until: string | null;
  readonly runsPerPoint: number;
  readonly parameters: readonly Pick<UncertainParameter, 'path' | 'value' | 'lo' | 'hi' | 'distribution' | 'grade'>[];
  /** The prior's points, each with its values (in `parameters` order) and its weight (the weights sum to 1). */
  readonly points: readonly { readonly values: readonly number[]; readonly weight: number }[];
  readonly diagnostics: {
    /** Prior runs in which every calibration target held: the probability of the calibration history under the prior. */
    readonly acceptance: number;
    /** Kish's effective sample size of the weights, (Σw)² / Σw². */
    readonly effectiveSampleSize: number;
    readonly targets: readonly TargetFit[];
    readonly marginals: readonly { readonly path: string; readonly prior: Marginal; readonly posterior: Marginal }[];
  };
}

/** The weighted mean and quantiles of xs. */
export function marginal(xs: readonly number[], ws: readonly number[]): Marginal {
  const order = xs.map((_, k) => k).sort((a, b) => xs[a]! - xs[b]!);
  const total = ws.reduce((a, b) => a + b, 0);
  const q = (p: number): number => {
    let c = 0;
    for (const k of order) {
      c += ws[k]! / total;
      if (c >= p - 1e-12) return xs[k]!;
    }
    return xs[order.at(-1)!]!;
  };
  const mean = xs.reduce((a, x, k) => a + x * ws[k]!, 0) / total;
  return { mean: r6(mean), p05: r6(q(0.05)), p50: r6(q(0.5)), p95: r6(q(0.95)) };
}

/**
 * Calibrate a scenario to its hindcast targets (docs/uncertainty.md, "Calibration"): draw `points`
 * parameter vectors from the prior (the uncertain numbers' ranges, as `batch --uncertain` does), run
 * each `runsPerPoint` times with the historical events pinned, and weight each point by the share of
 * its runs in which every calibration target held: the likelihood of the history at that point,
 * estimated by its runs (approximate Bayesian computation with an exact match on the dated facts).
 * `sc` is the scenario with its pins applied; `hash` and `file` name the scenario as the user loaded it.
 */
export function calibrate(
  sc: LoadedScenario,
  o: {
    hash: string;
    file: string;
    seed: number;
    points: number;
    runsPerPoint: number;
    until: string | null;
    filter?: RegExp;
    onProgress?: (done: number, total: number) => void;
  },
): Posterior {
  const plan = sc.hindcast;
  if (!plan || plan.targets.length === 0) throw new BatchInputError(`${o.file} has no hindcast targets to calibrate on (docs/hindcast.md)`);
  const cut = o.until === null ? Number.POSITIVE_INFINITY : quarterIndexOf(sc, o.until);
  const calibration = plan.targets.filter((t) => t.to <= cut);
  const heldOut = plan.targets.filter((t) => t.to > cut);
  if (calibration.length === 0)
    throw new BatchInputError(`no hindcast target of ${o.file} is dated up to ${o.until}: nothing to calibrate on`);
  const u = uncertainPlan(sc, { points: o.points, block: o.runsPerPoint, seed: o.seed, ...(o.filter ? { filter: o.filter } : {}) });
  const width = u.plan.indices.length;
  const held: number[][] = [];
  const weights: number[] = [];
  for (let k = 0; k < o.points; k++) {
    const m = withChanges(sc.model, u.plan.indices, u.plan.values.subarray(k * width, (k + 1) * width));
    // The same dice at every point (common random numbers): points differ by their numbers only.
    const c = targetCounts(m, sc.hash, o.seed, o.runsPerPoint, [...calibration, ...heldOut], calibration.length);
    held.push(c.held);
    weights.push(c.all / o.runsPerPoint);
    o.onProgress?.(k + 1, o.points);
  }
  const total = weights.reduce((a, b) => a + b, 0);
  if (total === 0)
    throw new BatchInputError(
      `no run at any of the ${o.points} points reproduced every calibration target: raise --points or --runs-per-point, or calibrate on fewer targets (--until)`,
    );
  const w = weights.map((x) => x / total);
  const ess = 1 / w.reduce((a, x) => a + x * x, 0);
  const flat = o.points > 0 ? Array.from({ length: o.points }, () => 1 / o.points) : [];
  const targets = [...calibration, ...heldOut].map((t, j): TargetFit => {
    const p = held.map((h) => h[j]! / o.runsPerPoint);
    const prior = p.reduce((a, x) => a + x, 0) / p.length;
    const posterior = p.reduce((a, x, k) => a + x * w[k]!, 0);
    return {
      id: t.id,
      when: t.when,
      role: j < calibration.length ? 'calibration' : 'held out',
      prior: r6(prior),
      posterior: r6(posterior),
      priorBrier: r6((1 - prior) ** 2),
      posteriorBrier: r6((1 - posterior) ** 2),
    };
  });
  const d = u.parameters.length;
  const marginals = u.parameters.map((p, j) => {
    const xs = Array.from({ length: o.points }, (_, k) => u.draws[k * d + j]!);
    return { path: p.path, prior: marginal(xs, flat), posterior: marginal(xs, w) };
  });
  return {
    schema: POSTERIOR_SCHEMA,
    scenario: { id: sc.data.id, hash: o.hash, file: o.file },
    seed: o.seed,
    until: o.until,
    runsPerPoint: o.runsPerPoint,
    parameters: u.parameters.map(({ path, value, lo, hi, distribution, grade }) => ({ path, value, lo, hi, distribution, grade })),
    points: Array.from({ length: o.points }, (_, k) => ({ values: Array.from(u.draws.subarray(k * d, (k + 1) * d)), weight: r6(w[k]!) })),
    diagnostics: {
      acceptance: r6(weights.reduce((a, b) => a + b, 0) / o.points),
      effectiveSampleSize: r6(ess),
      targets,
      marginals,
    },
  };
}

function quarterIndexOf(sc: LoadedScenario, q: string): number {
  const m = /^(\d{4})Q([1-4])$/.exec(q);
  if (!m) throw new BatchInputError(`--until ${q}: expected a quarter such as 2019Q4`);
  return quarterIndex(sc.model, Number(m[1]), Number(m[2]));
}

/** What is wrong with a posterior read from a file for scenario sc, or null. */
export function posteriorProblem(x: unknown, sc: LoadedScenario): string | null {
  const p = x as Partial<Posterior> | null;
  if (typeof p !== 'object' || p === null || p.schema !== POSTERIOR_SCHEMA)
    return `it is not a Parley posterior (schema ${POSTERIOR_SCHEMA})`;
  if (p.scenario?.hash !== sc.hash)
    return `it was calibrated on another scenario (${p.scenario?.file ?? '?'}, hash ${String(p.scenario?.hash).slice(0, 12)}) than ${sc.file} (hash ${sc.hash.slice(0, 12)}), or with other --set overrides`;
  if (!Array.isArray(p.parameters) || !Array.isArray(p.points) || p.points.length === 0) return 'it has no parameters or no points';
  const d = p.parameters.length;
  for (const [k, pt] of p.points.entries()) {
    if (!Array.isArray(pt?.values) || pt.values.length !== d || !pt.values.every(Number.isFinite))
      return `point ${k + 1} does not hold ${d} finite values`;
    if (!(typeof pt.weight === 'number' && pt.weight >= 0 && Number.isFinite(pt.weight))) return `point ${k + 1} has no valid weight`;
  }
  if (!p.points.some((pt) => pt.weight > 0)) return 'every point has weight 0';
  const known = new Map(uncertainParameters(sc).map((u) => [u.path, u]));
  const missing = p.parameters.find((q) => !known.has(q.path));
  if (missing) return `${missing.path} is not one of the scenario's uncertain numbers`;
  return null;
}

/**
 * A batch plan that forecasts from a posterior: each of `points` points takes one of the posterior's
 * points, drawn by weight from its own seeded stream (so any worker, shard or resume draws the same),
 * and `block` runs; numbers the posterior does not hold keep the scenario's values.
 */
export function posteriorPlan(sc: LoadedScenario, post: Posterior, o: { points: number; block: number; seed: number }): ParameterPlan {
  const known = new Map(uncertainParameters(sc).map((u) => [u.path, u]));
  const params = post.parameters.map((q) => known.get(q.path)!);
  const d = params.length;
  const cumulative: number[] = [];
  let c = 0;
  for (const pt of post.points) cumulative.push((c += pt.weight));
  const draws = new Float64Array(o.points * d);
  for (let k = 0; k < o.points; k++) {
    const u = seedrandom.alea(`${sc.hash}:${o.seed}:posterior:${k}`)() * c;
    let pick = cumulative.findIndex((x) => x > u);
    if (pick < 0) pick = post.points.length - 1;
    draws.set(post.points[pick]!.values, k * d);
  }
  return compilePoints(sc, params, draws, o.block);
}
