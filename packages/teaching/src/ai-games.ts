import type { Model } from '@parley/core';
import { RunSession } from '@parley/engine';

/**
 * The AI's games a class is compared with: runs 1…`runs` of the game's seed with the AI playing
 * every role, each to its end, or (a game ended early) to the end of quarter `until`. The debrief's
 * comparison (analysis.ts) and the instructor's key (instructor.ts) both read these very games.
 */
export function forEachAiGame(
  m: Model,
  scenarioKey: string,
  seed: number,
  runs: number,
  visit: (s: RunSession) => void,
  until = Number.POSITIVE_INFINITY,
): void {
  for (let run = 1; run <= runs; run++) {
    const s = new RunSession(m, scenarioKey, seed, run);
    while (!s.done && s.t < until) s.step();
    visit(s);
  }
}

/** Whether a game has a treaty signed, ended or not. */
export const hasTreaty = (s: RunSession): boolean => s.ctx.world.treaty !== null;
