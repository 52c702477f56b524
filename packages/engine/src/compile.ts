import { PHASES, type PhaseEnv, type PhaseName, type RunContext } from '@parley/core';
import { GUARDS, type GuardName } from './machine.js';

/**
 * Compile the protocol statechart's configuration into a transition table that a
 * plain loop can interpret, so batch runs avoid the actor runtime's per-event cost
 * while the statechart stays the one definition of the protocol. Only the features
 * the protocol uses are understood (flat states; entry actions; guarded STEP and
 * eventless transitions; reenter; final states); anything else is refused, so the
 * two interpretations cannot silently diverge.
 */

export interface CompiledTransition {
  readonly guard: GuardName | null;
  readonly target: string;
  /** Whether taking it runs the target's entry phases (false for a non-reentering self-transition). */
  readonly runsEntry: boolean;
}

export interface CompiledState {
  readonly entry: readonly PhaseName[];
  readonly step: readonly CompiledTransition[];
  readonly always: readonly CompiledTransition[];
  readonly final: boolean;
}

export interface CompiledProtocol {
  readonly initial: string;
  readonly states: Readonly<Record<string, CompiledState>>;
}

type Raw = Record<string, unknown>;
const STATE_KEYS = new Set(['entry', 'on', 'always', 'type']);
const TRANSITION_KEYS = new Set(['target', 'guard', 'reenter']);

function fail(where: string, what: string): never {
  throw new Error(`compileProtocol: ${where}: ${what} is not supported by the compiled runner`);
}

const asList = <T>(x: T | readonly T[] | undefined): readonly T[] => (x === undefined ? [] : Array.isArray(x) ? x : [x as T]);

function transitions(raw: unknown, from: string, states: Raw): CompiledTransition[] {
  return asList(raw as Raw | string | (Raw | string)[] | undefined).map((entry) => {
    const t: Raw = typeof entry === 'string' ? { target: entry } : (entry as Raw);
    for (const k of Object.keys(t)) if (!TRANSITION_KEYS.has(k)) fail(from, `transition key "${k}"`);
    const target = t.target;
    if (typeof target !== 'string' || !(target in states)) fail(from, `target ${String(target)}`);
    const guard = t.guard ?? null;
    if (guard !== null && (typeof guard !== 'string' || !(guard in GUARDS))) fail(from, `guard ${String(guard)}`);
    return { guard: guard as GuardName | null, target, runsEntry: target !== from || t.reenter === true };
  });
}

export function compileProtocol(config: { initial?: unknown; states?: unknown }): CompiledProtocol {
  const states = (config.states ?? {}) as Raw;
  if (typeof config.initial !== 'string' || !(config.initial in states)) fail('root', 'initial state');
  const out: Record<string, CompiledState> = {};
  for (const [name, rawState] of Object.entries(states)) {
    const st = rawState as Raw;
    for (const k of Object.keys(st)) if (!STATE_KEYS.has(k)) fail(name, `state key "${k}"`);
    const entry = asList(st.entry as string | string[] | undefined).map((a) => {
      if (typeof a !== 'string' || !(a in PHASES)) fail(name, `entry action ${String(a)}`);
      return a as PhaseName;
    });
    const on = (st.on ?? {}) as Raw;
    for (const ev of Object.keys(on)) if (ev !== 'STEP') fail(name, `event ${ev}`);
    if (st.type !== undefined && st.type !== 'final') fail(name, `state type ${String(st.type)}`);
    out[name] = {
      entry,
      step: transitions(on.STEP, name, states),
      always: transitions(st.always, name, states),
      final: st.type === 'final',
    };
  }
  return { initial: config.initial as string, states: out };
}

function enabled(ts: readonly CompiledTransition[], ctx: RunContext): CompiledTransition | null {
  for (const t of ts) if (t.guard === null || GUARDS[t.guard](ctx)) return t;
  return null;
}

function enter(p: CompiledProtocol, t: CompiledTransition, ctx: RunContext, env: PhaseEnv): string {
  if (t.runsEntry) for (const a of p.states[t.target]!.entry) PHASES[a](ctx, env);
  return t.target;
}

/**
 * Deliver one STEP to the compiled protocol in state `from`, mutating `ctx` (which
 * the caller owns) exactly as the statechart's actions would produce it.
 * Returns the state reached after eventless transitions.
 */
export function stepCompiled(p: CompiledProtocol, from: string, ctx: RunContext, env: PhaseEnv): string {
  const st = p.states[from]!;
  if (st.final) return from;
  const t = enabled(st.step, ctx);
  if (!t) return from;
  let current = enter(p, t, ctx, env);
  for (;;) {
    const a = enabled(p.states[current]!.always, ctx);
    if (!a) return current;
    current = enter(p, a, ctx, env);
  }
}

/** The state the next STEP from `from` would enter (its phases not yet run), or `from` when none is enabled. */
export function peekCompiled(p: CompiledProtocol, from: string, ctx: RunContext): string {
  const st = p.states[from]!;
  return st.final ? from : (enabled(st.step, ctx)?.target ?? from);
}
