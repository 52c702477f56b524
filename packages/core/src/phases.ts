import { isDraft, original } from 'immer';
import { allHold } from './conditions.js';
import { applyDeal } from './deal.js';
import { applyEffects } from './effects.js';
import { Evaluator } from './evaluator.js';
import type { Emit } from './log.js';
import type { Model, OutcomeClass } from './model.js';
import { classify } from './outcome.js';
import { chooseMove, chooseOffer, type MoveOption, type OfferOption, type Response, respond } from './policy.js';
import { drawReservations, learnFromAnswer } from './reservation.js';
import type { Streams } from './rng.js';
import { initialState, type WorldState } from './state.js';
import { IllegalTabling, type TableOffer, tablingProblem } from './tabling.js';
import { utility } from './utility.js';

/**
 * The protocol's phases as immer recipes: each mutates a draft of the run context.
 * The statechart (packages/engine) names them as actions and decides, with the
 * guards below, which runs next. Decisions are computed from the state as it is
 * when the phase starts; only then is the draft changed.
 */

export interface Meeting {
  readonly summit: number | null;
  readonly proposer: number;
  readonly responder: number;
  readonly offersOnAgenda: boolean;
}

export interface PendingOffer {
  readonly offer: number;
  readonly by: number;
  readonly to: number;
  readonly counter: boolean;
}

export interface RunContext {
  world: WorldState;
  /** This quarter's meeting, if any. */
  meeting: Meeting | null;
  /** The offer on the table, awaiting a response. */
  pending: PendingOffer | null;
  /** Set when the run ends. */
  outcome: OutcomeClass | null;
}

/**
 * A run's context at its start. With the run's streams, each actor's reservation values are drawn
 * from the types stream (reservation.ts); without, the world holds the values the scenario reads.
 */
export function initialContext(m: Model, rng?: Streams): RunContext {
  const world = initialState(m);
  if (rng) drawReservations(m, rng.types, world.reservation, 0);
  return { world, meeting: null, pending: null, outcome: null };
}

/**
 * Decisions taken by someone other than the actor's policy (a student at the keyboard, a
 * scripted move list). Each returns the index of the chosen option, or undefined to let
 * the policy's own random draw decide. The draw is made either way, so the random streams
 * of everything else in the run do not depend on who decided.
 */
export interface Chooser {
  move?(actor: number, options: readonly MoveOption[]): number | undefined;
  /** An option's index, or a package to table outright (tabling.ts: a person's own proposal). */
  offer?(by: number, to: number, options: readonly OfferOption[], counter: boolean): number | TableOffer | undefined;
  response?(actor: number, offer: number, policy: Response): 'accept' | 'reject' | undefined;
}

export interface PhaseEnv {
  readonly m: Model;
  readonly rng: Streams;
  readonly emit: Emit;
  readonly choose?: Chooser;
}

/** The chooser's pick among `options` when it makes one (a valid index), else the policy's. */
function pick<T extends object, K extends keyof T>(options: readonly T[], field: K, policy: T[K], k: number | undefined): T[K] {
  const o = k === undefined ? undefined : options[k];
  return o === undefined ? policy : o[field];
}

/** The offer tabled: a package a person tables outright (checked: tabling.ts), else the pick among the options. */
function pickOffer(
  ev: Evaluator,
  by: number,
  options: readonly OfferOption[],
  policy: number | null,
  k: number | TableOffer | undefined,
): number | null {
  if (typeof k !== 'object') return pick(options, 'offer', policy, k);
  const problem = tablingProblem(ev, by, k.table);
  if (problem !== null) throw new IllegalTabling(problem);
  return k.table;
}

export type Phase = (ctx: RunContext, env: PhaseEnv) => void;

/** The world as the phase found it: the plain base object behind an immer draft, read without proxies. */
const asFound = (s: WorldState): WorldState => (isDraft(s) ? (original(s as never) as WorldState) : s);

/** Scheduled events due this quarter fire; random events fire with their hazard. */
export const shocks: Phase = (ctx, env) => {
  const { m, rng } = env;
  const s = ctx.world;
  for (let k = 0; k < m.events.length; k++) {
    const ev = m.events[k]!;
    if (ev.once && s.fired[k]) continue;
    const due = ev.at !== null ? ev.at === s.t : ev.hazard > 0;
    if (!due || !allHold(m, s, ev.when)) continue;
    if (ev.at === null && !(rng.shocks() < ev.hazard)) continue;
    fireEvent(ctx, env, k);
  }
};

