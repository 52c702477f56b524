import { Evaluator, type Model, ratificationProblem, tablingProblem } from '@parley/core';
import { type Answer, type CountryKind, type DecisionPoint, describeTerm, RunSession } from '@parley/engine';
import type { LoadedExercise } from '@parley/scenario';
import { BadPackage, composePackage, gameModel, type PackageSpec, playExercise, sameOffer, type Transcript } from '@parley/teaching';
import { classDecider, decisionText } from './decisions.js';
import { ClassError } from './errors.js';
import { CLASS_SCHEMA, type ClassDecision, type ClassRecord } from './record.js';

/**
 * A class's game: the exercise's run as a live session (engine's RunSession) in which each team is
 * the human country of its role, the AI playing the rest. All it knows is its record (record.ts):
 * the live session is the record played again, so a server restart, or a package composed in the
 * middle of the game (which joins the game's model), rebuilds exactly the game the class played.
 * Nothing here does I/O or reads the clock: time comes in as `now` (ms) from the server.
 */

/** What a team decides, as its page sends it. */
export type TeamDecision =
  | { readonly kind: 'move'; readonly choice: number }
  | { readonly kind: 'offer'; readonly choice: number }
  | { readonly kind: 'offer'; readonly package: PackageSpec }
  | { readonly kind: 'response'; readonly response: 'accept' }
  | {
      readonly kind: 'response';
      readonly response: 'reject';
      /** The counter-offer, when the team may make one (default: none, only talk). */
      readonly counter?: { readonly choice: number } | { readonly package: PackageSpec };
    };

/** What checking a package says: whether it may be tabled, and what it is. */
export type PackageCheck =
  | { readonly ok: true; readonly label: string; readonly terms: readonly string[]; readonly warning: string | null }
  | { readonly ok: false; readonly reason: string };

/** A decision a team must take now, with the key its answer must carry (a stale page's answer is refused). */
export interface Pending {
  readonly key: string;
  readonly point: DecisionPoint;
}

const MAX_EXTRA_TURNS = 8;

export class ClassGame {
  session!: RunSession;
  /** When the open decisions are taken by the clock (ms), or null. */
  deadline: number | null = null;
  /** Time left on the clock when the game was paused (ms). */
  private left: number | null = null;
  private turnStarted = 0;

  private constructor(
    readonly ex: LoadedExercise,
    readonly record: ClassRecord,
  ) {
    this.rebuild();
  }

  /** A new class for exercise `ex`: every role gets a seat with a code, the instructor a code of its own. */
  static create(ex: LoadedExercise, code: () => string): ClassGame {
    const record: ClassRecord = {
      schema: CLASS_SCHEMA,
      exercise: ex.data.id,
      scenarioHash: ex.scenario.hash,
      seed: ex.data.seed,
      instructorCode: code(),
      seats: Object.keys(ex.data.roles).map((role) => ({ role, code: code() })),
      status: 'lobby',
      players: [],
      seated: [],
      packages: [],
      decisions: [],
      injects: [],
      messages: [],
      hints: [],
      turnSeconds: null,
      turns: ex.data.turns,
      steps: 0,
    };
    return new ClassGame(ex, record);
  }

  /** A class resumed from its record (after a server restart): refused if it is not this exercise's, or does not play again. */
  static resume(ex: LoadedExercise, record: ClassRecord, now = 0): ClassGame {
    if (record.exercise !== ex.data.id) throw new ClassError(`it is a class of "${record.exercise}", not of "${ex.data.id}"`);
    if (record.scenarioHash !== ex.scenario.hash)
      throw new ClassError('the exercise or its scenario has changed since this class was played');
    const roles = Object.keys(ex.data.roles);
    const named = [...record.players, ...record.seated.map((x) => x.role), ...record.seats.map((s) => s.role), ...record.hints];
    for (const r of [...named, ...record.decisions.map((d) => d.role)])
      if (!roles.includes(r)) throw new ClassError(`it names a role "${r}" the exercise does not have`);
    for (const i of record.injects)
      if (!Object.hasOwn(ex.injects, i.id)) throw new ClassError(`it names an inject "${i.id}" the exercise does not have`);
    if (record.turns < ex.data.turns || record.turns > ex.data.turns + MAX_EXTRA_TURNS)
      throw new ClassError(`it plays ${record.turns} turns`);
    const codes = [record.instructorCode, ...record.seats.map((s) => s.code)];
    if (new Set(codes).size !== codes.length || new Set(record.seats.map((s) => s.role)).size !== record.seats.length)
      throw new ClassError('two of its seats have the same role or code');
    try {
      const g = new ClassGame(ex, record);
      g.transcript();
      // The round in progress when the server stopped gets the whole clock again.
      if (record.status === 'running' && record.turnSeconds !== null) g.deadline = now + record.turnSeconds * 1000;
      return g;
    } catch (e) {
      if (e instanceof ClassError) throw e;
      throw new ClassError(`it does not play again: ${e instanceof Error ? e.message.split('\n')[0] : String(e)}`);
    }
  }

