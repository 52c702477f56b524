import type { DimensionTerm, LogEvent, MoveOption, OfferOption } from '@parley/core';
import type { PackageSpec } from './packages.js';

export const TRANSCRIPT_SCHEMA = 'parley.transcript/1';

/** One decision of a played role: what it could do, what it did, who decided, and how the AI saw it. */
export interface DecisionRecord {
  readonly turn: number;
  readonly quarter: string;
  readonly role: string;
  readonly kind: 'move' | 'offer' | 'counter' | 'response';
  /** Who chose: the student (or script), or the AI playing the role. */
  readonly by: 'player' | 'ai';
  readonly options: readonly MoveOption[] | readonly OfferOption[] | readonly ('accept' | 'reject')[];
  /** The chosen option: an index into options, or −1 for a package tabled outright (`table`). */
  readonly chosen: number;
  /** A package the players tabled outright (their own proposal): its index in the game's offers. */
  readonly table?: number;
  /** The chosen option's id (a move or offer id, "hold still", "only talk", "accept", "reject"). */
  readonly choice: string;
  /** The state of the world when it decided: whether talks were on, and the key measures (trust, sanctions, militarisation, energy ties, joint activity). */
  readonly state: { readonly talksActive: boolean; readonly measures: Readonly<Record<string, number>> };
  /** The role's utility, dimension by dimension, when it decided: the AI's reasoning rests on it. */
  readonly utility: readonly DimensionTerm[];
  /** For responses: what the deal was worth, the walk-away value, the AI's chance of accepting. */
  readonly response?: { readonly dealUtility: number; readonly walkAway: number; readonly probability: number };
}

export interface Transcript {
  readonly schema: typeof TRANSCRIPT_SCHEMA;
  readonly exercise: { readonly id: string; readonly title: string; readonly file: string };
  readonly scenario: { readonly id: string; readonly hash: string };
  readonly seed: number;
  /** Roles played by people (or scripts); the AI played the rest. */
  readonly players: readonly string[];
  readonly mode: 'auto' | 'moves' | 'interactive';
  readonly decisions: readonly DecisionRecord[];
  /** Instructor injects fired during play, by turn (scheduled ones are in the log). */
  readonly injects: readonly { readonly id: string; readonly turn: number }[];
  readonly log: readonly LogEvent[];
  /** Packages the players composed, appended to the scenario's offers in this order (a class's game). */
  readonly packages?: readonly PackageSpec[];
  /** Quarters played when the instructor extended the game beyond the exercise's turns. */
  readonly turns?: number;
  /** Set when the game was ended before its last turn: the turn it stopped in and the protocol steps taken. */
  readonly ended?: { readonly turn: number; readonly steps: number };
  /** The outcome class, or "unfinished" for a game ended early. */
  readonly outcome: string;
  readonly treatyQuarter: string | null;
  /** Each role's final utility and score. */
  readonly results: readonly { readonly role: string; readonly utility: number; readonly score: number }[];
  /** sha256 of the rest, set when the transcript is written (files.ts's sealed): an edited file is refused. */
  readonly checksum?: string;
}
