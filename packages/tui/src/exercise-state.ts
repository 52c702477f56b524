import type { LoadedExercise } from '@parley/scenario';
import { type KeyPress, scrolled } from './keypress.js';
import { advancePlay, answerPlay, type PlayUi, queueInject, resumePlay, type SavedGame, startPlay } from './play-state.js';

export { type PlayedChoice, ResumeMismatch, type SavedGame } from './play-state.js';

/**
 * A class at one terminal: the exercise's played roles take turns at the keyboard
 * (hot-seat); before each role's menu the screen asks to pass the keyboard, then shows
 * that role's confidential briefing. The instructor fires injects with `i`; they take
 * effect at the start of the next quarter, so the game replays exactly from its transcript.
 */
export interface ExerciseUi extends PlayUi {
  readonly injectMenu: boolean;
  /** The AI's estimates beside each option: off unless the instructor turns them on (h). */
  readonly hints: boolean;
  /** The keys (?) or the deciding role's whole confidential briefing (b) in place of the game. */
  readonly overlay: 'help' | 'briefing' | null;
  /** Rows the lower panel is scrolled by (RunView's scroll). */
  readonly scroll: number;
  readonly version: number;
}

/** A new game, or (with `saved`) a game left early, played on to where the class left it. */
export function startExercise(ex: LoadedExercise, roles: readonly string[], seed = ex.data.seed, saved?: SavedGame): ExerciseUi {
  const players = roles.map((role) => ({ role, actor: ex.roles[role]! }));
  const fresh = startPlay(ex.scenario.model, ex.scenario.hash, seed, players, ex.injects);
  return { ...(saved ? resumePlay(fresh, saved) : fresh), injectMenu: false, hints: false, overlay: null, scroll: 0, version: 0 };
}

export function reduceExercise(ex: LoadedExercise, s: ExerciseUi, key: KeyPress): ExerciseUi {
  const { input } = key;
  const bump = (p: PlayUi): ExerciseUi => ({ ...s, ...p, scroll: 0, version: s.version + 1 });
  if (input === '?') return { ...s, overlay: s.overlay === 'help' ? null : 'help' };
  if (input === 'b' && s.awaiting && s.awaiting.stage !== 'handover')
    return { ...s, overlay: s.overlay === 'briefing' ? null : 'briefing' };
  if (s.overlay) return key.escape || input === 'q' ? { ...s, overlay: null } : s;
  if (input === 'h') return { ...s, hints: !s.hints };
  const scroll = s.injectMenu ? null : scrolled(key, s.scroll, s.awaiting ? 'top' : 'bottom');
  if (scroll !== null) return { ...s, scroll };
  if (input === 'i') return { ...s, injectMenu: !s.injectMenu };
  if (s.injectMenu) {
    const manual = Object.entries(ex.data.injects).filter(([, i]) => i.turn === undefined);
    const k = /^[1-9]$/.test(input) ? Number(input) - 1 : -1;
    if (k >= 0 && k < manual.length) return { ...s, ...queueInject(s, manual[k]![0]), injectMenu: false };
    return key.escape ? { ...s, injectMenu: false } : s;
  }
  if (s.awaiting) return bump(answerPlay(s, key));
  if (input === 'p') return bump(advancePlay(s, 'phase'));
  if (input === ' ' || input === 'n') return bump(advancePlay(s, 'quarter'));
  if (input === 'e') return bump(advancePlay(s, 'end'));
  return s;
}
