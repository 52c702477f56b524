import { type Arith, STATUS, sum } from './arith.js';
import { applyEffect } from './effects.js';
import type { Effect, Model, OfferDef, Term } from './model.js';
import type { WorldState } from './state.js';

const NONE: readonly number[] = [];

/**
 * Apply an agreed offer's terms, term by term, to a mutable state.
 * Territorial terms move territories from the holder to the claimant; a peace
 * treaty settles the border: every territory still held and not named in a
 * continued-talks term stops being contested.
 */
export function applyDeal(m: Model, s: WorldState, offerIndex: number): void {
  const offer = m.offers[offerIndex]!;
  const { claimant, holder } = m;
  let assured = false;
  let signed = false;
  let talksOn: readonly number[] = NONE;
  for (const term of offer.terms) {
    switch (term.kind) {
      case 'transfer':
        for (const k of term.territories) {
          s.territories[k] = { kind: 'transferred', to: claimant, from: holder, assured: false };
        }
        break;
      case 'jointAdministration':
        for (const k of term.territories) s.territories[k] = { kind: 'joint', parties: [claimant, holder] };
        break;
      case 'continuedTalks':
        talksOn = talksOn.length === 0 ? term.territories : [...talksOn, ...term.territories];
        break;
      case 'jointActivities':
      case 'sanctionsRelief':
      case 'investment':
      case 'energy':
      case 'move':
        for (const e of termEffects(m, term)) applyEffect(m, s, e);
        break;
      case 'noForeignBases':
        assured = true;
        break;
      case 'peaceTreaty':
        signed = true;
        break;
    }
  }
  if (assured) {
    s.territories = s.territories.map((st) => (st.kind === 'transferred' && st.from === holder ? { ...st, assured: true } : st));
  }
  if (signed) {
    s.treaty = { t: s.t, offer: offerIndex };
    s.talksActive = true;
    s.territories = s.territories.map((st, k) =>
      st.kind === 'held' && st.contested && !talksOn.includes(k) ? { ...st, contested: false } : st,
    );
  }
}

const NO_EFFECTS: readonly Effect[] = [];

/**
 * What a numeric term does to the world, as the effects it is: the one statement of it, for
 * applyDeal, the kernel's deals (kernel/program.ts), the option masks (dependencies.ts) and what-if
 * copying. A move term is its move's effects, `times` over, in order: one effect per consequence,
 * whether a move or a deal carries it. None for the terms that change statuses, the treaty or talks.
 */
export function termEffects(m: Model, t: Term): readonly Effect[] {
  switch (t.kind) {
    case 'jointActivities':
      return [{ op: 'jointActivity', delta: t.amount }];
    case 'sanctionsRelief':
      return [{ op: 'sanctions', imposer: t.imposer, target: t.target, delta: -t.amount }];
    case 'investment':
      return [{ op: 'economy', a: t.from, b: t.to, delta: t.amount }];
    case 'energy':
      return [{ op: 'energy', tie: t.tie, delta: t.amount }];
    case 'move': {
      const effects = m.moves[t.move]!.effects;
      return Array.from({ length: t.times }, () => effects).flat();
    }
    default:
      return NO_EFFECTS;
  }
}

/**
 * What deal o commits actor i to beyond its effects: for each move term of i's own move, `times` ×
 * (the move's cost + the pressure against it now), as making the move would cost it (policy.ts's
 * direct value of a move). 0 for an actor that makes no move in the deal. `pressure` is the
 * evaluator's (Evaluator.pressure, the kernel's).
 */
export function dealCommitment(m: Model, o: number, i: number, pressure: (i: number, mv: number) => number): number {
  let c = 0;
  for (const t of m.offers[o]!.terms) {
    if (t.kind === 'move' && m.moves[t.move]!.actor === i) c += t.times * (m.moves[t.move]!.cost + pressure(i, t.move));
  }
  return c;
}

/** Whether an offer touches sovereignty (territory or a treaty), the kind of deal outsiders may discourage. */
export function isSovereigntyDeal(offer: OfferDef): boolean {
  return offer.terms.some((t) => t.kind === 'transfer' || t.kind === 'jointAdministration' || t.kind === 'peaceTreaty');
}

/**
 * The disputed area actor i concedes between two worlds (`B` before, `A` after), as its domestic
 * audience sees it: area it held and transferred, (1 − jointShare) of area it held and now shares,
 * and area it claimed and has renounced (its claim settled by a treaty). Written once (arith.ts):
 * evaluated by `concession`, compiled into the kernel's deal what-ifs. A territory that concedes
 * nothing adds −0 (x + −0 is x, bit for bit).
 */
export function concessionFormula<V>(B: Arith<V>, A: Arith<V>, m: Model, i: number): V {
  const { HELD_CONTESTED, HELD, TRANSFERRED, ASSURED, JOINT } = STATUS;
  const none = A.lit(-0);
  const terms = m.territories.flatMap((_, k) => {
    const area = A.param((m) => m.territories[k]!.area);
    const before = B.status(k);
    const after = A.status(k);
    if (i === m.holder) {
      const shared = A.mul(
        area,
        A.sub(
          A.lit(1),
          A.param((m) => m.params.jointShare),
        ),
      );
      return [
        A.ifStatus(
          before,
          [HELD_CONTESTED, HELD],
          A.ifStatus(after, [TRANSFERRED, ASSURED], area, A.ifStatus(after, [JOINT], shared, none)),
          none,
        ),
      ];
    }
    if (i === m.claimant) return [A.ifStatus(before, [HELD_CONTESTED], A.ifStatus(after, [HELD], area, none), none)];
    return [];
  });
  return sum(A, terms);
}

/**
 * Domestic ratification, 1 or 0: a leader can sell a deal at home only if the area it concedes ×
 * ratificationScale fits in its domestic room before the deal (with 1e−12 of slack for rounding).
 */
export function ratifiesFormula<V>(B: Arith<V>, A: Arith<V>, m: Model, i: number): V {
  return A.atMost(
    A.mul(
      concessionFormula(B, A, m, i),
      A.param((m) => m.params.ratificationScale),
    ),
    A.add(B.room(i), A.lit(1e-12)),
  );
}
