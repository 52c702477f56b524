import type { Model } from './model.js';

/**
 * The largest margin with which an actor would accept a deal: its utility gain, less (for a deal
 * touching sovereignty) the outside inducement against it and any extra one being weighed, less
 * what its own moves in the deal cost it (deal.ts's dealCommitment), plus what trust buys it
 * (trustCredit; x − 0 and x + 0 are x, bit for bit). Its
 * surplus over its walk-away value is this minus its own margin (reservation.ts), so "the deal
 * clears the margin" and "the margin is at most the threshold" are the same comparison, bit for bit.
 */
export function dealThreshold(
  gain: number,
  sovereign: boolean,
  inducement: number,
  extra: number,
  commitment: number,
  credit: number,
): number {
  return (sovereign ? gain - (inducement + extra) : gain) - commitment + credit;
}

/**
 * What trust buys a party in a sovereignty deal: trustMargin × (trust between the parties now − at
 * the start), added to its threshold, so a party asks that much less of the deal (more, when trust
 * has fallen). 0 for an outside power, for any other deal, and when trustMargin is 0 (x + 0 is x).
 * Why: the sources make political trust the condition of a territorial breakthrough (docs/model.md).
 */
export function trustCredit(m: Model, i: number, sovereign: boolean, trustNow: number): number {
  if (!sovereign || (i !== m.claimant && i !== m.holder)) return 0;
  return m.params.trustMargin * (trustNow - m.initial.trust[m.claimant * m.actors.length + m.holder]!);
}

/** Something indexable that holds numbers: a plain array or a typed array. */
type Numbers = { [k: number]: number };

/**
 * Logit (softmax) choice probabilities of the first `n` values into `out`: P(k) ∝ exp(v_k / τ);
 * argmax (first of ties) when τ = 0. Returns `out`.
 */
export function logitInto<T extends Numbers>(values: Readonly<Numbers>, n: number, temperature: number, out: T): T {
  let max = Number.NEGATIVE_INFINITY;
  let best = 0;
  for (let k = 0; k < n; k++) {
    if (values[k]! > max) {
      max = values[k]!;
      best = k;
    }
  }
  if (temperature <= 0) {
    for (let k = 0; k < n; k++) out[k] = k === best ? 1 : 0;
    return out;
  }
  let sum = 0;
  for (let k = 0; k < n; k++) {
    out[k] = Math.exp((values[k]! - max) / temperature);
    sum += out[k]!;
  }
  for (let k = 0; k < n; k++) out[k] = out[k]! / sum;
  return out;
}

/**
 * Two logits at once, bit for bit what two logitInto calls give: of the first `n` values into
 * `out0`, and of the same values with values[at] lowered by `delta` into `out1` (an option made
 * dearer: the pressure lookahead of policy.ts). When the change leaves the maximum where it was,
 * every other option's exponential is the same number in both, and is computed once.
 */
export function logitPairInto<T extends Numbers>(
  values: Readonly<Numbers>,
  n: number,
  temperature: number,
  at: number,
  delta: number,
  out0: T,
  out1: T,
): void {
  const lowered = values[at]! - delta;
  let max0 = Number.NEGATIVE_INFINITY;
  let max1 = Number.NEGATIVE_INFINITY;
  let best0 = 0;
  let best1 = 0;
  for (let k = 0; k < n; k++) {
    const v = values[k]!;
    if (v > max0) {
      max0 = v;
      best0 = k;
    }
    const v1 = k === at ? lowered : v;
    if (v1 > max1) {
      max1 = v1;
      best1 = k;
    }
  }
  if (temperature <= 0) {
    for (let k = 0; k < n; k++) {
      out0[k] = k === best0 ? 1 : 0;
      out1[k] = k === best1 ? 1 : 0;
    }
    return;
  }
  let sum0 = 0;
  let sum1 = 0;
  const shared = max0 === max1;
  for (let k = 0; k < n; k++) {
    const e = Math.exp((values[k]! - max0) / temperature);
    out0[k] = e;
    sum0 += e;
    out1[k] = k === at ? Math.exp((lowered - max1) / temperature) : shared ? e : Math.exp((values[k]! - max1) / temperature);
    sum1 += out1[k]!;
  }
  for (let k = 0; k < n; k++) {
    out0[k] = out0[k]! / sum0;
    out1[k] = out1[k]! / sum1;
  }
}

/** Logit (softmax) choice probabilities P(k) ∝ exp(v_k / τ); argmax (first of ties) when τ = 0. */
export function logitProbabilities(values: readonly number[], temperature: number): number[] {
  return logitInto(values, values.length, temperature, new Array<number>(values.length));
}

/** Pick an index among the first `n` probabilities with one uniform draw u ∈ [0, 1). */
export function pickIndex(probabilities: Readonly<Numbers>, n: number, u: number): number {
  let acc = 0;
  for (let k = 0; k < n; k++) {
    acc += probabilities[k]!;
    if (u < acc) return k;
  }
  return n - 1;
}

/** Pick an index among options by their probabilities with one uniform draw u ∈ [0, 1). */
export function pick(options: readonly { readonly probability: number }[], u: number): number {
  return pickIndex(
    options.map((o) => o.probability),
    options.length,
    u,
  );
}
