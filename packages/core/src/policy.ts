import { logitProbabilities, pick } from './choice.js';
import type { Evaluator } from './evaluator.js';
import { type ChooserScratch, chooserScratch } from './kernel/chooser-code.js';
import type { Model } from './model.js';
import { formulasOf } from './world-formulas.js';

/**
 * Bounded-rational choice: every actor weighs its options by expected utility and
 * picks by logit with its temperature. Utility (utility.ts) says what an actor
 * wants; this file says how it chooses.
 */

export interface MoveOption {
  /** Move index, or null for holding still. */
  readonly move: number | null;
  /** Myopic value: own utility change − cost − pressure. */
  readonly direct: number;
  /** Expected value of how the move changes others' choices (pressure, inducements). */
  readonly strategic: number;
  readonly value: number;
  readonly probability: number;
}

const scratches = new WeakMap<Model, ChooserScratch>();

/**
 * Option values of actor i's legal moves, holding still first (value 0): the move choice the
 * kernel compiles (kernel/chooser-code.ts, written once), compiled over this world
 * (world-formulas.ts), with each option's direct value (own utility change − cost − pressure),
 * strategic value (the pressure and inducement lookahead) and probability.
 */
export function moveOptions(ev: Evaluator, i: number): MoveOption[] {
  const m = ev.m;
  let s = scratches.get(m);
  if (!s) {
    s = chooserScratch(Math.max(m.moves.length, m.offers.length) + 1);
    scratches.set(m, s);
  }
  formulasOf(m).chooser(i)(ev.s, ev, 0, s, (a, target, amount) => inducementValue(ev, a, target, amount));
  const n = s.count[0]!;
  const options = new Array<MoveOption>(n);
  for (let k = 0; k < n; k++) {
    options[k] = { move: k === 0 ? null : s.ids[k]!, direct: s.dv[k]!, strategic: s.sv[k]!, value: s.vals[k]!, probability: s.probs[k]! };
  }
  return options;
}

export function chooseMove(ev: Evaluator, i: number, u: number): { options: MoveOption[]; chosen: number | null } {
  const options = moveOptions(ev, i);
  return { options, chosen: options[pick(options, u)]!.move };
}

/** What the inducement lookahead reads of an evaluator (Evaluator, or the kernel's). */
export interface DealValues {
  readonly m: Model;
  /** The sovereignty deals someone may propose, in offer order (tables.ts). */
  plannedDeals(): readonly number[];
  dealGain(i: number, o: number): number;
  believedAcceptance(i: number, o: number, extraDealCost?: number): number;
}

/**
 * The inducement lookahead: the mean, over the sovereignty deals someone may propose (tables.ts's
 * plannedDeals: a package nobody may propose, a class's own, is no deal anyone plans for), of the
 * change an inducement of `amount` on `target` makes to target's acceptance of o as the others
 * believe it (they do not know its reservation value: reservation.ts), times o's gain to i (0 when
 * there are no such deals). The kernel's choosers call it too.
 */
export function inducementValue(ev: DealValues, i: number, target: number, amount: number): number {
  const deals = ev.plannedDeals();
  let sum = 0;
  for (const o of deals) {
    // A deal worth nothing to i adds (Δ acceptance) × 0: skip weighing the target's acceptance.
    const gain = ev.dealGain(i, o);
    if (gain !== 0) sum += (ev.believedAcceptance(target, o, amount) - ev.believedAcceptance(target, o)) * gain;
  }
  return deals.length > 0 ? sum / deals.length : 0;
}

export interface OfferOption {
  /** Offer index, or null for talking without an offer. */
  readonly offer: number | null;
  /** The proposer's surplus over its walk-away value if accepted. */
  readonly surplus: number;
  /** The proposer's belief that the responder accepts (it knows the responder's utility, not its reservation value). */
  readonly acceptance: number;
  /** Expected value: acceptance × surplus. */
  readonly value: number;
  readonly probability: number;
}

