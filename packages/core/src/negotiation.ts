/**
 * Bilateral alternating offers over a finite outcome space (as in GENIUS/ANAC): the parties
 * take turns; on its turn a party accepts the standing offer or makes a new one; after the
 * last round without agreement both get their reservation values. The computer's tactic is
 * the classic time-dependent one (Faratin et al. 1998): its target utility falls from 1 to
 * its reservation value as the deadline nears, fast (conceder, e > 1) or late (Boulware, e < 1).
 */

export interface NegotiationParty {
  /** The party's utility for each outcome, by outcome index. */
  readonly utilities: readonly number[];
  readonly reservation: number;
}

/** Target utility at round r of n for a time-dependent tactic with concession exponent e. */
export function targetUtility(round: number, rounds: number, reservation: number, e: number): number {
  const t = Math.min(1, Math.max(0, rounds <= 1 ? 1 : round / (rounds - 1)));
  return reservation + (1 - reservation) * (1 - t ** (1 / e));
}

/** The outcome a tactic offers: the one whose utility to itself is closest to its target from above (else its best). */
export function tacticOffer(p: NegotiationParty, target: number): number {
  let best = -1;
  let bestU = Number.POSITIVE_INFINITY;
  let top = 0;
  p.utilities.forEach((u, k) => {
    if (u >= target && u < bestU) {
      best = k;
      bestU = u;
    }
    if (u > p.utilities[top]!) top = k;
  });
  return best >= 0 ? best : top;
}

/** A tactic accepts an offer worth at least what it would ask for next (and at least its reservation value). */
export function tacticAccepts(p: NegotiationParty, offer: number, nextTarget: number): boolean {
  const u = p.utilities[offer]!;
  return u >= nextTarget && u >= p.reservation;
}

export interface NegotiationStep {
  readonly round: number;
  readonly by: 0 | 1;
  readonly action: 'offer' | 'accept';
  readonly outcome: number;
}
