import type { Model } from '@parley/core';
import { type Answer, type CountryKind, type DecisionPoint, RunSession } from '@parley/engine';
import type { KeyPress } from './keypress.js';

/** A decision a player made at the keyboard, as the transcript replays it. */
export interface PlayedChoice {
  readonly role: string;
  readonly kind: 'move' | 'offer' | 'counter' | 'response';
  readonly chosen: number;
  readonly choice: 'accept' | 'reject' | null;
}

/**
 * A run with people deciding for some of its actors: each played country is a human country
 * actor of the live run (engine's countries.ts), and stepping stops before any phase that will ask
 * one of them (RunSession.awaiting); the players answer in turn (with a hand-over screen between
 * them when several share the keyboard), each answer going to its country; then the phase runs.
 * Used by the run view's "play a country" and by classroom exercises.
 */
export interface PlayUi {
  readonly session: RunSession;
  readonly players: readonly { readonly role: string; readonly actor: number }[];
  /** The answers given for the coming step, sent to their countries when every player has answered. */
  readonly answers: Map<number, Answer[]>;
  /** The decisions to take before the next step, one per player, and where the first stands. */
  readonly awaiting: { readonly queue: readonly DecisionPoint[]; readonly stage: 'handover' | 'choose' | 'counter' } | null;
  readonly choices: readonly PlayedChoice[];
  /** Events the players' instructor may fire (injects): id → event index in the model. */
  readonly fireable: Readonly<Record<string, number>>;
  /** Injects fired, with the turn at whose start they take effect. */
  readonly injects: readonly { readonly id: string; readonly turn: number }[];
  readonly turnStarted: number;
}

export function startPlay(
  m: Model,
  scenarioKey: string,
  seed: number,
  players: PlayUi['players'],
  fireable: PlayUi['fireable'] = {},
): PlayUi {
  const played = new Set(players.map((p) => p.actor));
  const countries = m.actors.map((_, i): CountryKind => (played.has(i) ? { kind: 'human' } : { kind: 'ai' }));
  const session = new RunSession(m, scenarioKey, seed, 0, undefined, { countries });
  return { session, players, answers: new Map(), awaiting: null, choices: [], fireable, injects: [], turnStarted: 0 };
}

/** Fire the injects due at the start of a new quarter, then take one step. */
function step(s: PlayUi): PlayUi {
  const session = s.session;
  let turnStarted = s.turnStarted;
  if (session.t + 1 !== turnStarted) {
    turnStarted = session.t + 1;
    for (const inj of s.injects) if (inj.turn === turnStarted) session.fire(s.fireable[inj.id]!);
  }
  session.step();
  return { ...s, turnStarted };
}

/** Step one phase, a quarter, or to the end, stopping before the first phase in which a player decides. */
export function advancePlay(s: PlayUi, how: 'phase' | 'quarter' | 'end'): PlayUi {
  const t = s.session.t;
  let cur = s;
  for (;;) {
    if (cur.session.done) return cur;
    const queue = cur.session.awaiting();
    if (queue.length > 0) return { ...cur, awaiting: { queue, stage: cur.players.length > 1 ? 'handover' : 'choose' } };
    cur = step(cur);
    if (how === 'phase' || (how === 'quarter' && cur.session.t !== t)) return cur;
  }
}

