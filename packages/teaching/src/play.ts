import { SERIES } from '@parley/batch';
import {
  type Chooser,
  type Model,
  OUTCOME_CLASSES,
  quarterLabel,
  type Response,
  type TableOffer,
  utility,
  utilityBreakdown,
} from '@parley/core';
import { RunSession } from '@parley/engine';
import type { LoadedExercise } from '@parley/scenario';
import { composePackage, type PackageSpec } from './packages.js';
import { score } from './scoring.js';
import { type DecisionRecord, TRANSCRIPT_SCHEMA, type Transcript } from './transcript.js';

/** How a played role decides: return an option index, or undefined to let the AI decide for it. */
export interface Decider {
  move(role: string, turn: number, options: DecisionRecord['options'] & readonly { move: number | null }[]): number | undefined;
  /** An option's index, a package of the game's model to table outright (a class's own proposal), or undefined. */
  offer(role: string, turn: number, options: readonly { offer: number | null }[], counter: boolean): number | TableOffer | undefined;
  response(role: string, turn: number, offer: number, policy: Response): 'accept' | 'reject' | undefined;
}

/** Let the AI decide everything (and still record the played roles' decisions). */
export const aiDecides: Decider = { move: () => undefined, offer: () => undefined, response: () => undefined };

/**
 * Play an exercise to its last turn: the AI plays every role not in `players`; the
 * decider chooses for those that are (or defers to the AI). Injects fire at the start of
 * the turns given in `injectsAt` (besides the scheduled ones). Every played role's
 * decision is recorded with its options, the state of its utility, and who decided.
 */
