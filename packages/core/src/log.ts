import type { OutcomeClass } from './model.js';
import type { Decision, MoveOption, OfferOption } from './policy.js';

/** What happened, as structured records: the transcript is narrated from these. */
export type LogEvent =
  | { readonly type: 'shock'; readonly t: number; readonly event: number }
  | {
      readonly type: 'meeting';
      readonly t: number;
      /** The summit event that brought the leaders together, or null for a routine meeting. */
      readonly summit: number | null;
      readonly proposer: number;
      readonly responder: number;
      readonly offersOnAgenda: boolean;
    }
  | { readonly type: 'meeting-cancelled'; readonly t: number; readonly summit: number }
  | {
      readonly type: 'offer';
      readonly t: number;
      readonly by: number;
      readonly to: number;
      /** Offer index, or null when the proposer only talked. */
      readonly offer: number | null;
      readonly counter: boolean;
      readonly options: readonly OfferOption[];
    }
  | {
      readonly type: 'response';
      readonly t: number;
      readonly by: number;
      readonly offer: number;
      readonly decision: Decision;
      readonly dealUtility: number;
      readonly walkAway: number;
      /** The policy's probability of accepting (what the AI would have done). */
      readonly probability: number;
      /** Set when a person answered instead of the policy (a player in an exercise). */
      readonly player?: true;
    }
  | { readonly type: 'treaty'; readonly t: number; readonly offer: number }
  | {
      readonly type: 'move';
      readonly t: number;
      readonly actor: number;
      readonly move: number;
      readonly thirdParty: boolean;
      readonly options: readonly MoveOption[];
    }
  | { readonly type: 'reaction'; readonly t: number; readonly reaction: number }
  | { readonly type: 'talks'; readonly t: number; readonly active: boolean }
  | { readonly type: 'outcome'; readonly t: number; readonly outcome: OutcomeClass };

/** Where phases report what happened. Batch runs pass a sink that keeps little or nothing. */
export type Emit = (e: LogEvent) => void;
export const discard: Emit = () => {};