/** A player's key: enter after a hand-over; digits pick an option; y/n answer an offer. When no one is left to answer, the phase runs. */
export function answerPlay(s: PlayUi, key: KeyPress): PlayUi {
  const { queue, stage } = s.awaiting!;
  const point = queue[0]!;
  if (stage === 'handover') return key.return ? { ...s, awaiting: { queue, stage: 'choose' } } : s;
  const given = s.answers.get(point.actor) ?? [];
  const role = s.players.find((p) => p.actor === point.actor)!.role;
  const digit = /^[1-9]$/.test(key.input) ? Number(key.input) - 1 : -1;
  const next = (answer: Answer, choice: PlayedChoice): PlayUi => {
    s.answers.set(point.actor, [...given, answer]);
    const choices = [...s.choices, choice];
    const rest = queue.slice(1);
    if (rest.length > 0) return { ...s, choices, awaiting: { queue: rest, stage: 'handover' } };
    // Everyone has answered: each country gets its answers, in order, and the phase runs.
    for (const [actor, answers] of s.answers) for (const a of answers) s.session.answer(actor, a);
    s.answers.clear();
    return step({ ...s, choices, awaiting: null });
  };
  if (point.kind === 'move' && digit >= 0 && digit < point.options.length) {
    return next({ choice: digit }, { role, kind: 'move', chosen: digit, choice: null });
  }
  if (point.kind === 'offer' && digit >= 0 && digit < point.options.length) {
    return next({ choice: digit }, { role, kind: point.counter ? 'counter' : 'offer', chosen: digit, choice: null });
  }
  if (point.kind === 'response' && stage === 'choose' && (key.input === 'y' || key.input === 'n')) {
    const response = key.input === 'y' ? 'accept' : 'reject';
    const c: PlayedChoice = { role, kind: 'response', chosen: key.input === 'y' ? 0 : 1, choice: response };
    if (response === 'reject' && point.counters) {
      s.answers.set(point.actor, [...given, { response }]);
      return { ...s, choices: [...s.choices, c], awaiting: { queue, stage: 'counter' } };
    }
    return next({ response }, c);
  }
  if (point.kind === 'response' && stage === 'counter' && point.counters && digit >= 0 && digit < point.counters.length) {
    return next({ choice: digit }, { role, kind: 'counter', chosen: digit, choice: null });
  }
  return s;
}

/** Fire inject `id` at the start of the next quarter. */
export function queueInject(s: PlayUi, id: string): PlayUi {
  if (!(id in s.fireable)) return s;
  const turn = s.session.t + 1 === s.turnStarted ? s.session.t + 2 : s.session.t + 1;
  return { ...s, injects: [...s.injects, { id, turn }] };
}

/** What a game left early keeps: the players' decisions and the injects fired, enough to play it on exactly. */
export interface SavedGame {
  readonly choices: readonly PlayedChoice[];
  readonly injects: readonly { readonly id: string; readonly turn: number }[];
}

/** Thrown when a saved game's decisions do not fit the game they are replayed into. */
export class ResumeMismatch extends Error {}

/**
 * A saved game played again into a fresh start: the injects as fired, then each recorded decision
 * given at the point the game asks for it, as the players gave it at the keyboard. The result
 * stands where the class left off; a decision that does not fit (another exercise, seed or roles)
 * is a ResumeMismatch.
 */
export function resumePlay(start: PlayUi, saved: SavedGame): PlayUi {
  let cur: PlayUi = { ...start, injects: [...saved.injects] };
  for (const [k, c] of saved.choices.entries()) {
    if (!cur.awaiting) cur = advancePlay(cur, 'end');
    const where = `decision ${k + 1} (${c.role}, ${c.kind})`;
    if (!cur.awaiting) throw new ResumeMismatch(`${where}: the game ended before it`);
    if (cur.awaiting.stage === 'handover') cur = answerPlay(cur, { input: '', return: true });
    const point = cur.awaiting!.queue[0]!;
    const role = cur.players.find((p) => p.actor === point.actor)!.role;
    if (role !== c.role) throw new ResumeMismatch(`${where}: the game asks ${role} here`);
    const input = c.kind === 'response' ? (c.choice === 'accept' ? 'y' : 'n') : String(c.chosen + 1);
    const before = cur;
    cur = answerPlay(cur, { input });
    if (cur === before) throw new ResumeMismatch(`${where}: option ${c.chosen + 1} is not one the game offers here`);
  }
  return cur;
}
