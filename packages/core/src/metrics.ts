import type { Model } from './model.js';
import type { WorldView } from './state.js';

/**
 * The value in [0, 1] of each utility dimension for actor `i`, in the order of
 * DIMENSIONS. Each is documented with its equation in docs/model.md.
 */
export type MetricFn = (m: Model, s: WorldView, i: number) => number;

/** x clamped to [0, 1]: every measure of the state lives there. */
export const clamp01 = (x: number): number => (x < 0 ? 0 : x > 1 ? 1 : x);

/** Σ area × value of each territory's status to i. */
export const territory: MetricFn = (m, s, i) => {
  const { claimValue, contestCost, jointShare } = m.params;
  let v = 0;
  for (let k = 0; k < s.territories.length; k++) {
    const st = s.territories[k]!;
    const area = m.territories[k]!.area;
    if (st.kind === 'held') {
      if (st.by === i) v += area * (st.contested ? 1 - contestCost : 1);
      else if (st.contested && i === m.claimant) v += area * claimValue;
    } else if (st.kind === 'transferred') {
      if (st.to === i) v += area;
    } else if (st.parties[0] === i || st.parties[1] === i) {
      v += area * jointShare;
    }
  }
  return v;
};

export const treaty: MetricFn = (_m, s) => (s.treaty ? 1 : 0);

/** Mean development (share / max) of the energy ties i is part of. */
export const energy: MetricFn = (m, s, i) => {
  let sum = 0;
  let count = 0;
  for (let k = 0; k < m.energyTies.length; k++) {
    const tie = m.energyTies[k]!;
    if (tie.exporter === i || tie.importer === i) {
      sum += clamp01(s.energy[k]! / tie.max);
      count++;
    }
  }
  return count === 0 ? 0 : sum / count;
};

/** 1 − the mass-weighted mean level of sanctions others impose on i. */
export const sanctions: MetricFn = (m, s, i) => {
  const n = m.actors.length;
  let burden = 0;
  let mass = 0;
  for (let j = 0; j < n; j++) {
    if (j === i) continue;
    const w = m.actors[j]!.mass;
    burden += s.sanctions[j * n + i]! * w;
    mass += w;
  }
  return mass === 0 ? 1 : 1 - burden / mass;
};

/** Mean sanction level of the members of the regimes i belongs to, against their targets. */
export const unity: MetricFn = (m, s, i) => {
  const n = m.actors.length;
  let sum = 0;
  let count = 0;
  for (const r of m.regimes) {
    if (!r.members.includes(i)) continue;
    let level = 0;
    for (const member of r.members) level += s.sanctions[member * n + r.target]!;
    sum += level / r.members.length;
    count++;
  }
  return count === 0 ? 0 : sum / count;
};

/** Mean cohesion of the alliances i belongs to. */
export const alliance: MetricFn = (m, s, i) => {
  let sum = 0;
  let count = 0;
  for (let k = 0; k < m.alliances.length; k++) {
    if (!m.alliances[k]!.members.includes(i)) continue;
    sum += s.cohesion[k]!;
    count++;
  }
  return count === 0 ? 0 : sum / count;
};

/**
 * 0.5 + 0.5·own militarisation − threat − basing exposure, clamped, where threat is
 * the mean of others' militarisation discounted by trust, and basing exposure is
 * the area i transferred without a no-foreign-bases assurance × basingRisk.
 */
export const security: MetricFn = (m, s, i) => {
  const n = m.actors.length;
  let threat = 0;
  for (let j = 0; j < n; j++) {
    if (j !== i) threat += s.militarisation[j]! * (1 - s.trust[i * n + j]!);
  }
  threat /= Math.max(1, n - 1);
  let exposed = 0;
  for (let k = 0; k < s.territories.length; k++) {
    const st = s.territories[k]!;
    if (st.kind === 'transferred' && st.from === i && !st.assured) exposed += m.territories[k]!.area;
  }
  return clamp01(0.5 + 0.5 * s.militarisation[i]! - threat - m.params.basingRisk * exposed);
};

/** Mean economic ties with every other actor, plus joint activity for the dispute's parties. */
export const economy: MetricFn = (m, s, i) => {
  const n = m.actors.length;
  let sum = 0;
  for (let j = 0; j < n; j++) if (j !== i) sum += s.economy[i * n + j]!;
  const party = i === m.claimant || i === m.holder;
  if (party) sum += s.jointActivity;
  return sum / (n - 1 + (party ? 1 : 0));
};

export const domestic: MetricFn = (_m, s, i) => s.room[i]!;

/** Trust between the pair of actors i watches (e.g. a rival partnership). */
export const axis: MetricFn = (m, s, i) => {
  const pair = m.actors[i]!.axis;
  return pair ? s.trust[pair[0] * m.actors.length + pair[1]]! : 0;
};

/** The metric functions in DIMENSIONS order. */
export const METRICS: readonly MetricFn[] = [territory, treaty, energy, sanctions, unity, alliance, security, economy, domestic, axis];
