import { type Arith, STATUS, sum } from './arith.js';
import { DIMENSION_COUNT, type Model } from './model.js';
import type { WorldView } from './state.js';
import { NO_INPUTS } from './view-code.js';
import { formulasOf } from './world-formulas.js';

/**
 * The value in [0, 1] of each utility dimension for actor `i`, in the order of DIMENSIONS, each
 * written once over the model's arithmetic (arith.ts): evaluated to numbers here (METRICS), and
 * compiled into the batch kernel (kernel/metric-code.ts). Each is documented with its equation in
 * docs/model.md. The model's structure (who holds what, who belongs where) is read from `m` when
 * the formula is written; its numbers through A.param, so a kernel bound to other parameters
 * reads theirs.
 */
export type Metric = <V>(A: Arith<V>, m: Model, i: number) => V;

/** A metric as a function of a world: the formula evaluated to a number. */
export type MetricFn = (m: Model, s: WorldView, i: number) => number;

/** x clamped to [0, 1]: every measure of the state lives there. */
export const clamp01 = (x: number): number => (x < 0 ? 0 : x > 1 ? 1 : x);

/** A mean of terms, or 0 when there are none. */
const mean = <V>(A: Arith<V>, terms: readonly V[]): V => (terms.length === 0 ? A.lit(0) : A.div(sum(A, terms), A.lit(terms.length)));

/**
 * Σ area × value of each territory's status to i: for the holder, (1 − contestCost) while claimed
 * and 1 once settled; for the claimant, claimValue while it claims, 1 once transferred; jointShare
 * of a jointly administered one to both.
 */
const territory: Metric = (A, m, i) => {
  const holder = i === m.holder;
  const claimant = i === m.claimant;
  if (!holder && !claimant) return A.lit(0);
  return sum(
    A,
    m.territories.map((_, k) => {
      const area = (m: Model): number => m.territories[k]!.area;
      const value: ((m: Model) => number)[] = [];
      value[STATUS.HELD_CONTESTED] = holder ? (m) => area(m) * (1 - m.params.contestCost) : (m) => area(m) * m.params.claimValue;
      value[STATUS.HELD] = holder ? (m) => area(m) * 1 : () => 0;
      value[STATUS.TRANSFERRED] = claimant ? area : () => 0;
      value[STATUS.ASSURED] = claimant ? area : () => 0;
      value[STATUS.JOINT] = (m) => area(m) * m.params.jointShare;
      return A.byStatus(
        A.status(k),
        value.map((v) => A.param(v)),
      );
    }),
  );
};

const treaty: Metric = (A) => A.treaty();

/** Mean development (share / max, clamped) of the energy ties i is part of. */
const energy: Metric = (A, m, i) =>
  mean(
    A,
    m.energyTies.flatMap((tie, k) =>
      tie.exporter === i || tie.importer === i
        ? [
            A.clamp01(
              A.div(
                A.energy(k),
                A.param((m) => m.energyTies[k]!.max),
              ),
            ),
          ]
        : [],
    ),
  );

/** 1 − the mass-weighted mean level of sanctions others impose on i (1 when the others have no mass). */
const sanctions: Metric = (A, m, i) => {
  const others = m.actors.flatMap((_, j) => (j === i ? [] : [j]));
  const mass = (m: Model): number => others.reduce((s, j) => s + m.actors[j]!.mass, 0);
  if (mass(m) === 0) return A.lit(1);
  const burden = sum(
    A,
    others.map((j) =>
      A.mul(
        A.sanctions(j, i),
        A.param((m) => m.actors[j]!.mass),
      ),
    ),
  );
  return A.sub(A.lit(1), A.div(burden, A.param(mass)));
};

/** Mean, over the regimes i belongs to, of its members' mean sanction level against the regime's target. */
const unity: Metric = (A, m, i) =>
  mean(
    A,
    m.regimes
      .filter((r) => r.members.includes(i))
      .map((r) =>
        A.div(
          sum(
            A,
            r.members.map((j) => A.sanctions(j, r.target)),
          ),
          A.lit(r.members.length),
        ),
      ),
  );

/** Mean cohesion of the alliances i belongs to. */
const alliance: Metric = (A, m, i) =>
  mean(
    A,
    m.alliances.flatMap((a, k) => (a.members.includes(i) ? [A.cohesion(k)] : [])),
  );

/**
 * 0.5 + 0.5·own militarisation − threat − basingRisk × exposure, clamped, where threat is the mean
 * of others' militarisation discounted by trust, and exposure is the area i transferred without a
 * no-foreign-bases assurance (only the holder can have transferred any). Each area is added as itself
 * or −0 (x + −0 is x, bit for bit), never skipped, so the kernel's code has no branch that a first
 * transfer could deoptimise (docs/performance.md).
 */
const security: Metric = (A, m, i) => {
  const n = m.actors.length;
  const others = m.actors.flatMap((_, j) => (j === i ? [] : [j]));
  const threat = A.div(
    sum(
      A,
      others.map((j) => A.mul(A.militarisation(j), A.sub(A.lit(1), A.trust(i, j)))),
    ),
    A.lit(Math.max(1, n - 1)),
  );
  const exposed =
    i === m.holder
      ? sum(
          A,
          m.territories.map((_, k) =>
            A.ifStatus(
              A.status(k),
              [STATUS.TRANSFERRED],
              A.param((m) => m.territories[k]!.area),
              A.lit(-0),
            ),
          ),
        )
      : A.lit(0);
  return A.clamp01(
    A.sub(
      A.sub(A.add(A.lit(0.5), A.mul(A.lit(0.5), A.militarisation(i))), threat),
      A.mul(
        A.param((m) => m.params.basingRisk),
        exposed,
      ),
    ),
  );
};

/** Mean economic ties with every other actor, with joint activity as one more tie for the dispute's parties. */
const economy: Metric = (A, m, i) => {
  const party = i === m.claimant || i === m.holder;
  const ties = m.actors.flatMap((_, j) => (j === i ? [] : [A.economy(i, j)]));
  return A.div(sum(A, party ? [...ties, A.joint()] : ties), A.lit(ties.length + (party ? 1 : 0)));
};

const domestic: Metric = (A, _m, i) => A.room(i);

/** Trust between the pair of actors i watches (e.g. a rival partnership), or 0. */
const axis: Metric = (A, m, i) => {
  const pair = m.actors[i]!.axis;
  return pair ? A.trust(pair[0], pair[1]) : A.lit(0);
};

/** The metrics' formulas, in DIMENSIONS order. */
export const METRIC_FORMULAS: readonly Metric[] = [
  territory,
  treaty,
  energy,
  sanctions,
  unity,
  alliance,
  security,
  economy,
  domestic,
  axis,
];
if (METRIC_FORMULAS.length !== DIMENSION_COUNT) throw new Error('metrics.ts: one formula per dimension');

/** The metric functions in DIMENSIONS order: each formula, staged once per model and actor (staged.ts), evaluated over a world. */
export const METRICS: readonly MetricFn[] = METRIC_FORMULAS.map(
  (_f, d): MetricFn =>
    (m, s, i) =>
      formulasOf(m).metric(d, i)(s, NO_INPUTS, s),
);
