import { SERIES } from '@parley/batch';
import { type LogEvent, type Model, quarterLabel, type WorldState } from '@parley/core';
import { type DecisionPoint, describeEffect, describeTerm, narrateEvent, outcomeLabel } from '@parley/engine';
import { SCORING_WORDS, sideTerms } from '@parley/teaching';
import type { ClassGame } from './game.js';
import type { ClassMessage } from './record.js';

/**
 * What each page is sent: a team sees its own briefing (public and confidential), the state, the
 * public history, its own decision, and the messages to or from it and the public channel — nothing
 * of another team's. The instructor's console sees everything. Views are plain data; the pages put
 * every text in the DOM as text (never as HTML), so nothing a student types can run anywhere.
 */

export interface OptionView {
  readonly label: string;
  /** What it does, term by term or effect by effect, in plain words. */
  readonly detail: readonly string[];
  /** The AI's estimate, when hints are on for the team. */
  readonly hint?: string;
}

export interface PendingView {
  readonly key: string;
  readonly kind: 'move' | 'offer' | 'counter' | 'response';
  readonly options: readonly OptionView[];
  /** For a response: the offer on the table. */
  readonly offer?: { readonly from: string; readonly label: string; readonly terms: readonly string[]; readonly counter: boolean };
  /** For a response that may be answered with a counter-offer: the counter-offers to choose from. */
  readonly counters?: readonly OptionView[];
  readonly hint?: string;
}

export interface StateView {
  readonly quarter: string;
  readonly turn: number;
  readonly turns: number;
  readonly talks: boolean;
  readonly treaty: string | null;
  readonly territories: readonly { readonly name: string; readonly status: string }[];
  readonly gauges: readonly { readonly label: string; readonly value: number }[];
}

const pct = (x: number): string => `${Math.round(x * 100)}%`;
const num = (x: number): string => x.toFixed(3);

function territoryStatus(m: Model, w: WorldState, k: number): string {
  const s = w.territories[k]!;
  const name = (i: number): string => m.actors[i]!.name;
  if (s.kind === 'held') return s.contested ? `held by ${name(s.by)}, claimed by ${name(m.claimant)}` : `held by ${name(s.by)}, settled`;
  if (s.kind === 'transferred') return `transferred to ${name(s.to)}${s.assured ? ' (no foreign bases)' : ''}`;
  return 'under joint administration';
}

export function stateView(g: ClassGame): StateView {
  const m = g.model;
  const w = g.session.ctx.world;
  return {
    quarter: quarterLabel(m, Math.min(w.t, m.horizon - 1)),
    turn: Math.min(g.turn, g.record.turns),
    turns: g.record.turns,
    talks: w.talksActive,
    treaty: w.treaty ? m.offers[w.treaty.offer]!.label : null,
    territories: m.territories.map((t, k) => ({ name: t.name, status: territoryStatus(m, w, k) })),
    gauges: SERIES.map((x) => ({ label: x.label(m), value: Math.round(x.value(m, w) * 1000) / 1000 })),
  };
}

/** An event as every team may read it: an answer without the answering side's private valuations. */
export function publicLine(m: Model, e: LogEvent): string {
  if (e.type !== 'response') return narrateEvent(m, e);
  const who = m.actors[e.by]!.name;
  const when = quarterLabel(m, e.t);
  if (e.decision === 'veto') return `${when}  VETO      ${who} cannot accept: its leader could not ratify the concession at home`;
  return `${when}  ${e.decision === 'accept' ? 'ACCEPT   ' : 'REJECT   '} ${who} ${e.decision === 'accept' ? 'accepts' : 'rejects'}`;
}

function moveOption(m: Model, o: { move: number | null; probability: number; value: number }, hints: boolean): OptionView {
  const mv = o.move === null ? null : m.moves[o.move]!;
  return {
    label: mv === null ? 'Hold still this quarter' : mv.label,
    detail: mv === null ? [] : mv.effects.map((e) => describeEffect(m, e)),
    ...(hints ? { hint: `the AI would choose this ${pct(o.probability)} of the time (value ${num(o.value)})` } : {}),
  };
}

function offerOption(m: Model, o: { offer: number | null; acceptance: number; surplus: number }, hints: boolean): OptionView {
  const of = o.offer === null ? null : m.offers[o.offer]!;
  return {
    label: of === null ? 'Only talk: put no terms on the table' : of.label,
    detail: of === null ? [] : of.terms.map((t) => describeTerm(m, t)),
    ...(hints && of !== null ? { hint: `the AI expects acceptance ${pct(o.acceptance)}; your gain if accepted ${num(o.surplus)}` } : {}),
  };
}

