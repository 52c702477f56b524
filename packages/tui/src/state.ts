import type { LogEvent, OutcomeClass } from '@parley/core';
import { RunSession } from '@parley/engine';
import type { Entry } from './catalog.js';
import { isDecision } from './panels.js';

/** The UI's state and how keys change it: one reducer, so quick key sequences never act on stale state. */
export interface UiState {
  readonly selected: number;
  readonly help: boolean;
  readonly run: { readonly session: RunSession; readonly entry: number } | null;
  /** The distribution view, over the run view or the browser; `current` is the watched run's outcome once it has ended. */
  readonly dist: { readonly entry: number; readonly current: OutcomeClass | null } | null;
  /** What the run view's lower panel shows: the narrated log, why a decision was made (log index), or utilities by dimension. */
  readonly lower: { readonly kind: 'log' } | { readonly kind: 'why'; readonly at: number } | { readonly kind: 'utility' };
  /** Bumped when the (mutable) session steps, so the view redraws. */
  readonly version: number;
}

export interface KeyPress {
  readonly input: string;
  readonly escape?: boolean;
  readonly return?: boolean;
  readonly upArrow?: boolean;
  readonly downArrow?: boolean;
}

export const initialUi: UiState = { selected: 0, help: false, run: null, dist: null, lower: { kind: 'log' }, version: 0 };

/** The index of the decision before (dir −1) or after (dir +1) `from` in the log, or the last one. */
function decision(log: readonly LogEvent[], from: number | null, dir: -1 | 1): number | null {
  const start = from === null ? log.length - 1 : from + dir;
  for (let k = start; k >= 0 && k < log.length; k += from === null ? -1 : dir) if (isDecision(log[k]!)) return k;
  return from;
}

function open(entries: readonly Entry[], k: number, seed: number): UiState['run'] {
  const sc = entries[k]?.sc;
  return sc ? { session: new RunSession(sc.model, sc.hash, seed), entry: k } : null;
}

export function reduce(entries: readonly Entry[], firstSeed: number, s: UiState, key: KeyPress): UiState {
  const { input } = key;
  if (input === '?') return { ...s, help: !s.help };
  if (s.help && (key.escape || input === 'q')) return { ...s, help: false };
  if (s.dist) return key.escape || input === 'b' || input === 'd' ? { ...s, dist: null } : s;
  if (input === 'd') {
    const entry = s.run ? s.run.entry : s.selected;
    const current = s.run?.session.done ? s.run.session.ctx.outcome : null;
    return entries[entry]?.sc ? { ...s, dist: { entry, current } } : s;
  }
  if (!s.run) {
    if (key.upArrow || input === 'k') return { ...s, selected: Math.max(0, s.selected - 1) };
    if (key.downArrow || input === 'j') return { ...s, selected: Math.min(entries.length - 1, s.selected + 1) };
    if (key.return) return { ...s, run: open(entries, s.selected, firstSeed) };
    return s;
  }
  const { session, entry } = s.run;
  if (input === 'w') {
    if (s.lower.kind === 'why') return { ...s, lower: { kind: 'log' } };
    const at = decision(session.log, null, -1);
    return at === null ? s : { ...s, lower: { kind: 'why', at } };
  }
  if (input === 'u') return { ...s, lower: s.lower.kind === 'utility' ? { kind: 'log' } : { kind: 'utility' } };
  if (s.lower.kind === 'why' && (key.upArrow || key.downArrow || input === 'k' || input === 'j')) {
    const at = decision(session.log, s.lower.at, key.upArrow || input === 'k' ? -1 : 1);
    return at === null ? s : { ...s, lower: { kind: 'why', at } };
  }
  if (key.escape || input === 'b') return { ...s, run: null, lower: { kind: 'log' } };
  if (input === 's') return { ...s, run: open(entries, entry, session.seed + 1), lower: { kind: 'log' } };
  if (input === 'r') return { ...s, run: open(entries, entry, session.seed), lower: { kind: 'log' } };
  if (input === 'p') session.step();
  else if (input === ' ' || input === 'n') session.stepQuarter();
  else if (input === 'e') session.toEnd();
  else return s;
  return { ...s, version: s.version + 1 };
}
