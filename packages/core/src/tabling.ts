import type { Evaluator } from './evaluator.js';
import type { Model } from './model.js';
import type { WorldState } from './state.js';
import { afterDeal } from './whatif.js';

/**
 * A package a person tables (a student's proposal in a class): offer index `table` of the model,
 * whether or not the proposer's policy would weigh it (a package a player composed has no
 * proposers: no AI ever tables it). What a Chooser's offer() may return instead of an option's index.
 */
export interface TableOffer {
  readonly table: number;
}

/**
 * The disputed area actor i concedes in going from world `before` to `after`, as its domestic
 * audience sees it (deal.ts's concessionFormula, evaluated plainly for explanations): area it held
 * and transferred, (1 − jointShare) of area it held and now shares, area it claimed and renounced.
 */
export function concededArea(m: Model, before: WorldState, after: WorldState, i: number): number {
  let area = 0;
  m.territories.forEach((t, k) => {
    const b = before.territories[k]!;
    const a = after.territories[k]!;
    if (i === m.holder && b.kind === 'held') {
      if (a.kind === 'transferred') area += t.area;
      else if (a.kind === 'joint') area += t.area * (1 - m.params.jointShare);
    }
    if (i === m.claimant && b.kind === 'held' && b.contested && a.kind === 'held' && !a.contested) area += t.area;
  });
  return area;
}

/** Why actor i's leader could not ratify offer o at home, in words with its numbers; null if it could. */
export function ratificationProblem(ev: Evaluator, i: number, o: number): string | null {
  if (ev.canRatify(i, o)) return null;
  const m = ev.m;
  const area = concededArea(m, ev.s, afterDeal(m, ev.s, o), i);
  const scale = m.params.ratificationScale;
  return (
    `${m.actors[i]!.name}'s leader could not sell it at home: it gives up ${round(area)} of the disputed area` +
    `${scale === 1 ? '' : `, which weighs ${round(area * scale)} at home (× ${round(scale)})`}, more than the domestic room of ${round(ev.s.room[i]!)}`
  );
}

const round = (x: number): string => String(Math.round(x * 100) / 100);

/**
 * Why proposer `by` may not table offer o to `to` now, or null if it may: the offer must exist and
 * the proposer's own leader must be able to ratify it. A package the responder's leader could not
 * ratify may be tabled (it is vetoed: the response phase), so that a class can see why.
 */
export function tablingProblem(ev: Evaluator, by: number, o: number): string | null {
  if (!Number.isInteger(o) || o < 0 || o >= ev.m.offers.length) return `there is no package ${o}`;
  return ratificationProblem(ev, by, o);
}

/** An offer a person tabled that may not be tabled (a guard: a class server checks first and says why). */
export class IllegalTabling extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'IllegalTabling';
  }
}
