import { type Chooser, fireEvent, type GuardContext, PHASES, type PhaseEnv, type PhaseName, type RunContext } from '@parley/core';
import { type ActorRefFrom, setup } from 'xstate';
import type { CompiledProtocol, CompiledTransition } from './compile.js';
import { type Answer, type Ask, type CountryKind, countryMachine, type DecidedEvent } from './countries.js';
import { GUARDS, type GuardName } from './machine.js';

/**
 * A live run: the protocol statechart as a live xstate actor, with a country actor for each actor of
 * the model (countries.ts). The statechart is the one definition (machine.ts), compiled to a table
 * (compile.ts); here each transition of that table runs its target's phases as actions, so the
 * actor can also start in any state (a fork of a run, or a run resumed) without running a phase
 * twice. A phase that meets a decision asks the country with a DECIDE event and takes its answer;
 * an answer that leaves the choice open lets the policy decide with the run's own draw, so a live
 * run of AI countries is the compiled run, draw for draw (test/live.test.ts).
 *
 * Each phase is an immer recipe (core/src/phases.ts), applied to the run the actor owns (the
 * recipe mutating its own context, as a draft would be): producing a new snapshot per phase cost
 * 3.4× the time, and nobody keeps a run's old snapshots (docs/performance.md).
 */

export interface LiveInput {
  readonly run: RunContext;
  /** The run's environment: model, streams, emit (choices come from the countries). */
  readonly env: PhaseEnv;
  readonly countries: readonly CountryKind[];
  /** The protocol state to start in (default: the statechart's initial state). */
  readonly at?: string;
}

export type LiveEvent =
  | { readonly type: 'STEP' }
  /** An instructor's inject: event k happens now, between phases. */
  | { readonly type: 'FIRE'; readonly event: number }
  | DecidedEvent;

interface LiveContext {
  readonly run: RunContext;
  readonly env: PhaseEnv;
  readonly at: string;
  readonly countries: readonly ActorRefFrom<typeof countryMachine>[];
}

/** A human country asked for a decision before it chose: the run cannot go on until it does. */
export class NotChosenYet extends Error {
  constructor(readonly actor: number) {
    super(`country ${actor} has not chosen yet`);
    this.name = 'NotChosenYet';
  }
}

/** The phases' chooser: each decision asked of the country's actor, its answer taken at once. */
function askCountries(countries: () => readonly ActorRefFrom<typeof countryMachine>[]): Chooser {
  const ask = (ask: Ask): Answer => {
    const ref = countries()[ask.actor]!;
    ref.send({ type: 'DECIDE', ask });
    const { answer, failure } = ref.getSnapshot().context;
    if (failure !== undefined) throw failure;
    if (answer === null) throw new NotChosenYet(ask.actor);
    return answer;
  };
  return {
    move: (actor, options) => ask({ kind: 'move', actor, options }).choice,
    offer: (actor, to, options, counter) => {
      const a = ask({ kind: counter ? 'counter' : 'offer', actor, to, options });
      return a.table !== undefined ? { table: a.table } : a.choice;
    },
    response: (actor, offer, policy) => ask({ kind: 'response', actor, offer, policy }).response,
  };
}

const phaseActions = (names: readonly PhaseName[]): string[] => names.map((n) => `phase:${n}`);

/** The statechart's table as an xstate configuration: a transition runs its target's phases (unless it stays put without reentering). */
function liveConfig(p: CompiledProtocol): { readonly initial: string; readonly states: Record<string, unknown> } {
  const transition = (t: CompiledTransition) => ({
    target: t.target,
    ...(t.guard === null ? {} : { guard: t.guard }),
    actions: t.runsEntry ? phaseActions(p.states[t.target]!.entry) : [],
  });
  const states: Record<string, unknown> = {
    // Where the run starts: the initial state's phases run, or (resuming) none.
    boot: {
      always: [
        ...Object.keys(p.states).map((name) => ({ guard: `at:${name}`, target: name })),
        { target: p.initial, actions: phaseActions(p.states[p.initial]!.entry) },
      ],
    },
  };
  for (const [name, st] of Object.entries(p.states)) {
    states[name] = st.final
      ? { type: 'final' }
      : {
          on: { STEP: st.step.map(transition) },
          ...(st.always.length === 0 ? {} : { always: st.always.map(transition) }),
        };
  }
  return { initial: 'boot', states };
}

/** The live-run machine for the compiled protocol `p` (made once per process: live.ts's liveMachine). */
export function liveMachineFor(p: CompiledProtocol) {
  const at = Object.fromEntries(
    Object.keys(p.states).map((name) => [`at:${name}`, ({ context }: { context: LiveContext }) => context.at === name]),
  );
  const guards = Object.fromEntries(
    (Object.keys(GUARDS) as GuardName[]).map((g) => [g, ({ context }: { context: LiveContext }) => GUARDS[g](context.run as GuardContext)]),
  );
  const actions = Object.fromEntries(
    (Object.keys(PHASES) as PhaseName[]).map((n) => [
      `phase:${n}`,
      ({ context }: { context: LiveContext }) => PHASES[n](context.run, context.env),
    ]),
  );
  return setup({
    types: { context: {} as LiveContext, input: {} as LiveInput, events: {} as LiveEvent },
    actors: { country: countryMachine },
    guards: { ...guards, ...at },
    actions,
  }).createMachine({
    id: 'live-run',
    initial: 'boot',
    // The states are made from the statechart's table: xstate cannot check their action and guard names statically.
    states: liveConfig(p).states as never,
    context: ({ input, spawn }) => {
      const countries = input.countries.map((country, actor) => spawn('country', { id: `country-${actor}`, input: { actor, country } }));
      return {
        run: input.run,
        env: { ...input.env, choose: askCountries(() => countries) },
        at: input.at ?? '',
        countries,
      };
    },
    on: {
      FIRE: { actions: ({ context, event }) => fireEvent(context.run, context.env, event.event) },
      // What a country decided reaches the protocol as an event (for inspection); its answer was taken when asked.
      DECIDED: {},
    },
  });
}
