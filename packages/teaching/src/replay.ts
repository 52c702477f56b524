import type { LoadedExercise } from '@parley/scenario';
import { type Decider, playExercise } from './play.js';
import type { DecisionRecord, Transcript } from './transcript.js';

/** A transcript that does not replay: where the replay first differs. */
export class ReplayMismatch extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ReplayMismatch';
  }
}

/** A recorded decision, enough to take it again: whose, which kind, what was chosen, and whether a player or the AI chose. */
type Recorded = Pick<DecisionRecord, 'role' | 'kind' | 'chosen' | 'by'> & { readonly choice: string | null };

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
    offer: (role, _turn, _options, counter) => take(role, counter ? 'counter' : 'offer')?.chosen,
    response: (role) => take(role, 'response')?.choice as 'accept' | 'reject' | undefined,
  };
}

/** Answers as a transcript records: the players' choices again, the AI's to the AI. */
export const transcriptDecider = (t: Transcript): Decider => recordedDecider(t.decisions);

/** Play the transcript's game again and check that every event happens exactly as recorded. */
export function replay(ex: LoadedExercise, t: Transcript): Transcript {
  if (t.scenario.hash !== ex.scenario.hash)
    throw new ReplayMismatch('the exercise or its scenario has changed since the transcript was recorded (scenario hash differs)');
  const again = playExercise(ex, t.players, transcriptDecider(t), t.mode, t.injects, t.seed);
  const a = t.log.map((e) => JSON.stringify(e));
  const b = again.log.map((e) => JSON.stringify(e));
  const k = a.findIndex((line, i) => line !== b[i]);
  if (k >= 0 || a.length !== b.length) {
    const at = k >= 0 ? k : Math.min(a.length, b.length);
    throw new ReplayMismatch(`the replay differs at event ${at + 1}: recorded ${a[at] ?? '(nothing)'}, replayed ${b[at] ?? '(nothing)'}`);
  }
  return again;
}

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