  get model(): Model {
    return this.session.m;
  }

  actorOf(role: string): number {
    return this.ex.roles[role]!;
  }

  /** The session played again from the record: decisions queued to their countries in order, injects fired, as many steps taken. */
  private rebuild(): void {
    const r = this.record;
    const m = gameModel(this.ex, r.packages, r.turns);
    const human = new Set(r.players.map((p) => this.actorOf(p)));
    const countries = m.actors.map((_, i): CountryKind => (human.has(i) ? { kind: 'human' } : { kind: 'ai' }));
    this.session = new RunSession(m, this.ex.scenario.hash, r.seed, 0, undefined, { countries });
    for (const d of r.decisions) this.session.answer(this.actorOf(d.role), d.answer);
    this.turnStarted = 0;
    for (let k = 0; k < r.steps; k++) {
      if (this.session.done) throw new ClassError(`the game ends after ${k} steps, not ${r.steps}`);
      this.fireDue();
      this.session.step();
    }
  }

  /** At the start of a new quarter: the teams seated late take over their countries, and the injects due fire. */
  private fireDue(): void {
    const s = this.session;
    if (s.done || s.t + 1 === this.turnStarted) return;
    this.turnStarted = s.t + 1;
    for (const x of this.record.seated) if (x.turn === this.turnStarted) s.seat(this.actorOf(x.role));
    for (const inj of this.record.injects) if (inj.turn === this.turnStarted) s.fire(this.ex.injects[inj.id]!);
  }

  /** Whether a team plays `role` now: from the start, or seated late and its turn has come. */
  playedNow(role: string): boolean {
    return this.record.players.includes(role) || this.record.seated.some((x) => x.role === role && x.turn <= this.turnStarted);
  }

  /** The roles a team plays or will play, in the exercise's order (the transcript's players). */
  get teams(): string[] {
    const r = this.record;
    return Object.keys(this.ex.data.roles).filter((x) => r.players.includes(x) || r.seated.some((y) => y.role === x));
  }

  /** A team that joined after the start takes over its country from the start of the next quarter (the AI played it so far). */
  seat(role: string): { turn: number } {
    this.requireStatus('running', 'paused');
    this.requireRole(role);
    if (this.teams.includes(role)) throw new ClassError(`a team already plays ${role}`);
    if (this.session.done) throw new ClassError('the game is over');
    const turn = this.session.t + 2;
    this.record.seated.push({ role, turn });
    return { turn };
  }

  /** The turn the game is in (1-based). */
  get turn(): number {
    return this.session.t + 1;
  }

  /** Run the game on until a team must decide, or it ends; the clock restarts for each new round of decisions. */
  private advance(now: number): void {
    const r = this.record;
    if (r.status !== 'running') return;
    let stepped = false;
    for (;;) {
      if (this.session.done) {
        r.status = 'ended';
        this.deadline = null;
        return;
      }
      this.fireDue();
      if (this.session.awaiting().length > 0) break;
      this.session.step();
      r.steps++;
      stepped = true;
    }
    // A new round of decisions gets the whole time; the round in progress keeps what it has left.
    if (stepped || this.deadline === null) this.deadline = r.turnSeconds === null ? null : now + r.turnSeconds * 1000;
  }

  private requireStatus(...ok: ClassRecord['status'][]): void {
    if (!ok.includes(this.record.status)) throw new ClassError(`the game is ${this.record.status}`);
  }

  /** Start the game: the seats taken are played by their teams, the rest by the AI. */
  start(taken: readonly string[], now: number): void {
    this.requireStatus('lobby');
    this.record.players = Object.keys(this.ex.data.roles).filter((r) => taken.includes(r));
    this.record.status = 'running';
    this.rebuild();
    this.advance(now);
  }

  pause(now: number): void {
    this.requireStatus('running');
    this.record.status = 'paused';
    this.left = this.deadline === null ? null : Math.max(0, this.deadline - now);
    this.deadline = null;
  }

  resume(now: number): void {
    this.requireStatus('paused');
    this.record.status = 'running';
    this.deadline = this.left === null ? null : now + this.left;
    this.left = null;
    this.advance(now);
  }

  /** End the game where it stands (a game ended early keeps everything played so far). */
  end(): void {
    this.requireStatus('lobby', 'running', 'paused');
    this.record.status = 'ended';
    this.deadline = null;
  }

