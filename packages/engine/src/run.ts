import {
  createStreams,
  discard,
  type Emit,
  initialContext,
  type Model,
  type OutcomeClass,
  type PhaseEnv,
  type RunContext,
  type WorldState,
} from '@parley/core';
import { createActor } from 'xstate';
import { type CompiledProtocol, compileProtocol, stepCompiled } from './compile.js';
import { protocolMachine } from './machine.js';

export interface RunOptions {
  /** Identifies the scenario in the seed derivation (its content hash). */
  readonly scenarioKey: string;
  readonly seed: number;
  /** Index of the run within a batch; 0 for a single run. */
  readonly run?: number;
  /** Receives every log event; omitted in batch runs. */
  readonly emit?: Emit;
  /** Called with the world at the end of each completed quarter (the fast path only; for fan charts). A run that ends in a treaty stops calling it. */
  readonly onQuarter?: (t: number, world: WorldState) => void;
}

export interface RunResult {
  readonly outcome: OutcomeClass;
  /** Quarter index of the treaty, or null. */
  readonly treatyT: number | null;
  readonly world: WorldState;
}

export function phaseEnv(m: Model, opts: RunOptions): PhaseEnv {
  return { m, rng: createStreams(opts.scenarioKey, opts.seed, opts.run ?? 0), emit: opts.emit ?? discard };
}

function result(ctx: RunContext): RunResult {
  if (ctx.outcome === null) throw new Error('run ended without an outcome');
  return { outcome: ctx.outcome, treatyT: ctx.world.treaty?.t ?? null, world: ctx.world };
}

let compiled: CompiledProtocol | null = null;
/** The protocol statechart compiled once per process. */
export function compiledProtocol(): CompiledProtocol {
  compiled ??= compileProtocol(protocolMachine.config as never);
  return compiled;
}

/**
 * One run, interpreted from the compiled statechart, with the phases mutating a
 * context this function alone owns. The fast path for batches; equivalent to
 * simulateReference (tested property-wise).
 */
export function simulate(m: Model, opts: RunOptions): RunResult {
  const p = compiledProtocol();
  const env = phaseEnv(m, opts);
  const ctx = initialContext(m);
  let state = p.initial;
  let guard = 0;
  const limit = (m.horizon + 1) * 16;
  const onQuarter = opts.onQuarter;
  let t = ctx.world.t;
  while (!p.states[state]!.final) {
    state = stepCompiled(p, state, ctx, env);
    if (onQuarter && ctx.world.t !== t) {
      onQuarter(t, ctx.world);
      t = ctx.world.t;
    }
    if (++guard > limit) throw new Error(`run did not end within ${limit} steps`);
  }
  return result(ctx);
}

/** One run through a live xstate actor, each phase producing the next context with immer. */
export function simulateReference(m: Model, opts: RunOptions): RunResult {
  const actor = createActor(protocolMachine, { input: { run: initialContext(m), env: phaseEnv(m, opts) } });
  actor.start();
  const limit = (m.horizon + 1) * 16;
  for (let i = 0; actor.getSnapshot().status !== 'done'; i++) {
    if (i > limit) throw new Error(`run did not end within ${limit} steps`);
    actor.send({ type: 'STEP' });
  }
  const ctx = actor.getSnapshot().context.run;
  actor.stop();
  return result(ctx);
}
