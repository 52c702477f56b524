/**
 * Two-party bargaining over a finite set of outcomes: the Pareto frontier, the zone of
 * possible agreement, and the Nash and Kalai–Smorodinsky solutions relative to a
 * disagreement point. Pure arithmetic on utility pairs; where the pairs come from
 * (a scenario's summit, an imported negotiation domain) is someone else's business.
 */

export interface OutcomePoint {
  readonly id: string;
  readonly label: string;
  /** Utility to party A and to party B. */
  readonly u: readonly [number, number];
}

export interface BargainingAnalysis {
  /** What each side gets if there is no agreement. */
  readonly disagreement: readonly [number, number];
  readonly points: readonly OutcomePoint[];
  /** Points no other point beats for one side without being worse for the other, sorted by A's utility. */
  readonly pareto: readonly OutcomePoint[];
  /** Points both sides prefer to disagreement (strictly better for both). */
  readonly zopa: readonly OutcomePoint[];
  /** argmax (uA − dA)(uB − dB) over the zone; null when the zone is empty. */
  readonly nash: OutcomePoint | null;
  /** The zone's point that maximises the smaller of the two gains, each as a share of that side's best possible gain. */
  readonly kalaiSmorodinsky: OutcomePoint | null;
}

/** Sweep from A's best down: a point is on the frontier if it gives B more than every point before it (or ties one exactly). */
export function paretoFrontier(points: readonly OutcomePoint[]): OutcomePoint[] {
  const sorted = [...points].sort((a, b) => b.u[0] - a.u[0] || b.u[1] - a.u[1]);
  const out: OutcomePoint[] = [];
  let best = Number.NEGATIVE_INFINITY;
  for (const p of sorted) {
    const last = out[out.length - 1];
    if (p.u[1] > best || (last !== undefined && p.u[0] === last.u[0] && p.u[1] === last.u[1])) {
      out.push(p);
      best = Math.max(best, p.u[1]);
    }
  }
  return out.reverse();
}

export function analyseBargaining(points: readonly OutcomePoint[], disagreement: readonly [number, number]): BargainingAnalysis {
  const [d0, d1] = disagreement;
  const zopa = points.filter((p) => p.u[0] > d0 && p.u[1] > d1);
  let nash: OutcomePoint | null = null;
  let nashValue = Number.NEGATIVE_INFINITY;
  for (const p of zopa) {
    const v = (p.u[0] - d0) * (p.u[1] - d1);
    if (v > nashValue) {
      nashValue = v;
      nash = p;
    }
  }
  let ks: OutcomePoint | null = null;
  if (zopa.length > 0) {
    // A loop, not Math.max(...): a zone may hold a million points, more arguments than a call can take.
    let ideal0 = Number.NEGATIVE_INFINITY;
    let ideal1 = Number.NEGATIVE_INFINITY;
    for (const p of zopa) {
      if (p.u[0] > ideal0) ideal0 = p.u[0];
      if (p.u[1] > ideal1) ideal1 = p.u[1];
    }
    let ksValue = Number.NEGATIVE_INFINITY;
    for (const p of paretoFrontier(zopa)) {
      const g = Math.min((p.u[0] - d0) / (ideal0 - d0), (p.u[1] - d1) / (ideal1 - d1));
      if (g > ksValue) {
        ksValue = g;
        ks = p;
      }
    }
  }
  return { disagreement, points, pareto: paretoFrontier(points), zopa, nash, kalaiSmorodinsky: ks };
}
