import type { LogEvent, OutcomeClass } from '@parley/core';
import type { DecisionPoint, RunSession } from '@parley/engine';
import type { Entry } from './catalog.js';
import { type KeyPress, scrolled } from './keypress.js';
import { isDecision } from './panels.js';
import { advancePlay, answerPlay, type PlayUi, startPlay } from './play-state.js';

/** The UI's state and how keys change it: one reducer, so quick key sequences never act on stale state. */
export interface UiState {
  readonly selected: number;
  readonly help: boolean;
  readonly run: {
    readonly session: RunSession;
    readonly entry: number;
    /** The actor the user plays, or null to watch. */
    readonly player: number | null;
    /** The run with the player's decisions (see play-state.ts). */
    readonly play: PlayUi;
  } | null;
  /** A decision waiting for the player, with the stage of a response (answer, then a counter-offer). */
  readonly awaiting: { readonly point: DecisionPoint; readonly stage: 'choose' | 'counter' } | null;
  /** Whether the player's menu shows what each option is expected to bring. */
  readonly hints: boolean;
  /** The distribution view, over the run view or the browser; `current` is the watched run's outcome once it has ended. */
  readonly dist: { readonly entry: number; readonly current: OutcomeClass | null; readonly uncertain: boolean } | null;
  /** What the run view's lower panel shows: the narrated log, why a decision was made (log index), or utilities by dimension. */
  readonly lower: { readonly kind: 'log' } | { readonly kind: 'why'; readonly at: number } | { readonly kind: 'utility' };
  /** Rows the lower panel is scrolled by (RunView's scroll): 0 shows the end of the log, or the top of a menu. */
  readonly scroll: number;
  /** Bumped when the (mutable) session steps, so the view redraws. */
  readonly version: number;
}

export type { KeyPress } from './keypress.js';

export const initialUi: UiState = {
  selected: 0,
  help: false,
  run: null,
  dist: null,
  lower: { kind: 'log' },
  awaiting: null,
  hints: true,
  scroll: 0,
  version: 0,
};

/** The index of the decision before (dir −1) or after (dir +1) `from` in the log, or the last one. */
function decision(log: readonly LogEvent[], from: number | null, dir: -1 | 1): number | null {
  const start = from === null ? log.length - 1 : from + dir;
  for (let k = start; k >= 0 && k < log.length; k += from === null ? -1 : dir) if (isDecision(log[k]!)) return k;
  return from;
}

function open(entries: readonly Entry[], k: number, seed: number, player: number | null = null): UiState['run'] {
  const sc = entries[k]?.sc;
  if (!sc) return null;
  const play = startPlay(sc.model, sc.hash, seed, player === null ? [] : [{ role: sc.model.actors[player]!.id, actor: player }]);
  return { session: play.session, entry: k, player, play };
}

/** The UI after a step of the played run: the run's state, and the decision it waits for (if any). */
function withPlay(s: UiState, play: PlayUi): UiState {
  const a = play.awaiting;
  const awaiting = a && a.stage !== 'handover' ? { point: a.queue[0]!, stage: a.stage } : null;
  return { ...s, run: { ...s.run!, play }, awaiting, scroll: 0, version: s.version + 1 };
}

export function reduce(entries: readonly Entry[], firstSeed: number, s: UiState, key: KeyPress): UiState {
  const { input } = key;
  if (input === '?') return { ...s, help: !s.help };
  if (s.help && (key.escape || input === 'q')) return { ...s, help: false };
  if (s.dist) {
    if (input === 'u') return { ...s, dist: { ...s.dist, uncertain: !s.dist.uncertain } };
    return key.escape || input === 'b' || input === 'd' ? { ...s, dist: null } : s;
  }
  if (input === 'd') {
    const entry = s.run ? s.run.entry : s.selected;
    const current = s.run?.session.done ? s.run.session.ctx.outcome : null;
    return entries[entry]?.sc ? { ...s, dist: { entry, current, uncertain: false } } : s;
  }
  if (!s.run) {
    if (key.upArrow || input === 'k') return { ...s, selected: Math.max(0, s.selected - 1) };
    if (key.downArrow || input === 'j') return { ...s, selected: Math.min(entries.length - 1, s.selected + 1) };
    if (key.return) return { ...s, run: open(entries, s.selected, firstSeed) };
    return s;
  }
  const { session, entry, player } = s.run;
  if (input === 'h') return { ...s, hints: !s.hints };
  // Scrolling the lower panel: ↑↓ pick other decisions in "why", so there only the page keys scroll.
  const scroll = scrolled(
    key,
    s.scroll,
    s.awaiting || s.lower.kind !== 'log' ? 'top' : 'bottom',
    s.lower.kind !== 'why' || s.awaiting !== null,
  );
  if (scroll !== null) return { ...s, scroll };
  if (s.awaiting) return key.escape ? { ...s, run: null, awaiting: null } : withPlay(s, answerPlay(s.run.play, key));
  if (input === 'c') {
    // Play the next country (or go back to watching), from a fresh run with the same seed.
    const next = player === null ? 0 : player + 1 < session.m.actors.length ? player + 1 : null;
    return { ...s, run: open(entries, entry, session.seed, next), lower: { kind: 'log' }, awaiting: null };
  }
  if (input === 'w') {
    if (s.lower.kind === 'why') return { ...s, lower: { kind: 'log' }, scroll: 0 };
    const at = decision(session.log, null, -1);
    return at === null ? s : { ...s, lower: { kind: 'why', at }, scroll: 0 };
  }
  if (input === 'u') return { ...s, lower: s.lower.kind === 'utility' ? { kind: 'log' } : { kind: 'utility' }, scroll: 0 };
  if (s.lower.kind === 'why' && (key.upArrow || key.downArrow || input === 'k' || input === 'j')) {
    const at = decision(session.log, s.lower.at, key.upArrow || input === 'k' ? -1 : 1);
    return at === null ? s : { ...s, lower: { kind: 'why', at }, scroll: 0 };
  }
  if (key.escape || input === 'b') return { ...s, run: null, lower: { kind: 'log' }, awaiting: null };
  if (input === 's') return { ...s, run: open(entries, entry, session.seed + 1, player), lower: { kind: 'log' } };
  if (input === 'r') return { ...s, run: open(entries, entry, session.seed, player), lower: { kind: 'log' } };
  const how = input === 'p' ? 'phase' : input === ' ' || input === 'n' ? 'quarter' : input === 'e' ? 'end' : null;
  if (!how) return s;
  return withPlay(s, advancePlay(s.run.play, how));
}
