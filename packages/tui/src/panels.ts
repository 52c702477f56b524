import { SERIES } from '@parley/batch';
import { type LogEvent, type Model, quarterLabel, utility, type WorldState } from '@parley/core';
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
