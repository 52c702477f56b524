import {
  ALL_KERNEL_EVENTS,
  createStreams,
  discard,
  type Emit,
  type GuardContext,
  initialContext,
  KERNEL_PHASES,
  Kernel,
  type KernelEvents,
  type Model,
  type OutcomeClass,
  PHASES,
  type PhaseEnv,
  structureKey,
  type WorldState,
  type WorldView,
} from '@parley/core';
import { createActor } from 'xstate';
import { type CompiledProtocol, compileProtocol, linkProtocol, type PhaseTable } from './compile.js';
import { protocolMachine } from './machine.js';
import { protocolRunner } from './runner.js';

export interface RunOptions {
  /** Identifies the scenario in the seed derivation (its content hash). */
  readonly scenarioKey: string;
  readonly seed: number;
  /** Index of the run within a batch; 0 for a single run. */
  readonly run?: number;
  /** Receives every log event; omitted in batch runs. */
  readonly emit?: Emit;
  /** Called with the world at the end of each completed quarter (for fan charts). A run that ends in a treaty stops calling it. */
  readonly onQuarter?: (t: number, world: WorldState) => void;
}

export interface RunResult<W extends WorldView = WorldState> {
  readonly outcome: OutcomeClass;
  /** Quarter index of the treaty, or null. */
  readonly treatyT: number | null;
  readonly world: W;
}

export function phaseEnv(m: Model, opts: RunOptions): PhaseEnv {
  return { m, rng: createStreams(opts.scenarioKey, opts.seed, opts.run ?? 0), emit: opts.emit ?? discard };
}

/** What every runner's context has: the guards' fields and a world with a clock and a treaty. */
type Ended = GuardContext & { readonly world: Pick<WorldState, 't' | 'treaty'> };

function result<W extends WorldView>(ctx: Ended, world: W): RunResult<W> {
  if (ctx.outcome === null) throw new Error('run ended without an outcome');
  return { outcome: ctx.outcome, treatyT: ctx.world.treaty?.t ?? null, world };
}

let compiled: CompiledProtocol | null = null;
/** The protocol statechart compiled once per process. */
export function compiledProtocol(): CompiledProtocol {
  compiled ??= compileProtocol(protocolMachine.config as never);
  return compiled;
}

/**
 * Run the compiled statechart to the end of one run with `phases`, which mutate `ctx` (only
 * this loop owns it), calling `quarter` when a quarter is complete: the linked protocol's
 * generated runner (runner.ts), which steps it exactly as stepLinked does.
 */
function interpret<C extends Ended, E extends PhaseEnv>(
  m: Model,
  ctx: C,
  env: E,
  phases: PhaseTable<C, E>,
  quarter: ((t: number) => void) | undefined,
): void {
  protocolRunner(linkProtocol(compiledProtocol(), phases))(ctx, env, quarter, (m.horizon + 1) * 16);
}

/**
 * One run, interpreted from the compiled statechart, with the phases mutating a
 * context this function alone owns. Every decision is logged with its options;
 * equivalent to simulateReference (tested property-wise).
 */
export function simulate(m: Model, opts: RunOptions): RunResult {
  const env = phaseEnv(m, opts);
  const ctx = initialContext(m, env.rng);
  const onQuarter = opts.onQuarter;
  interpret(m, ctx, env, PHASES, onQuarter && ((t) => onQuarter(t, ctx.world)));
  return result(ctx, ctx.world);
}

export interface FastRunOptions extends Omit<RunOptions, 'onQuarter'> {
  /** Which events `emit` receives (default: every world-changing one); the others are not built. */
  readonly wants?: KernelEvents;
  /** Called at the end of each completed quarter with a live view of the world (read it then; it changes). */
  readonly onQuarter?: (t: number, world: WorldView) => void;
}

const kernels = new WeakMap<Model, Kernel>();
/** Kernels by structure (parameters.ts's structureKey), the most recently used last. */
const byStructure = new Map<string, Kernel>();
const STRUCTURES = 16;

/**
 * The kernel simulateFast runs model m with, bound to m: one kernel per structure, compiled on
 * first use, so models that differ only in their parameters (sweep points, a run's own vector)
 * share it and a switch between them rewrites its numbers, nothing more.
 */
export function kernelFor(m: Model): Kernel {
  let kernel = kernels.get(m);
  if (!kernel) {
    const key = structureKey(m);
    kernel = byStructure.get(key);
    if (kernel) byStructure.delete(key);
    else {
      kernel = new Kernel(m);
      if (byStructure.size >= STRUCTURES) byStructure.delete(byStructure.keys().next().value!);
    }
    byStructure.set(key, kernel);
    kernels.set(m, kernel);
  }
  if (kernel.m !== m) kernel.bind(m);
  return kernel;
}

/**
 * One run for batches: the same statechart interpreted with the batch kernel's phases
 * (core/src/kernel), which give simulate's results bit for bit at a fraction of the cost.
 * Its world is a live view of the kernel's cells: read it before the next run of the same model
 * (`kernelFor(m).unpack()` makes a WorldState). `emit` receives only what changes the world:
 * shocks, meetings, talks, reactions, treaties and the outcome (no offer, response or move events).
 * Runs of one model reuse one kernel.
 */
export function simulateFast(m: Model, opts: FastRunOptions): RunResult<WorldView> {
  const kernel = kernelFor(m);
  const rng = createStreams(opts.scenarioKey, opts.seed, opts.run ?? 0);
  const ctx = kernel.begin(rng.types);
  const onQuarter = opts.onQuarter;
  const view = kernel.view;
  // phaseEnv's fields in a literal, not a spread copy, which is slower to read (docs/performance.md).
  const env = {
    m,
    rng,
    emit: opts.emit ?? discard,
    kernel,
    wants: opts.wants ?? ALL_KERNEL_EVENTS,
  };
  interpret(m, ctx, env, KERNEL_PHASES, onQuarter && quarterHook(onQuarter, view));
  return result(ctx, view);
}

const hooks = new WeakMap<NonNullable<FastRunOptions['onQuarter']>, { view: WorldView; hook: (t: number) => void }>();

/**
 * `onQuarter` with the world's view, made once for a caller's function and view rather than once
 * per run, so the runner's optimized code keeps calling the same function (docs/performance.md).
 */
function quarterHook(onQuarter: NonNullable<FastRunOptions['onQuarter']>, view: WorldView): (t: number) => void {
  let h = hooks.get(onQuarter);
  if (h?.view !== view) {
    h = { view, hook: (t) => onQuarter(t, view) };
    hooks.set(onQuarter, h);
  }
  return h.hook;
}

/** One run through a live xstate actor, each phase producing the next context with immer. */
export function simulateReference(m: Model, opts: RunOptions): RunResult {
  const env = phaseEnv(m, opts);
  const actor = createActor(protocolMachine, { input: { run: initialContext(m, env.rng), env } });
  actor.start();
  const limit = (m.horizon + 1) * 16;
  for (let i = 0; actor.getSnapshot().status !== 'done'; i++) {
    if (i > limit) throw new Error(`run did not end within ${limit} steps`);
    actor.send({ type: 'STEP' });
  }
  const ctx = actor.getSnapshot().context.run;
  actor.stop();
  return result(ctx, ctx.world);
}
