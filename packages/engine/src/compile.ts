import { type GuardContext, PHASES, type PhaseEnv, type PhaseName, type RunContext } from '@parley/core';
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

/** The phases a compiled protocol runs, by name: phases.ts's own, or the batch kernel's. */
export type PhaseTable<C extends GuardContext, E extends PhaseEnv> = { readonly [K in PhaseName]: (ctx: C, env: E) => void };

interface LinkedTransition<C, E> {
  readonly guard: ((ctx: GuardContext) => boolean) | null;
  readonly target: number;
  /** The target's entry phases, or none for a non-reentering self-transition. */
  readonly entry: readonly ((ctx: C, env: E) => void)[];
}

interface LinkedState<C, E> {
  readonly step: readonly LinkedTransition<C, E>[];
  readonly always: readonly LinkedTransition<C, E>[];
  readonly final: boolean;
}

/**
 * A compiled protocol with its states numbered and its guards and phases resolved to functions,
 * once per phase table: stepping it (stepLinked, for a session stepped from outside) looks nothing
 * up by name, and runner.ts generates the function whole runs go through from it.
 */
export interface LinkedProtocol<C, E> {
  readonly initial: number;
  readonly states: readonly LinkedState<C, E>[];
  readonly names: readonly string[];
  readonly index: Readonly<Record<string, number>>;
}

const linked = new WeakMap<CompiledProtocol, WeakMap<object, LinkedProtocol<never, never>>>();

export function linkProtocol<C extends GuardContext, E extends PhaseEnv>(
  p: CompiledProtocol,
  phases: PhaseTable<C, E>,
): LinkedProtocol<C, E> {
  let byTable = linked.get(p);
  if (!byTable) {
    byTable = new WeakMap();
    linked.set(p, byTable);
  }
  const hit = byTable.get(phases);
  if (hit) return hit as unknown as LinkedProtocol<C, E>;
  const names = Object.keys(p.states);
  const index = Object.fromEntries(names.map((name, k) => [name, k]));
  const link = (ts: readonly CompiledTransition[]): LinkedTransition<C, E>[] =>
    ts.map((t) => ({
      guard: t.guard === null ? null : GUARDS[t.guard],
      target: index[t.target]!,
      entry: t.runsEntry ? p.states[t.target]!.entry.map((a) => phases[a]) : [],
    }));
  const out: LinkedProtocol<C, E> = {
    initial: index[p.initial]!,
    states: names.map((name) => {
      const st = p.states[name]!;
      return { step: link(st.step), always: link(st.always), final: st.final };
    }),
    names,
    index,
  };
  byTable.set(phases, out as unknown as LinkedProtocol<never, never>);
  return out;
}

function firstEnabled<C extends GuardContext, E>(ts: readonly LinkedTransition<C, E>[], ctx: C): LinkedTransition<C, E> | null {
  for (let k = 0; k < ts.length; k++) {
    const t = ts[k]!;
    if (t.guard === null || t.guard(ctx)) return t;
  }
  return null;
}

/** The state the next STEP from `from` would enter (its phases not yet run), or `from` when none is enabled. */
export function peekCompiled(p: CompiledProtocol, from: string, ctx: RunContext): string {
  const lp = linkProtocol(p, PHASES);
  const st = lp.states[lp.index[from]!]!;
  const t = st.final ? null : firstEnabled(st.step, ctx);
  return t === null ? from : lp.names[t.target]!;
}
