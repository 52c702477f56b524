import { type LogEvent, type Model, quarterLabel, type TerritoryStatus, utilityBreakdown, type WorldState } from '@parley/core';

/**
 * Structured output for --json: the same records as the log and the final state,
 * with indices replaced by the scenario's ids and quarters labelled.
 */

const REFS: Record<string, (m: Model, k: number) => string> = {
  by: (m, k) => m.actors[k]!.id,
  to: (m, k) => m.actors[k]!.id,
  actor: (m, k) => m.actors[k]!.id,
  proposer: (m, k) => m.actors[k]!.id,
  responder: (m, k) => m.actors[k]!.id,
  offer: (m, k) => m.offers[k]!.id,
  move: (m, k) => m.moves[k]!.id,
  event: (m, k) => m.events[k]!.id,
  summit: (m, k) => m.events[k]!.id,
  reaction: (m, k) => m.reactions[k]!.id,
};

function withIds(m: Model, x: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(x)) {
    if (typeof v === 'number' && REFS[k]) out[k] = REFS[k](m, v);
    else if (Array.isArray(v))
      out[k] = v.map((item) => (typeof item === 'object' && item !== null ? withIds(m, item as Record<string, unknown>) : item));
    else out[k] = v;
  }
  return out;
}

export function logEventToJson(m: Model, e: LogEvent): Record<string, unknown> {
  return { quarter: quarterLabel(m, e.t), ...withIds(m, e as unknown as Record<string, unknown>) };
}

function statusToJson(m: Model, st: TerritoryStatus): Record<string, unknown> {
  switch (st.kind) {
    case 'held':
      return { status: 'held', by: m.actors[st.by]!.id, contested: st.contested };
    case 'transferred':
      return { status: 'transferred', to: m.actors[st.to]!.id, from: m.actors[st.from]!.id, noForeignBases: st.assured };
    case 'joint':
      return { status: 'joint', parties: st.parties.map((p) => m.actors[p]!.id) };
  }
}

const byActor = <T>(m: Model, f: (i: number) => T): Record<string, T> => Object.fromEntries(m.actors.map((a, i) => [a.id, f(i)]));

export function worldToJson(m: Model, w: WorldState): Record<string, unknown> {
  const n = m.actors.length;
  const pairs = (mat: readonly number[], symmetric: boolean): Record<string, number> => {
    const out: Record<string, number> = {};
    for (let a = 0; a < n; a++)
      for (let b = symmetric ? a + 1 : 0; b < n; b++) if (a !== b) out[`${m.actors[a]!.id}:${m.actors[b]!.id}`] = mat[a * n + b]!;
    return out;
  };
  return {
    quarter: quarterLabel(m, w.t),
    territories: Object.fromEntries(m.territories.map((t, k) => [t.id, statusToJson(m, w.territories[k]!)])),
    treaty: w.treaty ? { quarter: quarterLabel(m, w.treaty.t), offer: m.offers[w.treaty.offer]!.id } : null,
    talksActive: w.talksActive,
    sanctions: pairs(w.sanctions, false),
    energy: Object.fromEntries(m.energyTies.map((e, k) => [e.id, w.energy[k]!])),
    economy: pairs(w.economy, true),
    jointActivity: w.jointActivity,
    militarisation: byActor(m, (i) => w.militarisation[i]!),
    cohesion: Object.fromEntries(m.alliances.map((a, k) => [a.id, w.cohesion[k]!])),
    trust: pairs(w.trust, true),
    room: byActor(m, (i) => w.room[i]!),
    utility: byActor(m, (i) =>
      Object.fromEntries(
        utilityBreakdown(m, w, i)
          .filter((d) => d.weight !== 0)
          .map((d) => [d.dimension, { weight: d.weight, value: d.value, contribution: d.contribution }]),
      ),
    ),
  };
}
