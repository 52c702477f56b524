import type { Chooser } from '@parley/core';
import { type DecisionPoint, decisionFor, RunSession } from '@parley/engine';
import type { LoadedExercise } from '@parley/scenario';
import type { KeyPress } from './state.js';

/** A decision a player made at the keyboard, as the transcript replays it. */
export interface PlayedChoice {
  readonly role: string;
  readonly kind: 'move' | 'offer' | 'counter' | 'response';
  readonly chosen: number;
  readonly choice: 'accept' | 'reject' | null;
}

interface Answers {
  move?: number;
  offer?: number;
  response?: 'accept' | 'reject';
}

/**
 * A class at one terminal: the exercise's played roles take turns at the keyboard
 * (hot-seat); before each role's menu the screen asks to pass the keyboard, then shows
 * that role's confidential briefing. The instructor fires injects with `i`; they take
 * effect at the start of the next quarter, so the game replays exactly from its transcript.
 */
export interface ExerciseUi {
  readonly session: RunSession;
  readonly players: readonly { readonly role: string; readonly actor: number }[];
  readonly answers: Map<number, Answers>;
  /** The decisions to take before the next step, one per player, and where the first stands. */
  readonly awaiting: { readonly queue: readonly DecisionPoint[]; readonly stage: 'handover' | 'choose' | 'counter' } | null;
  readonly choices: readonly PlayedChoice[];
  /** Injects fired, with the turn at whose start they take effect. */
  readonly injects: readonly { readonly id: string; readonly turn: number }[];
  readonly injectMenu: boolean;
  readonly hints: boolean;
  readonly turnStarted: number;
  readonly version: number;
}

export function startExercise(ex: LoadedExercise, roles: readonly string[], seed = ex.data.seed): ExerciseUi {
  const players = roles.map((role) => ({ role, actor: ex.roles[role]! }));
  const answers = new Map<number, Answers>();
  const get = (a: number): Answers | undefined => answers.get(a);
  const chooser: Chooser = {
    move: (a) => get(a)?.move,
    offer: (a) => get(a)?.offer,
    response: (a) => get(a)?.response,
  };
  const session = new RunSession(ex.scenario.model, ex.scenario.hash, seed, 0, chooser);
  return {
    session,
    players,
    answers,
    awaiting: null,
    choices: [],
    injects: [],
    injectMenu: false,
    hints: true,
    turnStarted: 0,
    version: 0,
  };
}

/** Fire the injects due at the start of a new quarter, then take one step. */
function step(ex: LoadedExercise, s: ExerciseUi): ExerciseUi {
  const session = s.session;
  let turnStarted = s.turnStarted;
  if (session.t + 1 !== turnStarted) {
    turnStarted = session.t + 1;
    for (const inj of s.injects) if (inj.turn === turnStarted) session.fire(ex.injects[inj.id]!);
  }
  session.step();
  return { ...s, turnStarted };
}

function advance(ex: LoadedExercise, s: ExerciseUi, how: 'phase' | 'quarter' | 'end'): ExerciseUi {
  const t = s.session.t;
  let cur = s;
  for (;;) {
    if (cur.session.done) return { ...cur, version: cur.version + 1 };
    const queue = cur.players.map((p) => decisionFor(cur.session, p.actor)).filter((p): p is DecisionPoint => p !== null);
    if (queue.length > 0)
      return { ...cur, awaiting: { queue, stage: cur.players.length > 1 ? 'handover' : 'choose' }, version: cur.version + 1 };
    cur = step(ex, cur);
    if (how === 'phase' || (how === 'quarter' && cur.session.t !== t)) return { ...cur, version: cur.version + 1 };
  }
}

const roleOf = (s: ExerciseUi, actor: number): string => s.players.find((p) => p.actor === actor)!.role;

/** Answer the first decision in the queue; when none is left, take the step with everyone's answers. */
function answer(ex: LoadedExercise, s: ExerciseUi, key: KeyPress): ExerciseUi {
  const { queue, stage } = s.awaiting!;
  const point = queue[0]!;
  const a = s.answers.get(point.actor) ?? {};
  const digit = /^[1-9]$/.test(key.input) ? Number(key.input) - 1 : -1;
  const role = roleOf(s, point.actor);
  const next = (choice: PlayedChoice): ExerciseUi => {
    s.answers.set(point.actor, a);
    const choices = [...s.choices, choice];
    const rest = queue.slice(1);
    if (rest.length > 0) return { ...s, choices, awaiting: { queue: rest, stage: 'handover' }, version: s.version + 1 };
    const after = step(ex, { ...s, choices, awaiting: null });
    s.answers.clear();
    return { ...after, version: s.version + 1 };
  };
  if (stage === 'handover') return key.return ? { ...s, awaiting: { queue, stage: 'choose' } } : s;
  if (point.kind === 'move' && digit >= 0 && digit < point.options.length) {
    a.move = digit;
    return next({ role, kind: 'move', chosen: digit, choice: null });
  }
  if (point.kind === 'offer' && digit >= 0 && digit < point.options.length) {
    a.offer = digit;
    return next({ role, kind: 'offer', chosen: digit, choice: null });
  }
  if (point.kind === 'response' && stage === 'choose' && (key.input === 'y' || key.input === 'n')) {
    a.response = key.input === 'y' ? 'accept' : 'reject';
    const c: PlayedChoice = { role, kind: 'response', chosen: key.input === 'y' ? 0 : 1, choice: a.response };
    if (a.response === 'reject' && point.counters) {
      s.answers.set(point.actor, a);
      return { ...s, choices: [...s.choices, c], awaiting: { queue, stage: 'counter' } };
    }
    return next(c);
  }
  if (point.kind === 'response' && stage === 'counter' && point.counters && digit >= 0 && digit < point.counters.length) {
    a.offer = digit;
    return next({ role, kind: 'counter', chosen: digit, choice: null });
  }
  return s;
}

export function reduceExercise(ex: LoadedExercise, s: ExerciseUi, key: KeyPress): ExerciseUi {
  const { input } = key;
  if (input === 'h') return { ...s, hints: !s.hints };
  if (input === 'i') return { ...s, injectMenu: !s.injectMenu };
  if (s.injectMenu) {
    const manual = Object.entries(ex.data.injects).filter(([, i]) => i.turn === undefined);
    const k = /^[1-9]$/.test(input) ? Number(input) - 1 : -1;
    if (k >= 0 && k < manual.length) {
      const turn = s.session.t + 1 === s.turnStarted ? s.session.t + 2 : s.session.t + 1;
      return { ...s, injectMenu: false, injects: [...s.injects, { id: manual[k]![0], turn }] };
    }
    return key.escape ? { ...s, injectMenu: false } : s;
  }
  if (s.awaiting) return answer(ex, s, key);
  if (input === 'p') return advance(ex, s, 'phase');
  if (input === ' ' || input === 'n') return advance(ex, s, 'quarter');
  if (input === 'e') return advance(ex, s, 'end');
  return s;
}
