import { SERIES } from '@parley/batch';
import { type LogEvent, type Model, quarterLabel, utility, utilityBreakdown, type WorldState } from '@parley/core';
import { narrateEvent } from '@parley/engine';

/** What the run view shows, computed from the model and the world: pure, so it is tested without a terminal. */

export interface TerritoryRow {
  readonly name: string;
  readonly area: number;
  readonly status: string;
  readonly tone: 'held' | 'contested' | 'transferred' | 'joint';
}

export function territoryRows(m: Model, w: WorldState): TerritoryRow[] {
  return m.territories.map((t, k) => {
    const st = w.territories[k]!;
    if (st.kind === 'transferred') return { name: t.name, area: t.area, status: `→ ${m.actors[st.to]!.name}`, tone: 'transferred' };
    if (st.kind === 'joint') return { name: t.name, area: t.area, status: 'joint administration', tone: 'joint' };
    return {
      name: t.name,
      area: t.area,
      status: `${m.actors[st.by]!.name}${st.contested ? ' (contested)' : ''}`,
      tone: st.contested ? 'contested' : 'held',
    };
  });
}

export interface Gauge {
  readonly label: string;
  readonly value: number;
}

/** The run's key measures, each in [0, 1]: the same ones batch reports follow. */
export function gauges(m: Model, w: WorldState): Gauge[] {
  return SERIES.filter((s) => s.id !== 'jointActivity' || w.jointActivity > 0).map((s) => ({ label: s.label(m), value: s.value(m, w) }));
}

/** s in at most n characters: cut with an ellipsis when longer. */
export const clip = (s: string, n: number): string => (s.length > n ? `${s.slice(0, n - 1)}…` : s);

export const bar = (value: number, width: number): string => {
  const full = Math.round(Math.max(0, Math.min(1, value)) * width);
  return `${'█'.repeat(full)}${'░'.repeat(width - full)}`;
};

export function utilityRows(m: Model, w: WorldState): { name: string; value: number }[] {
  return m.actors.map((a, i) => ({ name: a.name, value: utility(m, w, i) }));
}

/** The last `n` narrated lines of the log. */
export function logLines(m: Model, log: readonly LogEvent[], n: number): string[] {
  return log.slice(-n).map((e) => narrateEvent(m, e));
}

export const quarterOf = (m: Model, t: number): string => quarterLabel(m, Math.min(t, m.horizon - 1));

/** Log events that are decisions (an offer, a response, a move): the ones "why" can explain. */
export const isDecision = (e: LogEvent): boolean => e.type === 'offer' || e.type === 'response' || e.type === 'move';

const signed = (x: number): string => `${x >= 0 ? '+' : ''}${x.toFixed(4)}`;

/** Option labels in one column: as wide as the longest, at most 46 characters, a longer one cut with an ellipsis. */
const labelColumn = (labels: readonly string[]): string[] => {
  const w = Math.min(46, Math.max(0, ...labels.map((l) => l.length)));
  return labels.map((l) => clip(l, w).padEnd(w));
};

/** Why a decision went the way it did: the options the actor had, what each was worth to it, and how likely each was. */
export function whyLines(m: Model, e: LogEvent): string[] {
  const name = (i: number): string => m.actors[i]!.name;
  if (e.type === 'move') {
    const chosen = e.move;
    const labels = labelColumn(e.options.map((o) => (o.move === null ? 'hold still' : m.moves[o.move]!.label)));
    return [
      `${name(e.actor)}'s options in ${quarterLabel(m, e.t)} (value = own utility change − cost + effect on others' choices):`,
      ...e.options.map(
        (o, k) =>
          `${o.move === chosen ? '▶' : ' '} ${labels[k]} ${signed(o.value)}  P ${(o.probability * 100).toFixed(0).padStart(3)}%${o.strategic !== 0 ? `  (strategic ${signed(o.strategic)})` : ''}`,
      ),
    ];
  }
  if (e.type === 'offer') {
    const labels = labelColumn(e.options.map((o) => (o.offer === null ? 'only talk' : m.offers[o.offer]!.label)));
    return [
      `${name(e.by)}'s offers to ${name(e.to)} in ${quarterLabel(m, e.t)} (value = chance accepted × surplus over its walk-away):`,
      ...e.options.map(
        (o, k) =>
          `${o.offer === e.offer ? '▶' : ' '} ${labels[k]} ${signed(o.value)}  accepted ${(o.acceptance * 100).toFixed(0).padStart(3)}%  P ${(o.probability * 100).toFixed(0).padStart(3)}%`,
      ),
    ];
  }
  if (e.type === 'response') {
    return [
      `${name(e.by)} on "${m.offers[e.offer]!.label}" in ${quarterLabel(m, e.t)}:`,
      `  the deal is worth ${e.dealUtility.toFixed(3)} to it; its walk-away value is ${e.walkAway.toFixed(3)}`,
      `  chance of accepting ${(e.probability * 100).toFixed(1)}% → it chose to ${e.decision}`,
      e.decision === 'veto' ? '  (its leader could not ratify the territorial concession at home)' : '',
    ].filter(Boolean);
  }
  return [];
}

/** Each actor's utility, dimension by dimension (weight × value, as a share of the total). */
export function breakdownLines(m: Model, w: WorldState): string[] {
  return m.actors.map((a, i) => {
    const parts = utilityBreakdown(m, w, i)
      .filter((t) => t.weight !== 0)
      .map((t) => `${t.dimension} ${t.contribution.toFixed(3)}`);
    return `${a.name.padEnd(14)} ${utility(m, w, i).toFixed(3)} = ${parts.join(' + ')}`;
  });
}
