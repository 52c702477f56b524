/** The logistic function σ(x) = 1 / (1 + e^−x). */
export const logistic = (x: number): number => 1 / (1 + Math.exp(-x));

/**
 * Probability of accepting a deal with surplus `surplus` (utility of the deal minus the
 * walk-away value) at temperature τ: σ(surplus / τ); a step function when τ = 0.
 */
export function acceptanceProbability(surplus: number, temperature: number): number {
  if (temperature <= 0) return surplus >= 0 ? 1 : 0;
  return logistic(surplus / temperature);
}

/** Logit (softmax) choice probabilities P(k) ∝ exp(v_k / τ); argmax (first of ties) when τ = 0. */
export function logitProbabilities(values: readonly number[], temperature: number): number[] {
  const n = values.length;
  let max = Number.NEGATIVE_INFINITY;
  let best = 0;
  for (let k = 0; k < n; k++) {
    if (values[k]! > max) {
      max = values[k]!;
      best = k;
    }
  }
  if (temperature <= 0) return values.map((_, k) => (k === best ? 1 : 0));
  const p = new Array<number>(n);
  let sum = 0;
  for (let k = 0; k < n; k++) {
    p[k] = Math.exp((values[k]! - max) / temperature);
    sum += p[k]!;
  }
  for (let k = 0; k < n; k++) p[k] = p[k]! / sum;
  return p;
}

/** Pick an index among options by their probabilities with one uniform draw u ∈ [0, 1). */
export function pick(options: readonly { readonly probability: number }[], u: number): number {
  let acc = 0;
  for (let k = 0; k < options.length; k++) {
    acc += options[k]!.probability;
    if (u < acc) return k;
  }
  return options.length - 1;
}