/** What offer choice reads of an evaluator (Evaluator, or the kernel's). */
export interface OfferValues {
  readonly m: Model;
  canRatify(i: number, o: number): boolean;
  surplus(i: number, o: number): number;
  acceptance(i: number, o: number): number;
  believedAcceptance(i: number, o: number): number;
}

/**
 * The offers proposer p may table to responder r — those it may propose, both sides could ratify,
 * and p believes r might accept (a deal the other leader could not sell at home, or has shown it
 * would refuse, is worth less than talking: it is not tabled) — written into `ids` (−1 first:
 * talking only), `surplus` (p's own, with its own
 * reservation value), `acceptance` (p's belief that r accepts: reservation.ts) and `values`
 * (acceptance × surplus; 0 first); returns how many. The one statement of how an offer is weighed:
 * offerOptions and the kernel's Choices both call it, with arrays of their own.
 */
export function weighOffers(
  ev: OfferValues,
  p: number,
  r: number,
  mayPropose: (o: number) => boolean,
  out: {
    ids: { [k: number]: number };
    surplus: { [k: number]: number };
    acceptance: { [k: number]: number };
    values: { [k: number]: number };
  },
): number {
  out.ids[0] = -1;
  out.surplus[0] = 0;
  out.acceptance[0] = 0;
  out.values[0] = 0;
  let n = 1;
  for (let o = 0; o < ev.m.offers.length; o++) {
    if (!mayPropose(o) || !ev.canRatify(p, o) || !ev.canRatify(r, o)) continue;
    const a = ev.believedAcceptance(r, o);
    if (a === 0) continue;
    const s = ev.surplus(p, o);
    out.ids[n] = o;
    out.surplus[n] = s;
    out.acceptance[n] = a;
    out.values[n] = a * s;
    n++;
  }
  return n;
}

/** The offers proposer p may make to responder r, with their expected values; no offer first. */
export function offerOptions(ev: Evaluator, p: number, r: number): OfferOption[] {
  const out = { ids: [] as number[], surplus: [] as number[], acceptance: [] as number[], values: [] as number[] };
  const n = weighOffers(ev, p, r, (o) => ev.m.offers[o]!.proposers.includes(p), out);
  const prob = logitProbabilities(out.values.slice(0, n), ev.m.actors[p]!.temperature);
  return Array.from({ length: n }, (_, k) => ({
    offer: k === 0 ? null : out.ids[k]!,
    surplus: out.surplus[k]!,
    acceptance: out.acceptance[k]!,
    value: out.values[k]!,
    probability: prob[k]!,
  }));
}

export function chooseOffer(ev: Evaluator, p: number, r: number, u: number): { options: OfferOption[]; chosen: number | null } {
  const options = offerOptions(ev, p, r);
  return { options, chosen: options[pick(options, u)]!.offer };
}

export type Decision = 'accept' | 'reject' | 'veto';

export interface Response {
  readonly decision: Decision;
  /** The responder's utility if the deal is done (net of any outside inducement against it). */
  readonly dealUtility: number;
  /** Its walk-away value: utility now plus its margin. */
  readonly walkAway: number;
  /** Its probability of accepting: 1 − tremble if the deal clears its own reservation value, else tremble. */
  readonly probability: number;
}

/** Whether responder r accepts offer o with draw u: never a deal it cannot ratify (the kernel's Choices and respond both ask this). */
export function accepts(ev: Pick<OfferValues, 'canRatify' | 'acceptance'>, r: number, o: number, u: number): boolean {
  return ev.canRatify(r, o) && u < ev.acceptance(r, o);
}

/** Responder r's answer to offer o, drawing u ∈ [0, 1). A deal it cannot ratify is vetoed. */
export function respond(ev: Evaluator, r: number, o: number, now: number, u: number): Response {
  const walkAway = now + ev.margin(r, o);
  const dealUtility = walkAway + ev.surplus(r, o);
  if (!ev.canRatify(r, o)) return { decision: 'veto', dealUtility, walkAway, probability: 0 };
  const probability = ev.acceptance(r, o);
  return { decision: accepts(ev, r, o, u) ? 'accept' : 'reject', dealUtility, walkAway, probability };
}
