import { type Chooser, fireEvent, initialContext, type LogEvent, type Model, PHASES, type RunContext } from '@parley/core';
import { peekCompiled, stepCompiled } from './compile.js';
import { compiledProtocol, phaseEnv } from './run.js';

/**
 * One run taken a phase at a time, for people watching it (the terminal UI, classes):
 * the same compiled statechart and phases as `simulate`, so a session stepped to its
 * end has the same log and outcome as `simulate` with the same seed.
 */
export class RunSession {
  readonly log: LogEvent[] = [];
  readonly ctx: RunContext;
  /** The protocol state the run is in (a phase name), or the final state. */
  state: string;
  private readonly env;
  private steps = 0;

  constructor(
    readonly m: Model,
    readonly scenarioKey: string,
    readonly seed: number,
    readonly run = 0,
    /** Who decides instead of the policies (a player, a script); see Chooser. */
    choose?: Chooser,
  ) {
    this.ctx = initialContext(m);
    const env = phaseEnv(m, { scenarioKey, seed, run, emit: (e) => this.log.push(e) });
    this.env = choose ? { ...env, choose } : env;
    this.state = compiledProtocol().initial;
  }

  get done(): boolean {
    return compiledProtocol().states[this.state]!.final;
  }

  /** The quarter index the run is in. */
  get t(): number {
    return this.ctx.world.t;
  }

  /** The phase the next step will run. */
  get next(): string {
    return peekCompiled(compiledProtocol(), this.state, this.ctx);
  }

  /** Take one protocol step (one phase). Returns false when the run is over. */
  step(): boolean {
    if (this.done) return false;
    this.state = stepCompiled(compiledProtocol(), this.state, this.ctx, this.env, PHASES);
    if (++this.steps > (this.m.horizon + 1) * 16) throw new Error('run did not end');
    return !this.done;
  }

  /**
   * A copy of this run at this point that continues on its own, with the random streams
   * of another run index (for counterfactual rollouts) and its own chooser.
   */
  fork(run: number, choose?: Chooser): RunSession {
    const f = new RunSession(this.m, this.scenarioKey, this.seed, run, choose);
    const c = structuredClone({ world: this.ctx.world, meeting: this.ctx.meeting, pending: this.ctx.pending, outcome: this.ctx.outcome });
    Object.assign(f.ctx, c);
    f.state = this.state;
    return f;
  }

  /** Fire event k now (an instructor's inject), between phases. */
  fire(k: number): void {
    if (!this.done) fireEvent(this.ctx, this.env, k);
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