  /** Play `n` more quarters than planned (at most 8 beyond the exercise's turns), even after the last one was played. */
  extend(n: number, now: number): void {
    const r = this.record;
    if (!Number.isInteger(n) || n < 1 || r.turns + n > this.ex.data.turns + MAX_EXTRA_TURNS)
      throw new ClassError(`a game can be extended by 1 to ${this.ex.data.turns + MAX_EXTRA_TURNS - r.turns} more turns`);
    if (r.status === 'ended' && !this.session.done) throw new ClassError('the game was ended by the instructor');
    if (r.status === 'lobby') throw new ClassError('the game has not started');
    r.turns += n;
    this.rebuild();
    if (this.session.done) {
      r.turns -= n;
      this.rebuild();
      throw new ClassError('the game is over whatever the horizon (a treaty, or talks broken off for good)');
    }
    if (r.status === 'ended') r.status = 'running';
    this.advance(now);
  }

  /** Fire an inject at the start of the next quarter. */
  fire(id: string): { turn: number } {
    this.requireStatus('lobby', 'running', 'paused');
    if (!Object.hasOwn(this.ex.injects, id)) throw new ClassError(`there is no inject "${id}"`);
    const turn = this.record.status === 'lobby' ? 1 : this.session.t + 2;
    this.record.injects.push({ id, turn });
    return { turn };
  }

  setHints(role: string, on: boolean): void {
    this.requireRole(role);
    const h = this.record.hints.filter((r) => r !== role);
    this.record.hints = on ? [...h, role] : h;
  }

  setClock(seconds: number | null, now: number): void {
    if (seconds !== null && (!Number.isInteger(seconds) || seconds < 10 || seconds > 3600))
      throw new ClassError('the clock takes 10 to 3600 seconds per round of decisions');
    this.record.turnSeconds = seconds;
    this.deadline = seconds === null || this.record.status !== 'running' ? null : now + seconds * 1000;
  }

  private requireRole(role: string): void {
    if (!Object.hasOwn(this.ex.data.roles, role)) throw new ClassError(`there is no role "${role}"`);
  }

  /** A message from a team or the instructor to a team or everyone. */
  message(from: string, to: string, text: string): void {
    if (to !== 'all') this.requireRole(to);
    if (to === from) throw new ClassError('a team cannot send a message to itself');
    const t = text.trim();
    if (t.length === 0) throw new ClassError('the message is empty');
    if (t.length > 1000) throw new ClassError('a message is at most 1000 characters');
    const r = this.record;
    r.messages.push({ n: r.messages.length + 1, from, to, text: t, turn: this.turn });
  }

  /** The decision role must take now, if any. */
  pending(role: string): Pending | null {
    if (this.record.status !== 'running' || !this.playedNow(role)) return null;
    const actor = this.actorOf(role);
    const point = this.session.awaiting().find((p) => p.actor === actor);
    if (!point) return null;
    const kind = point.kind === 'offer' && point.counter ? 'counter' : point.kind;
    return { key: `${this.record.steps}:${kind}`, point };
  }

  /** The package a spec makes, in the game's model now: its index if the model has it already, or the offer to add. */
  private packageFor(spec: PackageSpec): { index: number; m: Model } {
    const m = this.model;
    let offer: ReturnType<typeof composePackage>;
    try {
      offer = composePackage(m, spec, this.record.packages.length);
    } catch (e) {
      if (e instanceof BadPackage) throw new ClassError(e.message);
      throw e;
    }
    const k = sameOffer(m, offer);
    return k >= 0 ? { index: k, m } : { index: m.offers.length, m: { ...m, offers: [...m.offers, offer] } };
  }

  /** Whether role may table the package now (its leader could ratify it), what it is, and whether the other side's leader could. */
  check(role: string, spec: PackageSpec): PackageCheck {
    const p = this.pending(role);
    if (!p || p.point.kind === 'move') return { ok: false, reason: 'it is not your turn to make an offer' };
    let found: { index: number; m: Model };
    try {
      found = this.packageFor(spec);
    } catch (e) {
      if (e instanceof ClassError) return { ok: false, reason: e.message };
      throw e;
    }
    const ev = new Evaluator(found.m, this.session.ctx.world);
    const by = p.point.actor;
    const problem = tablingProblem(ev, by, found.index);
    if (problem) return { ok: false, reason: problem };
    const to = p.point.kind === 'response' ? this.session.ctx.pending!.by : p.point.to;
    const theirs = ratificationProblem(ev, to, found.index);
    const o = found.m.offers[found.index]!;
    return {
      ok: true,
      label: o.label,
      terms: o.terms.map((t) => describeTerm(found.m, t)),
      warning: theirs === null ? null : `${theirs}: it would be vetoed`,
    };
  }

