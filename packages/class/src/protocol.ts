import { PackageSpecSchema } from '@parley/teaching';
import { z } from 'zod';

/**
 * The messages a page may send over the class's WebSocket, checked before anything reads them: a
 * malformed or hostile message gets an error back, never a crash. The first message of a
 * connection joins a seat with its code; what it may do after depends on the seat.
 */

const id = z
  .string()
  .regex(/^[a-z][a-z0-9-]*$/)
  .max(100);
const index = z.int().min(0).max(10_000);

const Decision = z.union([
  z.strictObject({ kind: z.literal('move'), choice: index }),
  z.strictObject({ kind: z.literal('offer'), choice: index }),
  z.strictObject({ kind: z.literal('offer'), package: PackageSpecSchema }),
  z.strictObject({ kind: z.literal('response'), response: z.literal('accept') }),
  z.strictObject({
    kind: z.literal('response'),
    response: z.literal('reject'),
    counter: z.union([z.strictObject({ choice: index }), z.strictObject({ package: PackageSpecSchema })]).optional(),
  }),
]);

const Message = z.strictObject({ type: z.literal('message'), to: z.union([id, z.literal('all')]), text: z.string().max(1000) });

export const JoinMessage = z.strictObject({ type: z.literal('join'), code: z.string().min(1).max(64) });

export const TeamMessage = z.discriminatedUnion('type', [
  z.strictObject({ type: z.literal('decide'), key: z.string().max(40), decision: Decision }),
  z.strictObject({ type: z.literal('check'), package: PackageSpecSchema }),
  Message,
]);

export const InstructorMessage = z.discriminatedUnion('type', [
  z.strictObject({ type: z.literal('start') }),
  z.strictObject({ type: z.literal('pause') }),
  z.strictObject({ type: z.literal('resume') }),
  z.strictObject({ type: z.literal('end') }),
  z.strictObject({ type: z.literal('extend'), turns: z.int().min(1).max(8) }),
  z.strictObject({ type: z.literal('inject'), id }),
  z.strictObject({ type: z.literal('hints'), role: id, on: z.boolean() }),
  /** A team that joined after the start takes over its country from the next turn. */
  z.strictObject({ type: z.literal('seat'), role: id }),
  z.strictObject({ type: z.literal('clock'), seconds: z.int().min(10).max(3600).nullable() }),
  /** Take the open decisions now, as the clock would. */
  z.strictObject({ type: z.literal('close-round') }),
  Message,
]);

export type TeamMessage = z.infer<typeof TeamMessage>;
export type InstructorMessage = z.infer<typeof InstructorMessage>;

/** The first problem with a message, in one line. */
export function problem(e: z.ZodError): string {
  const i = e.issues[0]!;
  const path = i.path.length > 0 ? `${i.path.join('.')}: ` : '';
  return `not a message this page may send (${path}${i.message})`;
}
