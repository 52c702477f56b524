import { type Chooser, Evaluator, initialContext, type LogEvent, type Model, offerOptions, type RunContext } from '@parley/core';
import { type Actor, createActor, type InspectionEvent } from 'xstate';
import { peekCompiled } from './compile.js';
import type { Answer, Ask, CountryKind } from './countries.js';
import { type DecisionPoint, decisionFor } from './decisions.js';
import { liveMachineFor, NotChosenYet } from './live.js';

export type { InspectionEvent } from 'xstate';

import { compiledProtocol, phaseEnv } from './run.js';

let machine: ReturnType<typeof liveMachineFor> | null = null;
/** The live-run machine, made once per process from the compiled statechart. */
export function liveMachine(): ReturnType<typeof liveMachineFor> {
  machine ??= liveMachineFor(compiledProtocol());
  return machine;
}

/** A country answering as a Chooser does (a terminal UI's player, a moves file, a transcript): undefined leaves it to the policy. */
export function chooserCountry(choose: Chooser): CountryKind {
  const decide = (ask: Ask): Answer => {
    if (ask.kind === 'move') return { choice: choose.move?.(ask.actor, ask.options) };
    if (ask.kind === 'response') return { response: choose.response?.(ask.actor, ask.offer, ask.policy) };
    const k = choose.offer?.(ask.actor, ask.to, ask.options, ask.kind === 'counter');
    return typeof k === 'object' ? { table: k.table } : { choice: k };
  };
  return { kind: 'scripted', decide };
}

export interface SessionOptions {
  /** Who each actor is (default: the AI, or `choose` for everyone when a Chooser is given). */
  readonly countries?: readonly CountryKind[];
  /** Watch the actor system's events (xstate's inspection API). */
  readonly inspect?: (e: InspectionEvent) => void;
  /** Start from this protocol state and context (a fork) instead of the run's beginning. */
  readonly from?: { readonly state: string; readonly ctx: RunContext };
}

/**
 * One run taken a phase at a time, for people watching or playing it (the terminal UI, exercises,
 * replays, debriefs): a live xstate actor of the protocol statechart with a country actor for each
 * actor of the model (live.ts). Stepped to its end with AI countries, it has the same log and
 * outcome as `simulate` with the same seed.
 */
export class RunSession {
  readonly log: LogEvent[] = [];
  private readonly actor: Actor<ReturnType<typeof liveMachine>>;
  private steps = 0;
  /** The actors played by human countries (step() checks they have chosen; there are none in most runs). */
  private humans: readonly number[];

  constructor(
    readonly m: Model,
    readonly scenarioKey: string,
    readonly seed: number,
    readonly run = 0,
    readonly choose?: Chooser,
    opts: SessionOptions = {},
  ) {
    const env = phaseEnv(m, { scenarioKey, seed, run, emit: (e) => this.log.push(e) });
    const everyone = choose ? chooserCountry(choose) : ({ kind: 'ai' } as const);
    const countries = opts.countries ?? m.actors.map(() => everyone);
    this.humans = countries.flatMap((c, i) => (c.kind === 'human' ? [i] : []));
    this.actor = createActor(liveMachine(), {
      input: { run: opts.from?.ctx ?? initialContext(m, env.rng), env, countries, ...(opts.from ? { at: opts.from.state } : {}) },
      ...(opts.inspect ? { inspect: opts.inspect } : {}),
    });
    // An error in a phase (an illegal scripted move, a country that has not chosen) stops the actor;
    // step() throws it to the caller, so nothing is reported as unhandled meanwhile.
    this.actor.subscribe({ error: () => {} });
    this.actor.start();
    this.rethrow();
  }

  /** The error that stopped the live actor, thrown to the caller. */
  private rethrow(): void {
    const snap = this.actor.getSnapshot();
    if (snap.status === 'error') throw snap.error;
  }

  /** The run's context as it stands (the live actor's own: read it, do not change it). */
  get ctx(): RunContext {
    return this.actor.getSnapshot().context.run;
  }

