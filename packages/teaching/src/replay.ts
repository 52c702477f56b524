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

/** Answers each played role's decisions as recorded: the player's choices again, the AI's left to the AI (which makes them again). */
export function transcriptDecider(t: Transcript): Decider {
  const queue = (role: string, kind: DecisionRecord['kind']): DecisionRecord | undefined => {
    const k = remaining.findIndex((d) => d.role === role && d.kind === kind);
    return k < 0 ? undefined : remaining.splice(k, 1)[0];
  };
  const remaining = [...t.decisions];
  return {
    move: (role) => {
      const d = queue(role, 'move');
      return d?.by === 'player' ? d.chosen : undefined;
    },
    offer: (role, _turn, _options, counter) => {
      const d = queue(role, counter ? 'counter' : 'offer');
      return d?.by === 'player' ? d.chosen : undefined;
    },
    response: (role) => {
      const d = queue(role, 'response');
      return d?.by === 'player' ? (d.choice as 'accept' | 'reject') : undefined;
    },
  };
}

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

/** Answers with the choices players made at the keyboard (each role's, kind by kind, in order); the AI decides the rest. */
export function choicesDecider(choices: readonly KeyboardChoice[]): Decider {
  const remaining = [...choices];
  const take = (role: string, kind: DecisionRecord['kind']): KeyboardChoice | undefined => {
    const k = remaining.findIndex((c) => c.role === role && c.kind === kind);
    return k < 0 ? undefined : remaining.splice(k, 1)[0];
  };
  return {
    move: (role) => take(role, 'move')?.chosen,
    offer: (role, _turn, _options, counter) => take(role, counter ? 'counter' : 'offer')?.chosen,
    response: (role) => take(role, 'response')?.choice ?? undefined,
  };
}
