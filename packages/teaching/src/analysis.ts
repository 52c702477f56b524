import { type Chooser, quarterLabel, type SummitSpace, summitSpace, utility } from '@parley/core';
import { decisionFor, RunSession } from '@parley/engine';
import type { LoadedExercise } from '@parley/scenario';
import { forEachAiGame, hasTreaty } from './ai-games.js';
import { gameModel } from './play.js';
import { transcriptDecider } from './replay.js';
import type { DecisionRecord, Transcript } from './transcript.js';

/** Each role's final utility against AI play from the same start: the share of AI runs it beat (its percentile). */
export interface RoleResult {
  readonly role: string;
  readonly name: string;
  readonly utility: number;
  readonly percentile: number;
  readonly aiMedian: number;
}

export interface TurningPoint {
  readonly decision: DecisionRecord;
  /** P(treaty by the end) had the AI decided at that point, and with the choice made. */
  readonly pAi: number;
  readonly pChosen: number;
  readonly rollouts: number;
}

export interface SummitAnalysis {
  readonly quarter: string;
  readonly label: string;
  readonly space: SummitSpace;
}

export interface DebriefData {
  readonly roles: readonly RoleResult[];
  readonly aiRuns: number;
  readonly aiTreatyShare: number;
  readonly turningPoints: readonly TurningPoint[];
  readonly summits: readonly SummitAnalysis[];
}

/** Analyse a played exercise: how the players did against the AI, where their choices mattered, and the bargaining space at each summit. */
export function analyse(ex: LoadedExercise, t: Transcript, opts: { aiRuns?: number; rollouts?: number } = {}): DebriefData {
  const sc = ex.scenario;
  const m = gameModel(ex, t.packages ?? [], t.turns);
  // A game ended early is compared with AI games played to the end of the quarter it was ended in.
  const stopAt = t.ended ? t.ended.turn : Number.POSITIVE_INFINITY;
  const aiRuns = opts.aiRuns ?? 200;
  const rollouts = opts.rollouts ?? 40;

  // The distribution of AI play from the same start (other run indices of the same seed).
  const utilities = new Map<string, number[]>(Object.keys(ex.roles).map((r) => [r, []]));
  let aiTreaties = 0;
  forEachAiGame(
    m,
    sc.hash,
    t.seed,
    aiRuns,
    (s) => {
      if (hasTreaty(s)) aiTreaties++;
      for (const [role, actor] of Object.entries(ex.roles)) utilities.get(role)!.push(utility(m, s.ctx.world, actor));
    },
    stopAt,
  );
  const roles = t.results.map((r) => {
    const xs = [...utilities.get(r.role)!].sort((a, b) => a - b);
    return {
      role: r.role,
      name: m.actors[ex.roles[r.role]!]!.name,
      utility: r.utility,
      percentile: xs.filter((x) => x <= r.utility + 1e-12).length / xs.length,
      aiMedian: xs[Math.floor(xs.length / 2)]!,
    };
  });

  // Replay the game, pausing at each played decision to roll the future out with and without the player's choice.
  const points: TurningPoint[] = [];
  const summits: SummitAnalysis[] = [];
  const session = new RunSession(m, sc.hash, t.seed, 0, chooserFrom(transcriptDecider(t), ex, t));
  const pending = t.decisions.filter((d) => d.kind !== 'counter' && d.options.length > 1);
  const seen = new Map<string, number>();
  let logSeen = 0;
  let turnStarted = 0;
  let steps = 0;
  while (!session.done && (t.ended === undefined || steps < t.ended.steps)) {
    if (session.t + 1 !== turnStarted) {
      turnStarted = session.t + 1;
      for (const inj of t.injects) if (inj.turn === turnStarted && ex.injects[inj.id] !== undefined) session.fire(ex.injects[inj.id]!);
    }
    for (const role of t.players) {
      const actor = ex.roles[role]!;
      if (!decisionFor(session, actor)) continue;
      const n = seen.get(role) ?? 0;
      seen.set(role, n + 1);
      const d = pending.filter((x) => x.role === role)[n];
      if (d?.by === 'player') {
        const p = (force: number | undefined): number => {
          let treaties = 0;
          for (let j = 0; j < rollouts; j++) {
            let first = true;
            const once = (k: number | undefined) => {
              if (!first) return undefined;
              first = false;
              return k;
            };
            const choose: Chooser =
              d.kind === 'move'
                ? { move: (a) => (a === actor ? once(force) : undefined) }
                : d.kind === 'offer'
                  ? { offer: (by, _to, _o, counter) => (by === actor && !counter ? once(force) : undefined) }
                  : {
                      response: (a) =>
                        a === actor ? (once(force) === undefined ? undefined : force === 0 ? 'accept' : 'reject') : undefined,
                    };
            const f = session.fork(10_000 + j, choose);
            f.toEnd();
            if (hasTreaty(f)) treaties++;
          }
          return treaties / rollouts;
        };
        points.push({ decision: d, pAi: p(undefined), pChosen: p(d.chosen), rollouts });
      }
    }
    session.step();
    steps++;
    for (; logSeen < session.log.length; logSeen++) {
      const e = session.log[logSeen]!;
      if (e.type === 'shock' && m.events[e.event]!.summit) {
        summits.push({
          quarter: quarterLabel(m, e.t),
          label: m.events[e.event]!.label,
          space: summitSpace(m, session.ctx.world, m.claimant, m.holder),
        });
      }
    }
  }
  points.sort((a, b) => Math.abs(b.pChosen - b.pAi) - Math.abs(a.pChosen - a.pAi));
  return { roles, aiRuns, aiTreatyShare: aiTreaties / aiRuns, turningPoints: points, summits };
}

/** The session chooser that plays a transcript's recorded decisions (used to walk through the game again). */
function chooserFrom(decider: ReturnType<typeof transcriptDecider>, ex: LoadedExercise, t: Transcript): Chooser {
  const roleOf = new Map(t.players.map((r) => [ex.roles[r]!, r]));
  return {
    move: (actor, options) => {
      const r = roleOf.get(actor);
      return r === undefined ? undefined : decider.move(r, 0, options);
    },
    offer: (by, _to, options, counter) => {
      const r = roleOf.get(by);
      return r === undefined ? undefined : decider.offer(r, 0, options, counter);
    },
    response: (actor, offer, policy) => {
      const r = roleOf.get(actor);
      return r === undefined ? undefined : decider.response(r, 0, offer, policy);
    },
  };
}
