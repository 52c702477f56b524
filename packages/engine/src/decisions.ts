import { Evaluator, type Model, type MoveOption, moveOptions, type OfferOption, offerOptions, utility } from '@parley/core';
import type { RunSession } from './session.js';

/** A decision an actor is about to take in a session's next phase, with what its policy would weigh. */
export type DecisionPoint =
  | { readonly kind: 'move'; readonly actor: number; readonly options: readonly MoveOption[] }
  | {
      readonly kind: 'offer';
      readonly actor: number;
      readonly to: number;
      readonly options: readonly OfferOption[];
      /** A counter-offer (after a deal the actor's leader could not ratify was vetoed). */
      readonly counter?: boolean;
    }
  | {
      readonly kind: 'response';
      readonly actor: number;
      readonly offer: number;
      /** What the deal is worth to the actor, its walk-away value, and how likely its policy would accept. */
      readonly dealUtility: number;
      readonly walkAway: number;
      readonly probability: number;
      /** The counter-offers it could make if it rejects (none when the offer was itself a counter). */
      readonly counters: readonly OfferOption[] | null;
    };

/**
 * Whether `actor` decides something in the session's next phase, and what: its legal
 * moves, the offers it can table, or the offer it must answer. Null when it does not
 * (or when the answer is forced: a deal its leader could not ratify is vetoed).
 */
export function decisionFor(session: RunSession, actor: number): DecisionPoint | null {
  if (session.done) return null;
  const m: Model = session.m;
  const ctx = session.ctx;
  const next = session.next;
  const role = m.actors[actor]!.role;
  const ev = () => new Evaluator(m, ctx.world);
  if ((next === 'unilateral' && role === 'party') || (next === 'thirdParties' && role === 'third')) {
    const options = moveOptions(ev(), actor);
    return options.length > 1 ? { kind: 'move', actor, options } : null;
  }
  if (next === 'offer' && ctx.meeting?.proposer === actor) {
    return { kind: 'offer', actor, to: ctx.meeting.responder, options: offerOptions(ev(), actor, ctx.meeting.responder) };
  }
  if (next === 'response' && ctx.pending?.to === actor) {
    const e = ev();
    const o = ctx.pending.offer;
    if (!e.canRatify(actor, o)) return null;
    const walkAway = utility(m, ctx.world, actor) + e.margin(actor, o);
    return {
      kind: 'response',
      actor,
      offer: o,
      dealUtility: walkAway + e.surplus(actor, o),
      walkAway,
      probability: e.acceptance(actor, o),
      counters: ctx.pending.counter ? null : offerOptions(e, actor, ctx.pending.by),
    };
  }
  return null;
}