  /** The protocol state the run is in (a phase name), or the final state. */
  get state(): string {
    return this.actor.getSnapshot().value as string;
  }

  /** Protocol steps taken so far (a game ended early is played again to exactly this point). */
  get stepsTaken(): number {
    return this.steps;
  }

  get done(): boolean {
    return this.actor.getSnapshot().status === 'done';
  }

  /** The quarter index the run is in. */
  get t(): number {
    return this.ctx.world.t;
  }

  /** The phase the next step will run. */
  get next(): string {
    return peekCompiled(compiledProtocol(), this.state, this.ctx);
  }

  /**
   * The human countries the next phase will ask for a decision that they have not given yet (their
   * decision points): step() waits for them. A human that will answer a response with a rejection
   * gives its counter-offer with it (an offer's index, 0 for talking only).
   */
  awaiting(): DecisionPoint[] {
    if (this.done || this.humans.length === 0) return [];
    const countries = this.actor.getSnapshot().context.countries;
    return this.humans.flatMap((i) => {
      const c = countries[i]!.getSnapshot().context;
      const point = decisionFor(this, i) ?? this.counterAfterVeto(i);
      if (point === null) return [];
      const needs = point.kind === 'response' && point.counters !== null && c.queue[0]?.response === 'reject' ? 2 : 1;
      return c.queue.length >= needs ? [] : [point];
    });
  }

  /** A responder whose leader cannot ratify the deal vetoes it unasked, and may then counter: that decision, if it is next. */
  private counterAfterVeto(i: number): DecisionPoint | null {
    const p = this.ctx.pending;
    if (this.next !== 'response' || p === null || p.to !== i || p.counter) return null;
    return { kind: 'offer', actor: i, to: p.by, options: offerOptions(new Evaluator(this.m, this.ctx.world), i, p.by), counter: true };
  }

  /** Take one protocol step (one phase). Returns false when the run is over. Throws NotChosenYet while a human country has not chosen. */
  step(): boolean {
    if (this.done) return false;
    const waiting = this.awaiting();
    if (waiting.length > 0) throw new NotChosenYet(waiting[0]!.actor);
    this.actor.send({ type: 'STEP' });
    this.rethrow();
    if (++this.steps > (this.m.horizon + 1) * 16) throw new Error('run did not end');
    return !this.done;
  }

  /**
   * People take over `actor`'s country, between phases: the AI played it so far, a human country
   * plays it from the next decision on (its answers, already queued or to come, are taken in order).
   */
  seat(actor: number): void {
    if (this.humans.includes(actor)) return;
    this.actor.getSnapshot().context.countries[actor]!.send({ type: 'SEAT' });
    this.humans = [...this.humans, actor].sort((a, b) => a - b);
  }

  /** A human country's next choice (countries of kind 'human'): queued until the protocol asks it. */
  answer(actor: number, answer: Answer): void {
    this.actor.getSnapshot().context.countries[actor]!.send({ type: 'CHOOSE', answer });
  }

  /**
   * A copy of this run at this point that continues on its own, with the random streams
   * of another run index (for counterfactual rollouts) and its own chooser.
   */
  fork(run: number, choose?: Chooser): RunSession {
    const c = this.ctx;
    const ctx = structuredClone({ world: c.world, meeting: c.meeting, pending: c.pending, outcome: c.outcome });
    return new RunSession(this.m, this.scenarioKey, this.seed, run, choose, { from: { state: this.state, ctx } });
  }

  /** Fire event k now (an instructor's inject), between phases. */
  fire(k: number): void {
    if (this.done) return;
    this.actor.send({ type: 'FIRE', event: k });
    this.rethrow();
  }

  /** Step until the quarter changes or the run ends. */
  stepQuarter(): void {
    const t = this.t;
    while (!this.done && this.t === t) this.step();
  }

  toEnd(): void {
    while (this.step()) {}
  }
}
