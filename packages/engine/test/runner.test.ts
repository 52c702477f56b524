import { PHASES, type PhaseName } from '@parley/core';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compileProtocol, type LinkedProtocol, linkProtocol, type PhaseTable } from '../src/compile.js';
import { protocolMachine } from '../src/machine.js';
import { protocolRunner } from '../src/runner.js';

// A context with the guards' fields and a clock, and phases that log their name and set the
// guards' fields from a script of draws: any statechart the compiler accepts, stepped both ways.
interface Ctx {
  meeting: { offersOnAgenda: boolean } | null;
  pending: object | null;
  outcome: string | null;
  world: { t: number };
}
interface Env {
  readonly m: never;
  readonly rng: never;
  readonly emit: never;
  readonly log: string[];
  readonly next: () => number;
}

const NAMES = Object.keys(PHASES) as PhaseName[];
const scripted = Object.fromEntries(
  NAMES.map((name) => [
    name,
    (ctx: Ctx, env: Env) => {
      env.log.push(name);
      const b = env.next();
      ctx.pending = b & 1 ? {} : null;
      ctx.meeting = b & 2 ? { offersOnAgenda: (b & 16) !== 0 } : null;
      ctx.outcome = b & 4 ? 'over' : null;
      if (b & 8) ctx.world.t++;
    },
  ]),
) as unknown as PhaseTable<Ctx & never, Env & never>;

const fresh = (): Ctx => ({ meeting: null, pending: null, outcome: null, world: { t: 0 } });
const envOf = (script: readonly number[], log: string[]): Env => {
  let k = 0;
  return { log, next: () => script[k++ % script.length]!, m: undefined as never, rng: undefined as never, emit: undefined as never };
};

/**
 * One STEP to the linked protocol in state `from`, mutating ctx: its first enabled transition with
 * its entry phases, then eventless transitions. The oracle the generated runner is held to (the
 * statechart's semantics, written as plainly as possible; no product code steps this way).
 */
function stepLinked(lp: LinkedProtocol<never, never>, from: number, ctx: never, env: never): number {
  type T = LinkedProtocol<never, never>['states'][number]['step'][number];
  const first = (ts: readonly T[]): T | undefined => ts.find((t) => t.guard === null || t.guard(ctx));
  const take = (t: T): number => {
    for (const phase of t.entry) phase(ctx, env);
    return t.target;
  };
  const st = lp.states[from]!;
  if (st.final) return from;
  const t = first(st.step);
  if (!t) return from;
  let current = take(t);
  for (;;) {
    const a = first(lp.states[current]!.always);
    if (!a) return current;
    current = take(a);
  }
}

/** The reference: stepLinked from the initial state until a final state, as run.ts's loop did before the runner. */
function stepwise(lp: ReturnType<typeof linkProtocol<Ctx & never, Env & never>>, ctx: Ctx, env: Env, limit: number): void {
  let s = lp.initial;
  let steps = 0;
  let t = ctx.world.t;
  while (!lp.states[s]!.final) {
    s = stepLinked(lp as never, s, ctx as never, env as never);
    if (ctx.world.t !== t) {
      env.log.push(`quarter ${t}`);
      t = ctx.world.t;
    }
    if (++steps > limit) throw new Error(`run did not end within ${limit} steps`);
  }
}

function both(config: object, script: readonly number[], limit: number): void {
  const lp = linkProtocol(compileProtocol(config as never), scripted);
  const a = { log: [] as string[], ctx: fresh(), error: '' };
  const b = { log: [] as string[], ctx: fresh(), error: '' };
  try {
    stepwise(lp, a.ctx, envOf(script, a.log), limit);
  } catch (e) {
    a.error = (e as Error).message;
  }
  try {
    const envB = envOf(script, b.log);
    protocolRunner(lp)(b.ctx as never, envB as never, (t) => b.log.push(`quarter ${t}`), limit);
  } catch (e) {
    b.error = (e as Error).message;
  }
  expect(b).toEqual(a);
}

const GUARD = fc.constantFrom(undefined, 'offerOnAgenda', 'hasPendingOffer', 'hasOutcome');
const statechart = fc.integer({ min: 1, max: 5 }).chain((n) => {
  const names = Array.from({ length: n }, (_, k) => `s${k}`);
  const transition = (targets: string[]) =>
    fc
      .record({ target: fc.constantFrom(...targets), guard: GUARD, reenter: fc.boolean() })
      .map((t) => Object.fromEntries(Object.entries(t).filter(([, v]) => v !== undefined)));
  // Eventless transitions only lead forward, so they cannot loop without a STEP (which neither runner could end).
  const state = (k: number) =>
    fc.record({
      entry: fc.subarray(NAMES, { maxLength: 2 }),
      on: fc.record({ STEP: fc.array(transition([...names, 'end']), { maxLength: 3 }) }),
      always: fc.array(
        transition([...names.slice(k + 1), 'end']).map(({ reenter: _, ...t }) => t),
        { maxLength: 2 },
      ),
    });
  return fc.tuple(...names.map((_, k) => state(k))).map((states) => ({
    initial: 's0',
    states: { ...Object.fromEntries(states.map((st, k) => [names[k], st])), end: { type: 'final' } },
  }));
});

describe('protocolRunner', () => {
  it('runs the protocol statechart exactly as stepping it with stepLinked does', () => {
    fc.assert(
      fc.property(fc.array(fc.nat({ max: 31 }), { minLength: 1, maxLength: 40 }), (script) => {
        // The protocol ends on an outcome: make the script give one eventually.
        both(protocolMachine.config, [...script, 4 | 8], 400);
      }),
      { numRuns: 200 },
    );
  });

  it('runs any statechart the compiler accepts exactly as stepLinked, including ones that never end', () => {
    fc.assert(
      fc.property(statechart, fc.array(fc.nat({ max: 31 }), { minLength: 1, maxLength: 20 }), (config, script) => {
        both(config, script, 60);
      }),
      { numRuns: 400 },
    );
  });
});