/** Event k happens now: its effects apply, and a summit brings the leaders together. Also how an instructor's inject is fired. */
export function fireEvent(ctx: RunContext, { m, emit }: PhaseEnv, k: number): void {
  const s = ctx.world;
  const ev = m.events[k]!;
  const talks = s.talksActive;
  applyEffects(m, s, ev.effects);
  s.fired[k] = true;
  emit({ type: 'shock', t: s.t, event: k });
  if (talks !== s.talksActive) emit({ type: 'talks', t: s.t, active: s.talksActive });
  if (ev.summit) ctx.meeting = { summit: k, proposer: m.claimant, responder: m.holder, offersOnAgenda: true };
}

/**
 * Who meets this quarter while talks are active: the summit already called (`called`), else a
 * routine meeting with probability meetingRate × (0.5 + trust between the parties); who has the
 * floor; whether terms are on the agenda. Null when no meeting happens. The one statement of these
 * rules and of their draws from the agenda stream, for every runner (the batch kernel's too).
 */
export function convene(m: Model, rng: Streams, called: Meeting | null, trust: number): Meeting | null {
  let summit: number | null = null;
  if (called) summit = called.summit;
  else if (!(rng.agenda() < m.params.meetingRate * (0.5 + trust))) return null;
  const claimantFirst = rng.agenda() < m.params.claimantProposes;
  const proposer = claimantFirst ? m.claimant : m.holder;
  const responder = claimantFirst ? m.holder : m.claimant;
  const offersOnAgenda = summit !== null || rng.agenda() < m.params.offerRate;
  return { summit, proposer, responder, offersOnAgenda };
}

/** Does a meeting happen? Summits are scheduled; otherwise a routine meeting with a trust-scaled chance. Suspended talks cancel any meeting. */
export const agenda: Phase = (ctx, { m, rng, emit }) => {
  const s = ctx.world;
  if (!s.talksActive) {
    if (ctx.meeting?.summit != null) emit({ type: 'meeting-cancelled', t: s.t, summit: ctx.meeting.summit });
    ctx.meeting = null;
    return;
  }
  const meeting = convene(m, rng, ctx.meeting, s.trust[m.claimant * m.actors.length + m.holder]!);
  if (!meeting) return;
  ctx.meeting = meeting;
  applyEffects(m, s, [{ op: 'trust', a: m.claimant, b: m.holder, delta: m.params.meetingTrust }]);
  emit({ type: 'meeting', t: s.t, ...meeting });
};

/** The proposer puts a bundle of terms on the table, or only talks. */
export const offer: Phase = (ctx, { m, rng, emit, choose }) => {
  const meeting = ctx.meeting!;
  const ev = new Evaluator(m, asFound(ctx.world));
  const policy = chooseOffer(ev, meeting.proposer, meeting.responder, rng.offer());
  const { options } = policy;
  const chosen = pickOffer(
    ev,
    meeting.proposer,
    options,
    policy.chosen,
    choose?.offer?.(meeting.proposer, meeting.responder, options, false),
  );
  emit({ type: 'offer', t: ctx.world.t, by: meeting.proposer, to: meeting.responder, offer: chosen, counter: false, options });
  ctx.pending = chosen === null ? null : { offer: chosen, by: meeting.proposer, to: meeting.responder, counter: false };
};

/** The responder accepts, rejects (perhaps with a counter-offer), or vetoes a deal it could not ratify. */
export const response: Phase = (ctx, { m, rng, emit, choose }) => {
  const s = ctx.world;
  const p = ctx.pending!;
  const ev = new Evaluator(m, asFound(s));
  const policy = respond(ev, p.to, p.offer, utility(m, ev.s, p.to), rng.response());
  const human = policy.decision === 'veto' ? undefined : choose?.response?.(p.to, p.offer, policy);
  const r = human ? { ...policy, decision: human } : policy;
  emit({ type: 'response', t: s.t, by: p.to, offer: p.offer, ...r, ...(human ? { player: true as const } : {}) });
  ctx.pending = null;
  if (r.decision !== 'veto') learnFromAnswer(s.belief, 0, ev, p.to, p.offer, r.decision === 'accept');
  if (r.decision === 'accept') {
    applyDeal(m, s, p.offer);
    applyEffects(m, s, [{ op: 'trust', a: p.by, b: p.to, delta: 2 * m.params.meetingTrust }]);
    if (s.treaty) emit({ type: 'treaty', t: s.t, offer: p.offer });
    return;
  }
  if (p.counter) return;
  const counter = chooseOffer(ev, p.to, p.by, rng.response());
  const { options } = counter;
  const chosen = pickOffer(ev, p.to, options, counter.chosen, choose?.offer?.(p.to, p.by, options, true));
  if (chosen === null) return;
  emit({ type: 'offer', t: s.t, by: p.to, to: p.by, offer: chosen, counter: true, options });
  ctx.pending = { offer: chosen, by: p.to, to: p.by, counter: true };
};