function pendingView(g: ClassGame, role: string, hints: boolean): PendingView | null {
  const p = g.pending(role);
  if (!p) return null;
  const m = g.model;
  const point: DecisionPoint = p.point;
  if (point.kind === 'move') return { key: p.key, kind: 'move', options: point.options.map((o) => moveOption(m, o, hints)) };
  if (point.kind === 'offer')
    return { key: p.key, kind: point.counter ? 'counter' : 'offer', options: point.options.map((o) => offerOption(m, o, hints)) };
  const pending = g.session.ctx.pending!;
  const offer = m.offers[point.offer]!;
  return {
    key: p.key,
    kind: 'response',
    options: [],
    offer: {
      from: m.actors[pending.by]!.name,
      label: offer.label,
      terms: offer.terms.map((t) => describeTerm(m, t)),
      counter: pending.counter,
    },
    ...(point.counters ? { counters: point.counters.map((o) => offerOption(m, o, hints)) } : {}),
    ...(hints
      ? {
          hint: `the deal is worth ${num(point.dealUtility)} to you against a walk-away value of ${num(point.walkAway)}; the AI would accept ${pct(point.probability)} of the time`,
        }
      : {}),
  };
}

const visibleTo = (role: string) => (msg: ClassMessage) => msg.to === 'all' || msg.to === role || msg.from === role;

/** The builder's terms: every territory, and the side payments the scenario's offers carry. */
export function termsView(m: Model) {
  return {
    territories: m.territories.map((t) => ({ id: t.id, name: t.name, area: t.area })),
    extras: sideTerms(m).map((s) => ({ id: s.id, label: s.label })),
  };
}

function common(g: ClassGame, now: number) {
  const r = g.record;
  const m = g.model;
  return {
    exercise: { id: g.ex.data.id, title: g.ex.data.title, minutes: g.ex.data.minutes },
    status: r.status,
    now,
    deadline: g.deadline,
    turnSeconds: r.turnSeconds,
    state: stateView(g),
    outcome: g.session.done && g.session.ctx.outcome ? outcomeLabel(m, g.session.ctx.outcome) : null,
    /** Whether the run itself is over (its last turn played, or a treaty), not only ended by the instructor. */
    finished: g.session.done,
    /** The countries whose teams are deciding now. */
    deciding: r.players.filter((p) => g.pending(p) !== null).map((p) => m.actors[g.actorOf(p)]!.name),
    roles: Object.entries(g.ex.data.roles).map(([id, role]) => ({
      role: id,
      name: m.actors[g.actorOf(id)]!.name,
      public: role.public,
      played: r.status === 'lobby' ? null : g.playedNow(id),
      /** The turn from which a team seated late plays it (null: from the start, or the AI's). */
      seatedFrom: r.seated.find((x) => x.role === id)?.turn ?? null,
    })),
  };
}

/** What team `role`'s page shows. */
export function teamView(g: ClassGame, role: string, now: number) {
  const r = g.record;
  const m = g.model;
  const brief = g.ex.data.roles[role]!;
  const hints = r.hints.includes(role);
  return {
    as: 'team' as const,
    role,
    name: m.actors[g.actorOf(role)]!.name,
    ...common(g, now),
    briefing: {
      public: brief.public,
      scoring: SCORING_WORDS[brief.scoring],
      confidential: brief.confidential.map((c) => ({
        text: c.text,
        source: c.source ? `${c.source.doc}: “${c.source.quote}”` : `assumption: ${c.assumption ?? ''}`,
      })),
      objectives: brief.objectives,
    },
    history: g.session.log.map((e) => publicLine(m, e)),
    pending: pendingView(g, role, hints),
    terms: termsView(m),
    messages: r.messages.filter(visibleTo(role)),
    hints,
  };
}

/** What the instructor's console shows: everything, the seats' codes included. */
export function consoleView(g: ClassGame, now: number, connected: Readonly<Record<string, number>>) {
  const r = g.record;
  const m = g.model;
  return {
    as: 'instructor' as const,
    ...common(g, now),
    seats: r.seats.map((s) => ({
      role: s.role,
      name: m.actors[g.actorOf(s.role)]!.name,
      code: s.code,
      connected: connected[s.role] ?? 0,
      hints: r.hints.includes(s.role),
      pending: g.pending(s.role)?.point.kind ?? null,
    })),
    injects: Object.entries(g.ex.data.injects).map(([id, inj]) => ({
      id,
      label: inj.label,
      scheduled: inj.turn ?? null,
      fired: r.injects.filter((x) => x.id === id).map((x) => x.turn),
    })),
    decisions: r.decisions.map((d) => ({ ...d, text: `${m.actors[g.actorOf(d.role)]!.name} ${d.text ?? d.kind}` })),
    messages: r.messages,
    history: g.session.log.map((e) => narrateEvent(m, e)),
    packages: r.packages.length,
  };
}

export type TeamView = ReturnType<typeof teamView>;
export type ConsoleView = ReturnType<typeof consoleView>;
