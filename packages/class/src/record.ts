import type { Answer } from '@parley/engine';
import type { PackageSpec } from '@parley/teaching';
import { PackageSpecSchema } from '@parley/teaching';
import { z } from 'zod';

/**
 * A class's game as it is kept on disk after every change (the `.class.json` beside its transcript):
 * everything needed to rebuild the live game exactly after a server restart — the seats and their
 * codes, who plays, the packages composed, every decision in the order it was given, the injects,
 * the messages, and how far the game has gone. The live game is always this record played again
 * (game.ts), so what is on disk is what the class played.
 */

export const CLASS_SCHEMA = 'parley.class/1';

export type ClassStatus = 'lobby' | 'running' | 'paused' | 'ended';

/** One team's decision, as given: by the team, or by the clock (a team that did not decide in time holds still, puts no terms, says no). */
export interface ClassDecision {
  readonly role: string;
  readonly kind: 'move' | 'offer' | 'counter' | 'response';
  readonly answer: Answer;
  readonly by: 'team' | 'clock';
  readonly turn: number;
  /** What was decided, in words, for the instructor's console (not used to play the game again). */
  readonly text?: string;
}

export interface ClassMessage {
  readonly n: number;
  /** A role, or "instructor". */
  readonly from: string;
  /** A role, or "all" (the public channel). */
  readonly to: string;
  readonly text: string;
  readonly turn: number;
}

export interface ClassRecord {
  readonly schema: typeof CLASS_SCHEMA;
  readonly exercise: string;
  readonly scenarioHash: string;
  readonly seed: number;
  readonly instructorCode: string;
  /** Every role of the exercise has a seat and a code; a seat taken when the game starts is played by its team. */
  readonly seats: readonly { readonly role: string; readonly code: string }[];
  status: ClassStatus;
  /** The roles the teams play from the start; the AI plays the others. */
  players: string[];
  /** Roles a team took over after the start, from the start of a turn (the AI played them before). */
  seated: { role: string; turn: number }[];
  packages: PackageSpec[];
  decisions: ClassDecision[];
  injects: { id: string; turn: number }[];
  messages: ClassMessage[];
  /** Roles whose page shows the AI's estimates (off unless the instructor turns them on). */
  hints: string[];
  /** Seconds per turn (null: no clock). */
  turnSeconds: number | null;
  /** Quarters played (the exercise's turns, or more if the instructor extended the game). */
  turns: number;
  /** Protocol steps taken: where the game stands. */
  steps: number;
}

const int = z.int().min(0).max(1_000_000);
const role = z.string().regex(/^[a-z][a-z0-9-]*$/);
const AnswerSchema = z.strictObject({
  choice: int.optional(),
  table: int.optional(),
  response: z.enum(['accept', 'reject']).optional(),
});

/** What a `.class.json` must look like to be resumed (it is checked again by playing it: game.ts). */
export const ClassRecordFile = z.strictObject({
  schema: z.literal(CLASS_SCHEMA),
  exercise: z.string(),
  scenarioHash: z.string().regex(/^[0-9a-f]{64}$/),
  seed: int,
  instructorCode: z.string().min(8).max(64),
  seats: z.array(z.strictObject({ role, code: z.string().min(8).max(64) })).max(64),
  status: z.enum(['lobby', 'running', 'paused', 'ended']),
  players: z.array(role).max(64),
  seated: z
    .array(z.strictObject({ role, turn: int }))
    .max(64)
    .default([]),
  packages: z.array(PackageSpecSchema).max(1000),
  decisions: z
    .array(
      z.strictObject({
        role,
        kind: z.enum(['move', 'offer', 'counter', 'response']),
        answer: AnswerSchema,
        by: z.enum(['team', 'clock']),
        turn: int,
        text: z.string().max(2000).optional(),
      }),
    )
    .max(100_000),
  injects: z.array(z.strictObject({ id: z.string().max(100), turn: int })).max(1000),
  messages: z
    .array(z.strictObject({ n: int, from: z.string().max(100), to: z.string().max(100), text: z.string().max(2000), turn: int }))
    .max(100_000),
  hints: z.array(role).max(64),
  turnSeconds: z.int().min(10).max(3600).nullable(),
  turns: z.int().min(1).max(400),
  steps: int,
});