export function playExercise(
  ex: LoadedExercise,
  players: readonly string[],
  decide: Decider,
  mode: Transcript['mode'],
  injectsAt: readonly { id: string; turn: number }[] = [],
  seed = ex.data.seed,
  opts: PlayOptions = {},
): Transcript {
  const sc = ex.scenario;
  const packages = opts.packages ?? [];
  const m = gameModel(ex, packages, opts.turns);
  const roleOf = new Map(players.map((r) => [ex.roles[r]!, r]));
  const decisions: DecisionRecord[] = [];
  let session: RunSession;
  const turn = (): number => session.t + 1;
  const record = (
    role: string,
    kind: DecisionRecord['kind'],
    by: DecisionRecord['by'],
    options: DecisionRecord['options'],
    chosen: number,
    choice: string,
    extra: Pick<DecisionRecord, 'response' | 'table'> = {},
  ): void => {
    const w = session.ctx.world;
    const state = {
      talksActive: w.talksActive,
      measures: Object.fromEntries(SERIES.map((x) => [x.id, Math.round(x.value(m, w) * 1e6) / 1e6])),
    };
    decisions.push({
      turn: turn(),
      quarter: quarterLabel(m, session.t),
      role,
      kind,
      by,
      options,
      chosen,
      choice,
      state,
      utility: utilityBreakdown(m, w, ex.roles[role]!),
      ...extra,
    });
  };
  const moveId = (k: number | null): string => (k === null ? 'hold still' : m.moves[k]!.id);
  const offerId = (k: number | null): string => (k === null ? 'only talk' : m.offers[k]!.id);
  const chooser: Chooser = {
    move: (actor, options) => {
      const role = roleOf.get(actor);
      if (role === undefined) return undefined;
      const k = decide.move(role, turn(), options);
      // The AI's own pick is the option its draw lands on; for the record it is re-derived from the log below.
      if (k !== undefined) record(role, 'move', 'player', options, k, moveId(options[k]!.move));
      else pendingAi.push({ role, kind: 'move', options });
      return k;
    },
    offer: (by, _to, options, counter) => {
      const role = roleOf.get(by);
      if (role === undefined) return undefined;
      const k = decide.offer(role, turn(), options, counter);
      if (typeof k === 'object') record(role, counter ? 'counter' : 'offer', 'player', options, -1, offerId(k.table), { table: k.table });
      else if (k !== undefined) record(role, counter ? 'counter' : 'offer', 'player', options, k, offerId(options[k]!.offer));
      else pendingAi.push({ role, kind: counter ? 'counter' : 'offer', options });
      return k;
    },
    response: (actor, offer, policy) => {
      const role = roleOf.get(actor);
      if (role === undefined) return undefined;
      const d = decide.response(role, turn(), offer, policy);
      const extra = { response: { dealUtility: policy.dealUtility, walkAway: policy.walkAway, probability: policy.probability } };
      if (d !== undefined) record(role, 'response', 'player', ['accept', 'reject'], d === 'accept' ? 0 : 1, d, extra);
      else pendingAi.push({ role, kind: 'response', options: ['accept', 'reject'], extra });
      return d;
    },
  };
  // AI decisions for played roles are completed from the log event the phase emits right after choosing.
  const pendingAi: {
    role: string;
    kind: DecisionRecord['kind'];
    options: DecisionRecord['options'];
    extra?: Pick<DecisionRecord, 'response'>;
  }[] = [];
  session = new RunSession(m, sc.hash, seed, 0, chooser);
  const fired: { id: string; turn: number }[] = [];
  let seen = 0;
  const settle = (): void => {
    const take = (role: string | undefined, kinds: readonly DecisionRecord['kind'][]) => {
      const k = pendingAi.findIndex((p) => p.role === role && kinds.includes(p.kind));
      return k < 0 ? undefined : pendingAi.splice(k, 1)[0];
    };
    for (; seen < session.log.length; seen++) {
      const e = session.log[seen]!;
      if (e.type === 'move') {
        const p = take(roleOf.get(e.actor), ['move']);
        if (p)
          record(
            p.role,
            'move',
            'ai',
            p.options,
            (p.options as readonly { move: number | null }[]).findIndex((o) => o.move === e.move),
            moveId(e.move),
          );
      } else if (e.type === 'offer') {
        const p = take(roleOf.get(e.by), [e.counter ? 'counter' : 'offer']);
        if (p)
          record(
            p.role,
            p.kind,
            'ai',
            p.options,
            (p.options as readonly { offer: number | null }[]).findIndex((o) => o.offer === e.offer),
            offerId(e.offer),
          );
      } else if (e.type === 'response') {
        const p = take(roleOf.get(e.by), ['response']);
        if (p)
          record(
            p.role,
            'response',
            'ai',
            p.options,
            e.decision === 'accept' ? 0 : 1,
            e.decision === 'accept' ? 'accept' : 'reject',
            p.extra,
          );
      }
    }
    // A policy that held still, or only talked, emits nothing: its pick was the first option.
    for (const p of pendingAi.splice(0))
      if (p.kind !== 'response') record(p.role, p.kind, 'ai', p.options, 0, p.kind === 'move' ? 'hold still' : 'only talk');
  };
  let lastTurnStarted = 0;
  let steps = 0;
  while (!session.done && (opts.steps === undefined || steps < opts.steps)) {
    if (session.t + 1 !== lastTurnStarted) {
      lastTurnStarted = session.t + 1;
      for (const inj of injectsAt) {
        if (inj.turn === lastTurnStarted && ex.injects[inj.id] !== undefined) {
          session.fire(ex.injects[inj.id]!);
          fired.push(inj);
        }
      }
    }
    session.step();
    steps++;
    settle();
  }
  const w = session.ctx.world;
  const ended = session.done ? {} : { ended: { turn: session.t + 1, steps } };
  return {
    schema: TRANSCRIPT_SCHEMA,
    exercise: { id: ex.data.id, title: ex.data.title, file: ex.file },
    scenario: { id: sc.data.id, hash: sc.hash },
    seed,
    players,
    mode,
    decisions,
    injects: fired,
    log: session.log,
    ...(packages.length > 0 ? { packages } : {}),
    ...(opts.turns !== undefined && opts.turns !== ex.data.turns ? { turns: opts.turns } : {}),
    ...ended,
    outcome: session.ctx.outcome ?? (session.done ? OUTCOME_CLASSES[0] : 'unfinished'),
    treatyQuarter: w.treaty ? quarterLabel(m, w.treaty.t) : null,
    results: Object.keys(ex.roles).map((role) => ({ role, utility: utility(m, w, ex.roles[role]!), score: score(ex, role, session) })),
  };
}

export interface PlayOptions {
  /** Packages the players composed (a class's proposals), appended to the scenario's offers in order. */
  readonly packages?: readonly PackageSpec[];
  /** Quarters played, when the instructor extended the game beyond the exercise's turns. */
  readonly turns?: number;
  /** Stop after this many protocol steps (a game ended early), instead of at the run's end. */
  readonly steps?: number;
}

/**
 * The model a game is played on: the scenario's, with the packages its players composed appended
 * to its offers. No AI ever tables such a package (it has no proposers) nor plans for one
 * (policy.ts's inducement lookahead skips them), so the game's AI plays as on the scenario's model.
 */
export function gameModel(ex: LoadedExercise, packages: readonly PackageSpec[], turns = ex.data.turns): Model {
  const m = ex.scenario.model;
  if (packages.length === 0 && turns === m.horizon) return m;
  return { ...m, horizon: turns, offers: [...m.offers, ...packages.map((p, k) => composePackage(m, p, k))] };
}
