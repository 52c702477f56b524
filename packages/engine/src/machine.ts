import { hasOutcome, hasPendingOffer, offerOnAgenda, PHASES, type PhaseEnv, type PhaseName, type RunContext } from '@parley/core';
import { produce } from 'immer';
import { assign, setup } from 'xstate';

/**
 * The negotiation protocol: one round per quarter, stepped phase by phase with STEP.
 * Entering a state runs its phase (an immer recipe from @parley/core); the guards
 * then choose the next phase. This statechart is the single definition of the
 * protocol: the fast runner compiles this same configuration.
 *
 *   start → shocks → agenda → [offer → response ⟲ counter] → unilateral
 *         → thirdParties → update → outcomeCheck → (done | shocks)
 */

export interface ProtocolContext {
  readonly run: RunContext;
  readonly env: PhaseEnv;
}

/** What a protocol actor starts from: its context. */
export type ProtocolInput = ProtocolContext;

export type ProtocolEvent = { type: 'STEP' };

/** The context update of one phase: the next run context, produced by immer from the phase's recipe. */
const phase =
  (name: PhaseName) =>
  ({ context }: { context: ProtocolContext }): Partial<ProtocolContext> => ({
    run: produce(context.run, (draft) => PHASES[name](draft, context.env)),
  });

/** The guards, by name, as functions of the run context (shared with the fast runner). */
export const GUARDS = { offerOnAgenda, hasPendingOffer, hasOutcome } as const;
export type GuardName = keyof typeof GUARDS;

export const protocolMachine = setup({
  types: {
    context: {} as ProtocolContext,
    input: {} as ProtocolInput,
    events: {} as ProtocolEvent,
  },
  actions: {
    shocks: assign(phase('shocks')),
    agenda: assign(phase('agenda')),
    offer: assign(phase('offer')),
    response: assign(phase('response')),
    unilateral: assign(phase('unilateral')),
    thirdParties: assign(phase('thirdParties')),
    update: assign(phase('update')),
    outcomeCheck: assign(phase('outcomeCheck')),
  },
  guards: {
    offerOnAgenda: ({ context }) => offerOnAgenda(context.run),
    hasPendingOffer: ({ context }) => hasPendingOffer(context.run),
    hasOutcome: ({ context }) => hasOutcome(context.run),
  },
}).createMachine({
  id: 'protocol',
  context: ({ input }) => ({ run: input.run, env: input.env }),
  initial: 'start',
  states: {
    start: { on: { STEP: { target: 'shocks' } } },
    shocks: { entry: 'shocks', on: { STEP: { target: 'agenda' } } },
    agenda: {
      entry: 'agenda',
      on: { STEP: [{ guard: 'offerOnAgenda', target: 'offer' }, { target: 'unilateral' }] },
    },
    offer: {
      entry: 'offer',
      on: { STEP: [{ guard: 'hasPendingOffer', target: 'response' }, { target: 'unilateral' }] },
    },
    response: {
      entry: 'response',
      on: {
        STEP: [{ guard: 'hasPendingOffer', target: 'response', reenter: true }, { target: 'unilateral' }],
      },
    },
    unilateral: { entry: 'unilateral', on: { STEP: { target: 'thirdParties' } } },
    thirdParties: { entry: 'thirdParties', on: { STEP: { target: 'update' } } },
    update: { entry: 'update', on: { STEP: { target: 'outcomeCheck' } } },
    outcomeCheck: {
      entry: 'outcomeCheck',
      always: [{ guard: 'hasOutcome', target: 'done' }],
      on: { STEP: { target: 'shocks' } },
    },
    done: { type: 'final' },
  },
});
