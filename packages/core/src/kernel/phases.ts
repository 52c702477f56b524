import { classifyTally } from '../outcome.js';
import { convene, isOver, type PhaseEnv, type PhaseName } from '../phases.js';
import { learnFromAnswer } from '../reservation.js';
import type { Kernel, KernelContext } from './kernel.js';
import { ASSURED, HELD_CONTESTED, JOINT, TRANSFERRED } from './layout.js';
import { allPass, applyDealToCells, applyToCells } from './program.js';
import type { KernelWorld } from './world.js';

/**
 * The batch kernel's phases, by the names the statechart gives them: phases.ts's phases and
 * policy.ts's policies over a kernel's cells (kernel.ts), with the same random draws in the same
 * order. What they leave out is only what nobody reads in a batch: the offer, response and move
 * events with their options. They report what changes the world: shocks, meetings, talks,
 * reactions, treaties and the outcome. The statechart still says which phase runs when: the engine
 * runs it with these phases.
 */

/** The kernel's world-changing events, by type. */
export const KERNEL_EVENT_TYPES = ['shock', 'meeting', 'meeting-cancelled', 'talks', 'reaction', 'treaty', 'outcome'] as const;
export type KernelEventType = (typeof KERNEL_EVENT_TYPES)[number];
/** Which of them a run's `emit` receives. */
export type KernelEvents = { readonly [K in KernelEventType]: boolean };

/** A run's emit receiving `types` only. */
export const kernelEvents = (types: readonly KernelEventType[]): KernelEvents =>
  Object.freeze(Object.fromEntries(KERNEL_EVENT_TYPES.map((k) => [k, types.includes(k)])) as KernelEvents);
export const ALL_KERNEL_EVENTS = kernelEvents(KERNEL_EVENT_TYPES);

export interface KernelEnv extends PhaseEnv {
  readonly kernel: Kernel;
  /** The events `emit` wants; the others are not even built (a batch follows only a run's milestones). */
  readonly wants: KernelEvents;
}

type KernelPhase = (ctx: KernelContext, env: KernelEnv) => void;

const shocks: KernelPhase = (ctx, env) => {
  const { m, rng, kernel } = env;
  const w = ctx.world;
  const events = kernel.events;
  const due = kernel.due(w.t);
  let fired = false;
  for (let q = 0; q < due.length; q++) {
    const k = due[q]!;
    const ev = events[k]!;
    if (ev.once && w.fired[k] === 1) continue;
    if (!allPass(w, ev.tests)) continue;
    if (ev.at < 0 && !(rng.shocks() < ev.hazard)) continue;
    // phases.ts's fireEvent.
    fired = true;
    const talks = w.talks;
    ev.apply(w);
    w.fired[k] = 1;
    if (env.wants.shock) env.emit({ type: 'shock', t: w.t, event: k });
    if (talks !== w.talks && env.wants.talks) env.emit({ type: 'talks', t: w.t, active: w.talks });
    if (ev.summit) ctx.meeting = { summit: k, proposer: m.claimant, responder: m.holder, offersOnAgenda: true };
  }
  if (fired) kernel.ev.changed();
};

const agenda: KernelPhase = (ctx, { m, rng, emit, kernel, wants }) => {
  const w = ctx.world;
  if (!w.talks) {
    if (ctx.meeting?.summit != null && wants['meeting-cancelled']) emit({ type: 'meeting-cancelled', t: w.t, summit: ctx.meeting.summit });
    ctx.meeting = null;
    return;
  }
  const L = kernel.L;
  const meeting = convene(m, rng, ctx.meeting, w.x[L.trust + m.claimant * L.n + m.holder]!);
  if (!meeting) return;
  ctx.meeting = meeting;
  applyToCells(w.x, kernel.meetingOp);
  kernel.ev.changed();
  if (wants.meeting) emit({ type: 'meeting', t: w.t, ...meeting });
};

const offer: KernelPhase = (ctx, env) => {
  const meeting = ctx.meeting!;
  const chosen = env.kernel.choices.offer(meeting.proposer, meeting.responder, env.rng.offer());
  ctx.pending = chosen === null ? null : { offer: chosen, by: meeting.proposer, to: meeting.responder, counter: false };
};

