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

/**
 * A line of text wrapped at word boundaries to `width` columns: the first row keeps the line's own
 * leading spaces, the rows after it start with `indent` (default: those spaces and two more). Only a
 * word longer than a whole row is split. Nothing is cut off.
 */
export function wrapLine(text: string, width: number, indent?: string): string[] {
  const lead = /^ */.exec(text)![0];
  const wanted = indent ?? `${lead}  `;
  // An indent that would leave less than half the row is dropped.
  const next = wanted.length <= width / 2 ? wanted : '';
  // Words with the spaces before them: spacing inside a row (a log's columns) is kept; a row starts with a word.
  const tokens = text.slice(lead.length).match(/ *[^ ]+/g) ?? [];
  const rows: string[] = [];
  let prefix = lead.length <= width / 2 ? lead : '';
  let row = '';
  const room = (): number => Math.max(1, width - prefix.length);
  for (const token of tokens) {
    let word = token.trimStart();
    if (row && row.length + token.length > room()) {
      rows.push(prefix + row);
      prefix = next;
      row = '';
    }
    while (!row && word.length > room()) {
      rows.push(prefix + word.slice(0, room()));
      word = word.slice(room());
      prefix = next;
    }
    row = row ? row + token : word;
  }
  rows.push(prefix + row);
  return rows;
}

/** A line the lower panel shows: its text, and how it is drawn. */
export interface PanelLine {
  readonly text: string;
  readonly bold?: boolean;
  readonly dim?: boolean;
  readonly color?: string;
  /** The start of its wrapped rows after the first (default: its leading spaces and two more). */
  readonly indent?: string;
}

/**
 * The rows of `lines` wrapped to `width` that fit in `height`, scrolled: from the top (a menu, an
 * explanation) or the bottom (the log) by `scroll` rows. When not everything fits, the last row says
 * what is above and below and how to see it.
 */
export function panelRows(
  lines: readonly PanelLine[],
  width: number,
  height: number,
  scroll: number,
  from: 'top' | 'bottom',
): { rows: PanelLine[]; scroll: number } {
  const all = lines.flatMap((l) => wrapLine(l.text, width, l.indent).map((text) => ({ ...l, text })));
  if (all.length <= height) return { rows: all, scroll: 0 };
  const shown = Math.max(1, height - 1);
  const max = all.length - shown;
  const s = Math.max(0, Math.min(scroll, max));
  const start = from === 'top' ? s : max - s;
  const above = start;
  const below = all.length - start - shown;
  const hint = `${above > 0 ? `↑ ${above} more above` : ''}${above > 0 && below > 0 ? ', ' : ''}${below > 0 ? `↓ ${below} below` : ''} (pgup pgdn)`;
  return { rows: [...all.slice(start, start + shown), { text: clip(hint, width), dim: true }], scroll: s };
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

/** The whole log, narrated, each line wrapped under its text (after the quarter and the tag). */
export function logPanel(m: Model, log: readonly LogEvent[]): PanelLine[] {
  return log.map((e) => ({ text: narrateEvent(m, e), indent: ' '.repeat(18) }));
}

export const quarterOf = (m: Model, t: number): string => quarterLabel(m, Math.min(t, m.horizon - 1));

/** Log events that are decisions (an offer, a response, a move): the ones "why" can explain. */
export const isDecision = (e: LogEvent): boolean => e.type === 'offer' || e.type === 'response' || e.type === 'move';

const signed = (x: number): string => `${x >= 0 ? '+' : ''}${x.toFixed(4)}`;

/**
 * Why a decision went the way it did: the options the actor had, what each was worth to it, and how
 * likely each was. The figures come first, in columns; each option's label follows in full (the
 * panel wraps it under itself).
 */
export function whyLines(m: Model, e: LogEvent): PanelLine[] {
  const name = (i: number): string => m.actors[i]!.name;
  const pct = (x: number): string => `${(x * 100).toFixed(0).padStart(3)}%`;
  if (e.type === 'move') {
    return [
      { text: `${name(e.actor)}'s options in ${quarterLabel(m, e.t)} (value = own utility change − cost + effect on others' choices):` },
      ...e.options.map((o) => {
        const label = o.move === null ? 'hold still' : m.moves[o.move]!.label;
        const strategic = o.strategic !== 0 ? ` (strategic ${signed(o.strategic)})` : '';
        const head = `${o.move === e.move ? '▶' : ' '} ${signed(o.value)}  P ${pct(o.probability)}  `;
        return { text: `${head}${label}${strategic}`, indent: ' '.repeat(head.length) };
      }),
    ];
  }
  if (e.type === 'offer') {
    return [
      {
        text: `${name(e.by)}'s offers to ${name(e.to)} in ${quarterLabel(m, e.t)} (value = chance accepted × surplus over its walk-away):`,
      },
      ...e.options.map((o) => {
        const label = o.offer === null ? 'only talk' : m.offers[o.offer]!.label;
        const head = `${o.offer === e.offer ? '▶' : ' '} ${signed(o.value)}  accepted ${pct(o.acceptance)}  P ${pct(o.probability)}  `;
        return { text: `${head}${label}`, indent: ' '.repeat(head.length) };
      }),
    ];
  }
  if (e.type === 'response') {
    return [
      { text: `${name(e.by)} on "${m.offers[e.offer]!.label}" in ${quarterLabel(m, e.t)}:` },
      { text: `  the deal is worth ${e.dealUtility.toFixed(3)} to it; its walk-away value is ${e.walkAway.toFixed(3)}` },
      e.player
        ? { text: `  the players decided to ${e.decision} (the AI would have accepted ${(e.probability * 100).toFixed(1)}% of the time)` }
        : { text: `  chance of accepting ${(e.probability * 100).toFixed(1)}% → it chose to ${e.decision}` },
      ...(e.decision === 'veto' ? [{ text: '  (its leader could not ratify the territorial concession at home)' }] : []),
    ];
  }
  return [];
}

/** Each actor's utility, dimension by dimension (weight × value, as a share of the total). */
export function breakdownLines(m: Model, w: WorldState): PanelLine[] {
  return m.actors.map((a, i) => {
    const parts = utilityBreakdown(m, w, i)
      .filter((t) => t.weight !== 0)
      .map((t) => `${t.dimension} ${t.contribution.toFixed(3)}`);
    return { text: `${a.name.padEnd(14)} ${utility(m, w, i).toFixed(3)} = ${parts.join(' + ')}`, indent: ' '.repeat(23) };
  });
}