  /** The answer a package gives: it joins the game's model first if it is new (the game is played again with it). */
  private tableAnswer(role: string, spec: PackageSpec): Answer {
    const check = this.check(role, spec);
    if (!check.ok) throw new ClassError(check.reason);
    const { index, m } = this.packageFor(spec);
    if (index >= this.model.offers.length) {
      this.record.packages.push(spec);
      this.rebuild();
      if (this.model.offers.length !== m.offers.length) throw new Error('the package did not join the game');
    }
    return { table: index };
  }

  /** A team's decision for the point with `key`; the game then runs on to the next decision. */
  /** Returns how many decisions it adds to the record (a rejection with a counter-offer is two). */
  decide(role: string, key: string, d: TeamDecision, now: number): number {
    this.requireRole(role);
    if (this.record.status === 'paused') throw new ClassError('the game is paused');
    const p = this.pending(role);
    if (!p || p.key !== key) throw new ClassError('that decision has already been taken (your page was out of date)');
    const point = p.point;
    const given: ClassDecision[] = [];
    const add = (kind: ClassDecision['kind'], answer: Answer): void => {
      given.push({ role, kind, answer, by: 'team', turn: this.turn, text: decisionText(this.model, point, kind, answer) });
    };
    const optionCount = point.kind === 'response' ? 0 : point.options.length;
    const choice = (k: number, n: number): number => {
      if (!Number.isInteger(k) || k < 0 || k >= n) throw new ClassError(`there is no option ${k + 1} (there are ${n})`);
      return k;
    };
    if (point.kind === 'move') {
      if (d.kind !== 'move') throw new ClassError('this decision is a move');
      add('move', { choice: choice(d.choice, optionCount) });
    } else if (point.kind === 'offer') {
      if (d.kind !== 'offer') throw new ClassError('this decision is an offer');
      const kind = point.counter ? 'counter' : 'offer';
      add(kind, 'package' in d ? this.tableAnswer(role, d.package) : { choice: choice(d.choice, optionCount) });
    } else {
      if (d.kind !== 'response') throw new ClassError('this decision is an answer to an offer');
      add('response', { response: d.response });
      if (d.response === 'reject' && point.counters) {
        const c = d.counter;
        add(
          'counter',
          c === undefined
            ? { choice: 0 }
            : 'package' in c
              ? this.tableAnswer(role, c.package)
              : { choice: choice(c.choice, point.counters.length) },
        );
      }
    }
    this.give(given, now);
    return given.length;
  }

  private give(given: readonly ClassDecision[], now: number): void {
    for (const g of given) {
      this.record.decisions.push(g);
      this.session.answer(this.actorOf(g.role), g.answer);
    }
    if (this.session.awaiting().length === 0) this.advance(now);
  }

  /** The clock ran out: each team still deciding holds still, puts no terms on the table, or says no. */
  expire(now: number): void {
    if (this.record.status !== 'running' || this.deadline === null || now < this.deadline) return;
    const given: ClassDecision[] = [];
    for (const role of this.teams) {
      const p = this.pending(role);
      if (!p) continue;
      const by = 'clock' as const;
      const turn = this.turn;
      if (p.point.kind === 'response') {
        given.push({ role, kind: 'response', answer: { response: 'reject' }, by, turn, text: 'rejects the offer (the clock)' });
        if (p.point.counters)
          given.push({ role, kind: 'counter', answer: { choice: 0 }, by, turn, text: 'makes no counter-offer (the clock)' });
      } else {
        const kind = p.point.kind === 'offer' && p.point.counter ? 'counter' : p.point.kind;
        given.push({ role, kind, answer: { choice: 0 }, by, turn, text: `${kind === 'move' ? 'holds still' : 'only talks'} (the clock)` });
      }
    }
    this.give(given, now);
  }

  /**
   * What the transcript depends on, as one string: it changes with every decision, package, inject,
   * late seat, step or extension (all only ever appended or counted up), not with messages, hints or the clock.
   */
  transcriptKey(): string {
    const r = this.record;
    return [r.players.length, r.seated.length, r.decisions.length, r.packages.length, r.injects.length, r.steps, r.turns].join(':');
  }

  /** The game so far as a transcript (played again from the record, and checked against the live game). */
  transcript(): Transcript {
    const r = this.record;
    const t = playExercise(this.ex, this.teams, classDecider(r.decisions, r.seated), 'interactive', r.injects, r.seed, {
      packages: r.packages,
      turns: r.turns,
      ...(this.session.done ? {} : { steps: r.steps }),
    });
    if (JSON.stringify(t.log) !== JSON.stringify(this.session.log))
      throw new Error('the transcript does not replay the class game exactly');
    return t;
  }
}