function movesBy(role: 'party' | 'third', draw: 'moves' | 'third'): Phase {
  return (ctx, { m, rng, emit, choose }) => {
    const s = ctx.world;
    const ev = new Evaluator(m, asFound(s));
    const chosen: number[] = [];
    for (let i = 0; i < m.actors.length; i++) {
      if (m.actors[i]!.role !== role) continue;
      const c = chooseMove(ev, i, rng[draw]());
      const mv = pick(c.options, 'move', c.chosen, choose?.move?.(i, c.options));
      if (mv === null) continue;
      chosen.push(mv);
      emit({ type: 'move', t: s.t, actor: i, move: mv, thirdParty: role === 'third', options: c.options });
    }
    const talks = s.talksActive;
    for (const mv of chosen) {
      applyEffects(m, s, m.moves[mv]!.effects);
      s.movesThisQuarter.push(mv);
    }
    if (talks !== s.talksActive) emit({ type: 'talks', t: s.t, active: s.talksActive });
  };
}

/** The parties' unilateral moves: sanctions, militarisation, investment, … chosen simultaneously. */
export const unilateral: Phase = movesBy('party', 'moves');

/** Third parties act on the others: pressure, inducements, their own moves. */
export const thirdParties: Phase = movesBy('third', 'third');

/** Reactions to this quarter's moves; pressure expires; trust and domestic room drift back; the clock advances. */
export const update: Phase = (ctx, { m, rng, emit }) => {
  const s = ctx.world;
  const talks = s.talksActive;
  for (const mv of s.movesThisQuarter) {
    for (let k = 0; k < m.reactions.length; k++) {
      const re = m.reactions[k]!;
      if (re.trigger !== mv || !(rng.reactions() < re.probability)) continue;
      applyEffects(m, s, re.effects);
      emit({ type: 'reaction', t: s.t, reaction: k });
    }
  }
  if (talks !== s.talksActive) emit({ type: 'talks', t: s.t, active: s.talksActive });
  const { drift } = m.params;
  for (let k = 0; k < s.trust.length; k++) s.trust[k] = s.trust[k]! + drift * (s.trustBaseline[k]! - s.trust[k]!);
  for (let k = 0; k < s.room.length; k++) s.room[k] = s.room[k]! + drift * (s.roomBaseline[k]! - s.room[k]!);
  if (s.modifiers.length > 0) s.modifiers = s.modifiers.filter((mod) => mod.until > s.t);
  if (s.movesThisQuarter.length > 0) s.movesThisQuarter = [];
  ctx.meeting = null;
  ctx.pending = null;
  s.t += 1;
};

/** A treaty or the horizon ends the run with its outcome class. */
export const outcomeCheck: Phase = (ctx, { m, emit }) => {
  if (isOver(ctx, m)) {
    ctx.outcome = classify(m, ctx.world);
    emit({ type: 'outcome', t: ctx.world.t, outcome: ctx.outcome });
  }
};

/** What the statechart's guards read: the parts of a run context every runner shares (phases.ts's and the kernel's). */
export type GuardContext = Pick<RunContext, 'meeting' | 'pending' | 'outcome'>;

// Guards: pure predicates the statechart uses to pick the next phase.
export const offerOnAgenda = (ctx: GuardContext): boolean => ctx.meeting?.offersOnAgenda === true;
export const hasPendingOffer = (ctx: GuardContext): boolean => ctx.pending !== null;
export const isOver = (ctx: { readonly world: Pick<WorldState, 'treaty' | 't'> }, m: Model): boolean =>
  ctx.world.treaty !== null || ctx.world.t >= m.horizon;
export const hasOutcome = (ctx: GuardContext): boolean => ctx.outcome !== null;

/** The phases by name, as the statechart refers to them. */
export const PHASES = { shocks, agenda, offer, response, unilateral, thirdParties, update, outcomeCheck } as const;
export type PhaseName = keyof typeof PHASES;
