import type { ActorDef, Model } from './model.js';
import type { Rng } from './rng.js';

/**
 * Types and beliefs (docs/model.md, "Types and beliefs"). Each run draws every actor's private
 * reservation values — the margin a deal of each kind must clear — once, from the triangular
 * distribution the scenario states (lo, the value read from the sources as its mode, hi). Its
 * answers within the run follow them: it accepts a deal whose surplus clears its own margin, and
 * goes against that with probability `tremble` only. The others know the distribution, not the
 * draw: they hold a public belief, the prior cut to [lo, hi] bounds that each answer moves (a
 * rejection shows the margin is above what the deal gave it, an acceptance that it is not).
 */

/** The kinds of deal an actor holds a reservation value for: [actor × 2 + kind]. */
export const SOVEREIGN = 0;
export const ECONOMIC = 1;
export const RESERVATION_KINDS = 2;

/** Where actor i's own reservation value for deals of `kind` is kept (WorldState.reservation, the kernel's cells). */
export const reservationAt = (i: number, kind: number): number => i * RESERVATION_KINDS + kind;

/** The kind of reservation value a deal is weighed against: sovereignty if it touches sovereignty, else economic. */
export const kindOf = (sovereign: boolean): number => (sovereign ? SOVEREIGN : ECONOMIC);

/** The prior of actor a's reservation value for deals of a kind: lo, mode, hi. */
export function priorOf(a: ActorDef, kind: number): { readonly lo: number; readonly mode: number; readonly hi: number } {
  const [lo, hi] = kind === SOVEREIGN ? a.walkAwayRange : a.economicRange;
  return { lo, mode: kind === SOVEREIGN ? a.walkAwayMargin : a.economicMargin, hi };
}

/** The quantile of the triangular distribution (lo, mode, hi) at u ∈ [0, 1); the mode when lo = hi. */
export function triangularQuantile(lo: number, mode: number, hi: number, u: number): number {
  if (!(hi > lo)) return mode;
  const c = (mode - lo) / (hi - lo);
  return u < c ? lo + Math.sqrt(u * (hi - lo) * (mode - lo)) : hi - Math.sqrt((1 - u) * (hi - lo) * (hi - mode));
}

/** P(X ≤ x) for X triangular (lo, mode, hi); a step at the mode when lo = hi. */
export function triangularCdf(lo: number, mode: number, hi: number, x: number): number {
  if (!(hi > lo)) return x >= mode ? 1 : 0;
  if (x <= lo) return 0;
  if (x >= hi) return 1;
  if (x <= mode) return ((x - lo) * (x - lo)) / ((hi - lo) * (mode - lo));
  return 1 - ((hi - x) * (hi - x)) / ((hi - lo) * (hi - mode));
}

/**
 * Every actor's reservation values for a run, drawn from `u` (the run's types stream) into
 * out[at + actor × 2 + kind]: one draw per actor and kind, in that order, whether or not it has a
 * range, so a range added to one actor never shifts another's draw.
 */
export function drawReservations(m: Model, u: Rng, out: { [k: number]: number }, at: number): void {
  for (let i = 0; i < m.actors.length; i++) {
    for (let kind = 0; kind < RESERVATION_KINDS; kind++) {
      const p = priorOf(m.actors[i]!, kind);
      out[at + reservationAt(i, kind)] = triangularQuantile(p.lo, p.mode, p.hi, u());
    }
  }
}

/** The values the scenario reads (each prior's mode), into out[at + actor × 2 + kind]: a world before any draw. */
export function nominalReservations(m: Model, out: { [k: number]: number }, at: number): void {
  for (let i = 0; i < m.actors.length; i++) {
    for (let kind = 0; kind < RESERVATION_KINDS; kind++) out[at + reservationAt(i, kind)] = priorOf(m.actors[i]!, kind).mode;
  }
}

/** The public belief before any answer, into out[at + (actor × 2 + kind) × 2 + 0 | 1]: the prior's [lo, hi]. */
export function priorBeliefs(m: Model, out: { [k: number]: number }, at: number): void {
  for (let i = 0; i < m.actors.length; i++) {
    for (let kind = 0; kind < RESERVATION_KINDS; kind++) {
      const p = priorOf(m.actors[i]!, kind);
      out[at + beliefAt(i, kind)] = p.lo;
      out[at + beliefAt(i, kind) + 1] = p.hi;
    }
  }
}

/**
 * The probability that an actor answers yes to a deal whose surplus over its own margin is
 * `surplus`: 1 − tremble if the deal clears its margin, else tremble.
 */
export const responseProbability = (surplus: number, tremble: number): number => (surplus >= 0 ? 1 - tremble : tremble);

/**
 * What the others believe the chance is that the actor accepts a deal that would clear a margin up
 * to `x` (its gain net of any inducement against it): P(margin ≤ x), with the margin distributed as
 * the prior (lo, mode, hi) cut to the belief's bounds [blo, bhi]. They plan on its type, not on its
 * slips: the tremble is left out, so a deal it has shown it would refuse is believed refused.
 */
export function believedAcceptance(lo: number, mode: number, hi: number, blo: number, bhi: number, x: number): number {
  if (x < blo) return 0;
  if (x >= bhi) return 1;
  const f0 = triangularCdf(lo, mode, hi, blo);
  const mass = triangularCdf(lo, mode, hi, bhi) - f0;
  return mass > 0 ? (triangularCdf(lo, mode, hi, x) - f0) / mass : 1;
}

/** Where the public belief about actor i's reservation value for deals of `kind` starts: its lower bound, then its upper. */
export const beliefAt = (i: number, kind: number): number => reservationAt(i, kind) * 2;

/**
 * The belief's bounds after the actor answered a deal that would clear a margin up to `x`: a
 * rejection raises the lower bound to x, an acceptance lowers the upper bound to x, each kept
 * within the other (a tremble can contradict what was learnt; the bounds then meet). Writes
 * out[at], out[at + 1].
 */
export function updateBelief(out: { [k: number]: number }, at: number, x: number, accepted: boolean): void {
  const blo = out[at]!;
  const bhi = out[at + 1]!;
  if (accepted) out[at + 1] = Math.max(blo, Math.min(bhi, x));
  else out[at] = Math.min(bhi, Math.max(blo, x));
}

/** What an answer shows, as an evaluator tells it (Evaluator, or the kernel's). */
export interface AnswerValues {
  kind(o: number): number;
  threshold(i: number, o: number): number;
}

/**
 * The public belief, kept in belief[at …], after responder r answered deal o (accepted or not):
 * the one statement of what an answer teaches, for both runners. A veto is not an answer: it
 * shows only the domestic room, which was public already.
 */
export function learnFromAnswer(
  belief: { [k: number]: number },
  at: number,
  ev: AnswerValues,
  r: number,
  o: number,
  accepted: boolean,
): void {
  updateBelief(belief, at + beliefAt(r, ev.kind(o)), ev.threshold(r, o), accepted);
}