const response: KernelPhase = (ctx, { m, rng, emit, kernel, wants }) => {
  const w = ctx.world;
  const p = ctx.pending!;
  const ev = kernel.ev;
  const accepted = kernel.choices.accepts(p.to, p.offer, rng.response());
  ctx.pending = null;
  // phases.ts's belief update (a deal the responder could not ratify is vetoed: no answer). Beliefs
  // are read from the cells, never cached: nothing goes stale.
  if (ev.canRatify(p.to, p.offer)) learnFromAnswer(w.x, ev.L.belief, ev, p.to, p.offer, accepted);
  if (accepted) {
    // deal.ts's applyDeal, then the trust a deal builds.
    const deal = ev.deals[p.offer]!;
    applyDealToCells(ev.L, w.x, deal, m.territories.length);
    if (deal.signed) {
      w.treaty = { t: w.t, offer: p.offer };
      w.talks = true;
    }
    applyToCells(w.x, kernel.dealTrustOps[p.by * ev.L.n + p.to]!);
    ev.changed();
    if (w.treaty && wants.treaty) emit({ type: 'treaty', t: w.t, offer: p.offer });
    return;
  }
  if (p.counter) return;
  const chosen = kernel.choices.offer(p.to, p.by, rng.response());
  if (chosen !== null) ctx.pending = { offer: chosen, by: p.to, to: p.by, counter: true };
};

function movesBy(role: 'party' | 'third'): KernelPhase {
  const chosen: number[] = [];
  return (ctx, { rng, emit, kernel, wants }) => {
    const w = ctx.world;
    const actors = role === 'party' ? kernel.parties : kernel.thirds;
    const draw = role === 'party' ? rng.moves : rng.third;
    let count = 0;
    for (let k = 0; k < actors.length; k++) {
      const mv = kernel.choices.move(actors[k]!, draw());
      if (mv !== null) chosen[count++] = mv;
    }
    if (count === 0) return;
    const talks = w.talks;
    for (let k = 0; k < count; k++) {
      const mv = chosen[k]!;
      kernel.moveApply[mv]!(w);
      w.moves[w.moveCount++] = mv;
    }
    kernel.ev.changed();
    if (talks !== w.talks && wants.talks) emit({ type: 'talks', t: w.t, active: w.talks });
  };
}

const update: KernelPhase = (ctx, { m, rng, emit, kernel, wants }) => {
  const w = ctx.world;
  const talks = w.talks;
  for (let q = 0; q < w.moveCount; q++) {
    // Only the reactions a move triggers draw (phases.ts tests the trigger before drawing).
    const ks = kernel.reactionsTo[w.moves[q]!]!;
    for (let r = 0; r < ks.length; r++) {
      const k = ks[r]!;
      if (!(rng.reactions() < m.reactions[k]!.probability)) continue;
      kernel.reactionApply[k]!(w);
      if (wants.reaction) emit({ type: 'reaction', t: w.t, reaction: k });
    }
  }
  if (talks !== w.talks && wants.talks) emit({ type: 'talks', t: w.t, active: w.talks });
  kernel.drift(w.x);
  if (w.modifiers.length > 0) expire(w);
  w.moveCount = 0;
  ctx.meeting = null;
  ctx.pending = null;
  w.t += 1;
  kernel.ev.changed();
};

/** Drop the modifiers that expire at quarter t, keeping the others in order (as phases.ts's filter). */
function expire(w: KernelWorld): void {
  const mods = w.modifiers;
  let kept = 0;
  for (let k = 0; k < mods.length; k++) if (mods[k]!.until > w.t) mods[kept++] = mods[k]!;
  if (kept !== mods.length) {
    mods.length = kept;
    w.modsVersion++;
  }
}

const outcomeCheck: KernelPhase = (ctx, { m, emit, kernel, wants }) => {
  if (!isOver(ctx, m)) return;
  const w = ctx.world;
  const at = kernel.L.territories;
  let transferred = 0;
  let joint = 0;
  let stillClaimed = 0;
  // Every count is added to on every pass, by 0 or 1, so the first treaty deoptimizes nothing (docs/performance.md).
  for (let k = 0; k < m.territories.length; k++) {
    const code = w.x[at + k]!;
    transferred += code === TRANSFERRED || code === ASSURED ? 1 : 0;
    joint += code === JOINT ? 1 : 0;
    stillClaimed += code === HELD_CONTESTED ? 1 : 0;
  }
  ctx.outcome = classifyTally(m, {
    territories: m.territories.length,
    transferred,
    joint,
    stillClaimed,
    treaty: w.treaty !== null,
    talksActive: w.talks,
    jointActivity: w.x[kernel.L.joint]!,
  });
  if (wants.outcome) emit({ type: 'outcome', t: w.t, outcome: ctx.outcome });
};

/** The kernel's phases, by the names the statechart gives them. */
export const KERNEL_PHASES: { readonly [K in PhaseName]: KernelPhase } = {
  shocks,
  agenda,
  offer,
  response,
  unilateral: movesBy('party'),
  thirdParties: movesBy('third'),
  update,
  outcomeCheck,
};
