import type { Chooser, LogEvent, OutcomeClass } from '@parley/core';
import { type DecisionPoint, decisionFor, RunSession } from '@parley/engine';
import type { Entry } from './catalog.js';
import { isDecision } from './panels.js';

/** The UI's state and how keys change it: one reducer, so quick key sequences never act on stale state. */
export interface UiState {
  readonly selected: number;
  readonly help: boolean;
  readonly run: {
    readonly session: RunSession;
    readonly entry: number;
    /** The actor the user plays, or null to watch. */
    readonly player: number | null;
    /** The player's answers for the next step, read by the session's chooser. */
    readonly answers: Answers;
  } | null;
  /** A decision waiting for the player, with the stage of a response (answer, then a counter-offer). */
  readonly awaiting: { readonly point: DecisionPoint; readonly stage: 'choose' | 'counter' } | null;
  /** Whether the player's menu shows what each option is expected to bring. */
  readonly hints: boolean;
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

export const initialUi: UiState = {
  selected: 0,
  help: false,
  run: null,
  dist: null,
  lower: { kind: 'log' },
  awaiting: null,
  hints: true,
  version: 0,
};

/** What the player decided for the coming step. */
export interface Answers {
  move?: number;
  offer?: number;
  response?: 'accept' | 'reject';
}

/** The session's chooser: the player's answers for the player's actor, the policies for everyone else. */
function chooserFor(player: number, answers: Answers): Chooser {
  return {
    move: (actor) => (actor === player ? answers.move : undefined),
    offer: (by) => (by === player ? answers.offer : undefined),
    response: (actor) => (actor === player ? answers.response : undefined),
  };
}

/** The index of the decision before (dir −1) or after (dir +1) `from` in the log, or the last one. */
function decision(log: readonly LogEvent[], from: number | null, dir: -1 | 1): number | null {
  const start = from === null ? log.length - 1 : from + dir;
  for (let k = start; k >= 0 && k < log.length; k += from === null ? -1 : dir) if (isDecision(log[k]!)) return k;
  return from;
}

function open(entries: readonly Entry[], k: number, seed: number, player: number | null = null): UiState['run'] {
  const sc = entries[k]?.sc;
  if (!sc) return null;
  const answers: Answers = {};
  const session = new RunSession(sc.model, sc.hash, seed, 0, player === null ? undefined : chooserFor(player, answers));
  return { session, entry: k, player, answers };
}

type Run = NonNullable<UiState['run']>;

/**
 * Step the run (one phase, a quarter, or to the end), stopping before any phase in which
 * the player has a decision to make: that decision is returned to be asked.
 */
function advance(run: Run, how: 'phase' | 'quarter' | 'end'): UiState['awaiting'] {
  const { session, player } = run;
  const t = session.t;
  for (;;) {
    if (session.done) return null;
    if (player !== null) {
      const point = decisionFor(session, player);
      if (point) return { point, stage: 'choose' };
    }
    session.step();
    if (how === 'phase' || (how === 'quarter' && session.t !== t)) return null;
  }
}

/** The player's key in a decision menu: digits pick an option, y/n answer an offer. */
function answer(s: UiState, run: Run, key: KeyPress): UiState {
  const { point, stage } = s.awaiting!;
  const a = run.answers;
  const digit = /^[1-9]$/.test(key.input) ? Number(key.input) - 1 : -1;
  const done = (): UiState => {
    run.session.step();
    for (const k of Object.keys(a) as (keyof Answers)[]) delete a[k];
    return { ...s, awaiting: null, version: s.version + 1 };
  };
  if (point.kind === 'move' && digit >= 0 && digit < point.options.length) {
    a.move = digit;
    return done();
  }
  if (point.kind === 'offer' && digit >= 0 && digit < point.options.length) {
    a.offer = digit;
    return done();
  }
  if (point.kind === 'response' && stage === 'choose') {
    if (key.input === 'y') {
      a.response = 'accept';
      return done();
    }
    if (key.input === 'n') {
      a.response = 'reject';
      return point.counters ? { ...s, awaiting: { point, stage: 'counter' } } : done();
    }
  }
  if (point.kind === 'response' && stage === 'counter' && point.counters && digit >= 0 && digit < point.counters.length) {
    a.offer = digit;
    return done();
  }
  return s;
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
  const { session, entry, player } = s.run;
  if (input === 'h') return { ...s, hints: !s.hints };
  if (s.awaiting) return key.escape ? { ...s, run: null, awaiting: null } : answer(s, s.run, key);
  if (input === 'c') {
    // Play the next country (or go back to watching), from a fresh run with the same seed.
    const next = player === null ? 0 : player + 1 < session.m.actors.length ? player + 1 : null;
    return { ...s, run: open(entries, entry, session.seed, next), lower: { kind: 'log' }, awaiting: null };
  }
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
  if (key.escape || input === 'b') return { ...s, run: null, lower: { kind: 'log' }, awaiting: null };
  if (input === 's') return { ...s, run: open(entries, entry, session.seed + 1, player), lower: { kind: 'log' } };
  if (input === 'r') return { ...s, run: open(entries, entry, session.seed, player), lower: { kind: 'log' } };
  const how = input === 'p' ? 'phase' : input === ' ' || input === 'n' ? 'quarter' : input === 'e' ? 'end' : null;
  if (!how) return s;
  const awaiting = advance(s.run, how);
  return { ...s, awaiting, version: s.version + 1 };
}
