import { analyseBargaining, type BargainingAnalysis, type OutcomePoint } from './bargaining.js';
import { Evaluator } from './evaluator.js';
import type { Model, OfferDef, Term } from './model.js';
import { reservationAt, SOVEREIGN } from './reservation.js';
import type { WorldState } from './state.js';
import { utility } from './utility.js';

/** The bargaining space between two actors at a summit: every package, what it gives each, and the solutions. */
export interface SummitSpace extends BargainingAnalysis {
  readonly actors: readonly [number, number];
  /** Packages one side's leader could not ratify at home: left out of the analysis. */
  readonly unratifiable: readonly OutcomePoint[];
}

const subsets = (n: number): number[][] =>
  Array.from({ length: (1 << n) - 1 }, (_, mask) => Array.from({ length: n }, (_, k) => k).filter((k) => ((mask + 1) >> k) & 1));

/**
 * The offer space a summit could consider: the scenario's own offers, plus every
 * territorial settlement the scenario's terms allow — a transfer of any subset of the
 * territories with a peace treaty, with and without a no-foreign-bases assurance and
 * each side payment (a sanctions relief, a move) the scenario's offers carry — and joint
 * administration of all.
 */
export function enumerateOffers(m: Model): OfferDef[] {
  // Side payments: each sanctions relief and each move the scenario's offers carry.
  const reliefs: Term[] = [];
  for (const o of m.offers)
    for (const t of o.terms)
      if ((t.kind === 'sanctionsRelief' || t.kind === 'move') && !reliefs.some((r) => JSON.stringify(r) === JSON.stringify(t)))
        reliefs.push(t);
  const sidePayment = (t: Term): string =>
    t.kind === 'move' ? `, ${m.actors[m.moves[t.move]!.actor]!.name} ${m.moves[t.move]!.label}` : ', sanctions relief';
  const names = (ks: number[]): string => ks.map((k) => m.territories[k]!.name).join(', ');
  const out: OfferDef[] = [];
  for (const s of subsets(m.territories.length)) {
    for (const assured of [false, true]) {
      for (const relief of [null, ...reliefs]) {
        const terms: Term[] = [{ kind: 'transfer', territories: s }, { kind: 'peaceTreaty' }];
        if (assured) terms.push({ kind: 'noForeignBases' });
        if (relief) terms.push(relief);
        const label = `transfer of ${names(s)} and a treaty${assured ? ', no foreign bases' : ''}${relief ? sidePayment(relief) : ''}`;
        out.push({
          id: `gen-${s.join('.')}${assured ? '-nb' : ''}${relief ? `-r${reliefs.indexOf(relief)}` : ''}`,
          label,
          proposers: [],
          terms,
        });
      }
    }
  }
  const all = m.territories.map((_, k) => k);
  out.push({
    id: 'gen-joint-all',
    label: 'joint administration of all, and a treaty',
    proposers: [],
    terms: [{ kind: 'jointAdministration', territories: all }, { kind: 'peaceTreaty' }],
  });
  return out;
}

/**
 * What each package is worth to actors a and b in state s (their utility after the deal),
 * against their walk-away values (utility now + each one's own margin for a sovereignty deal in s:
 * the run's drawn reservation value, reservation.ts), with the Pareto
 * frontier, the zone of possible agreement, and the Nash and Kalai–Smorodinsky packages.
 */
export function summitSpace(
  m: Model,
  s: WorldState,
  a: number,
  b: number,
  offers: readonly OfferDef[] = [...m.offers, ...enumerateOffers(m)],
): SummitSpace {
  const extended: Model = { ...m, offers };
  const ev = new Evaluator(extended, s);
  const now = [utility(m, s, a), utility(m, s, b)] as const;
  const points: OutcomePoint[] = [];
  const unratifiable: OutcomePoint[] = [];
  offers.forEach((o, k) => {
    const p: OutcomePoint = { id: o.id, label: o.label, u: [now[0] + ev.dealGain(a, k), now[1] + ev.dealGain(b, k)] };
    (ev.canRatify(a, k) && ev.canRatify(b, k) ? points : unratifiable).push(p);
  });
  const margin = (i: number): number => s.reservation[reservationAt(i, SOVEREIGN)]!;
  const d = [now[0] + margin(a), now[1] + margin(b)] as const;
  return { ...analyseBargaining(points, d), actors: [a, b], unratifiable };
}
