import { RunSession } from '@parley/engine';
import type { Entry } from './catalog.js';

/** The UI's state and how keys change it: one reducer, so quick key sequences never act on stale state. */
export interface UiState {
  readonly selected: number;
  readonly help: boolean;
  readonly run: { readonly session: RunSession; readonly entry: number } | null;
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

export const initialUi: UiState = { selected: 0, help: false, run: null, version: 0 };

function open(entries: readonly Entry[], k: number, seed: number): UiState['run'] {
  const sc = entries[k]?.sc;
  return sc ? { session: new RunSession(sc.model, sc.hash, seed), entry: k } : null;
}

export function reduce(entries: readonly Entry[], firstSeed: number, s: UiState, key: KeyPress): UiState {
  const { input } = key;
  if (input === '?') return { ...s, help: !s.help };
  if (s.help && (key.escape || input === 'q')) return { ...s, help: false };
  if (!s.run) {
    if (key.upArrow || input === 'k') return { ...s, selected: Math.max(0, s.selected - 1) };
    if (key.downArrow || input === 'j') return { ...s, selected: Math.min(entries.length - 1, s.selected + 1) };
    if (key.return) return { ...s, run: open(entries, s.selected, firstSeed) };
    return s;
  }
  const { session, entry } = s.run;
  if (key.escape || input === 'b') return { ...s, run: null };
  if (input === 's') return { ...s, run: open(entries, entry, session.seed + 1) };
  if (input === 'r') return { ...s, run: open(entries, entry, session.seed) };
  if (input === 'p') session.step();
  else if (input === ' ' || input === 'n') session.stepQuarter();
  else if (input === 'e') session.toEnd();
  else return s;
  return { ...s, version: s.version + 1 };
}
