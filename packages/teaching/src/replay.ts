import { IllegalTabling } from '@parley/core';
import type { LoadedExercise } from '@parley/scenario';
import { BadPackage } from './packages.js';
import { type Decider, type PlayOptions, playExercise } from './play.js';
import type { DecisionRecord, Transcript } from './transcript.js';

/** A transcript that does not replay: where the replay first differs. */
export class ReplayMismatch extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ReplayMismatch';
  }
}

/** A recorded decision, enough to take it again: whose, which kind, what was chosen, and whether a player or the AI chose. */
type Recorded = Pick<DecisionRecord, 'role' | 'kind' | 'chosen' | 'by' | 'table'> & { readonly choice: string | null };

/**
 * Answers each played role's decisions from a record, role by role and kind by kind in
 * order: a player's choice is made again; an AI's is left to the AI (which makes it again).
 */
function recordedDecider(records: readonly Recorded[]): Decider {
  const remaining = [...records];
  const take = (role: string, kind: DecisionRecord['kind']): Recorded | undefined => {
    const k = remaining.findIndex((d) => d.role === role && d.kind === kind);
    const d = k < 0 ? undefined : remaining.splice(k, 1)[0];
    return d?.by === 'player' ? d : undefined;
  };
  return {
    move: (role) => take(role, 'move')?.chosen,
    offer: (role, _turn, _options, counter) => {
      const d = take(role, counter ? 'counter' : 'offer');
      return d?.table !== undefined ? { table: d.table } : d?.chosen;
    },
    response: (role) => take(role, 'response')?.choice as 'accept' | 'reject' | undefined,
  };
}

/** Answers as a transcript records: the players' choices again, the AI's to the AI. */
export const transcriptDecider = (t: Transcript): Decider => recordedDecider(t.decisions);

/** The first place where two lists differ, as JSON lines, or null. */
function firstDifference(a: readonly unknown[], b: readonly unknown[]): { at: number; recorded: string; replayed: string } | null {
  const x = a.map((e) => JSON.stringify(e));
  const y = b.map((e) => JSON.stringify(e));
  const k = x.findIndex((line, i) => line !== y[i]);
  if (k < 0 && x.length === y.length) return null;
  const at = k >= 0 ? k : Math.min(x.length, y.length);
  return { at, recorded: x[at] ?? '(nothing)', replayed: y[at] ?? '(nothing)' };
}

/**
 * Play the transcript's game again and check that it happens exactly as recorded: every event,
 * every decision, the outcome, the treaty's date and every role's result. Returns the replayed
 * transcript: what a debrief reports comes from the game, not from the file.
 */
export function replay(ex: LoadedExercise, t: Transcript): Transcript {
  if (t.scenario.hash !== ex.scenario.hash)
    throw new ReplayMismatch('the exercise or its scenario has changed since the transcript was recorded (scenario hash differs)');
  for (const p of t.players)
    if (!Object.hasOwn(ex.roles, p)) throw new ReplayMismatch(`it names a player role "${p}" the exercise does not have`);
  for (const i of t.injects)
    if (!Object.hasOwn(ex.injects, i.id)) throw new ReplayMismatch(`it names an inject "${i.id}" the exercise does not have`);
  let again: Transcript;
  try {
    again = playExercise(ex, t.players, transcriptDecider(t), t.mode, t.injects, t.seed, playOptions(t));
  } catch (e) {
    if (e instanceof BadPackage || e instanceof IllegalTabling)
      throw new ReplayMismatch(`a package it records cannot be played: ${e.message}`);
    throw e;
  }
  const events = firstDifference(t.log, again.log);
  if (events)
    throw new ReplayMismatch(`the replay differs at event ${events.at + 1}: recorded ${events.recorded}, replayed ${events.replayed}`);
  const decisions = firstDifference(t.decisions, again.decisions);
  if (decisions)
    throw new ReplayMismatch(
      `the replay differs at decision ${decisions.at + 1}: recorded ${decisions.recorded}, replayed ${decisions.replayed}`,
    );
  if (t.outcome !== again.outcome) throw new ReplayMismatch(`it records the outcome ${t.outcome}, but the game ends in ${again.outcome}`);
  if (t.treatyQuarter !== again.treatyQuarter)
    throw new ReplayMismatch(
      `it records a treaty in ${t.treatyQuarter ?? 'no quarter'}, but the game gives ${again.treatyQuarter ?? 'none'}`,
    );
  const results = firstDifference(t.results, again.results);
  if (results) throw new ReplayMismatch(`it records the result ${results.recorded}, but the game gives ${results.replayed}`);
  return again;
}

/** How a transcript's game is played again: with the players' packages, and stopped where it was ended. */
export const playOptions = (t: Transcript): PlayOptions => ({
  ...(t.packages ? { packages: t.packages } : {}),
  ...(t.ended ? { steps: t.ended.steps } : {}),
  ...(t.turns !== undefined ? { turns: t.turns } : {}),
});

/** Decisions made at a keyboard, in the order they were made. */
export interface KeyboardChoice {
  readonly role: string;
  readonly kind: DecisionRecord['kind'];
  readonly chosen: number;
  readonly choice: 'accept' | 'reject' | null;
}

/** Answers with the choices players made at the keyboard; the AI decides the rest. */
export const choicesDecider = (choices: readonly KeyboardChoice[]): Decider =>
  recordedDecider(choices.map((c) => ({ ...c, by: 'player' as const })));
