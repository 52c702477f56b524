import type { MoveOption, OfferOption, Response } from '@parley/core';
import { assign, sendParent, setup } from 'xstate';

/**
 * The countries of a live run, each an actor of its own (xstate v5). The protocol asks a country
 * for a decision with a DECIDE event carrying the decision point (its options, as the phase weighs
 * them); the country answers with its answer in its snapshot and a DECIDED event to the protocol.
 * Three kinds: the AI (the policy decides: its answer leaves every choice open), a scripted country
 * (a function of the decision point: a moves file, a transcript, a terminal UI's queue of picks),
 * and a human (its answers come as CHOOSE events from outside, one per decision, queued until asked).
 */

/** A decision point as the phase meets it: what the country chooses among. */
export type Ask =
  | { readonly kind: 'move'; readonly actor: number; readonly options: readonly MoveOption[] }
  | { readonly kind: 'offer' | 'counter'; readonly actor: number; readonly to: number; readonly options: readonly OfferOption[] }
  | {
      readonly kind: 'response';
      readonly actor: number;
      readonly offer: number;
      /** The policy's view of the deal (its own decision, from the run's draw, included). */
      readonly policy: Response;
    };

/**
 * A country's answer: an option's index (a move or an offer), accept or reject (a response), or
 * nothing, which leaves the choice to the policy with the run's own draw.
 */
export interface Answer {
  readonly choice?: number;
  /** For an offer or counter: a package of the model to table outright (core's tabling.ts), not one of the options. */
  readonly table?: number;
  readonly response?: 'accept' | 'reject';
}

/** What a country is. */
export type CountryKind =
  | { readonly kind: 'ai' }
  | { readonly kind: 'scripted'; readonly decide: (ask: Ask) => Answer }
  | { readonly kind: 'human' };

export interface CountryInput {
  readonly actor: number;
  readonly country: CountryKind;
}

export type CountryEvent =
  | { readonly type: 'DECIDE'; readonly ask: Ask }
  | { readonly type: 'CHOOSE'; readonly answer: Answer }
  /** People take over a country the AI played (a class's team that took its seat late): from now on it is human. */
  | { readonly type: 'SEAT' };

/** What a country tells the protocol. */
export interface DecidedEvent {
  readonly type: 'DECIDED';
  readonly actor: number;
  readonly ask: Ask;
  readonly answer: Answer | null;
}

export interface CountryContext {
  readonly actor: number;
  readonly country: CountryKind;
  /** Its answer to the last DECIDE (null: a human asked before choosing). */
  readonly answer: Answer | null;
  /** What a script threw when asked (an illegal scripted move): the protocol throws it in the phase. */
  readonly failure: unknown;
  /** A human's choices not yet asked for, in order. */
  readonly queue: readonly Answer[];
}

const LEAVE_TO_POLICY: Answer = Object.freeze({});

/** A country actor: its answer to each DECIDE in its snapshot (`context.answer`), and a DECIDED event to its parent. */
export const countryMachine = setup({
  types: {
    context: {} as CountryContext,
    input: {} as CountryInput,
    events: {} as CountryEvent,
  },
}).createMachine({
  id: 'country',
  context: ({ input }) => ({ actor: input.actor, country: input.country, answer: null, failure: undefined, queue: [] }),
  on: {
    DECIDE: {
      actions: [
        assign(({ context, event }) => {
          const c = context.country;
          if (c.kind === 'ai') return { answer: LEAVE_TO_POLICY };
          if (c.kind === 'scripted') {
            try {
              return { answer: c.decide(event.ask), failure: undefined };
            } catch (e) {
              return { answer: LEAVE_TO_POLICY, failure: e };
            }
          }
          // Holding still when it is the only move is no decision (decisions.ts offers none): nothing is taken from the queue.
          if (event.ask.kind === 'move' && event.ask.options.length <= 1) return { answer: LEAVE_TO_POLICY };
          const [next, ...rest] = context.queue;
          return { answer: next ?? null, queue: rest };
        }),
        sendParent(
          ({ context, event }): DecidedEvent => ({ type: 'DECIDED', actor: context.actor, ask: event.ask, answer: context.answer }),
        ),
      ],
    },
    CHOOSE: { actions: assign(({ context, event }) => ({ queue: [...context.queue, event.answer] })) },
    SEAT: { actions: assign(() => ({ country: { kind: 'human' } as const })) },
  },
});
