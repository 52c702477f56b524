import { analyse, debriefHtml } from '@parley/teaching';
import type { ClassGame } from './game.js';

/** The debrief of a class's game as it stands (a game ended early included), as HTML. */
export async function classDebrief(g: ClassGame, aiRuns = 200): Promise<string> {
  const t = g.transcript();
  return debriefHtml(g.ex, t, analyse(g.ex, t, { aiRuns }));
}
