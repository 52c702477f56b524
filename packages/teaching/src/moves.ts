import type { Model } from '@parley/core';
import { type LoadedExercise, locateInFile, parseYamlFile, pathString, ScenarioError, type ScenarioIssue } from '@parley/scenario';
import { z } from 'zod';
import type { Decider } from './play.js';

/**
 * A moves file: for each played role, its decisions by turn. A decision not listed is
 * left to the AI. `move` names a move id or "hold still"; `offer` an offer id or "only
 * talk" (also used for a counter-offer); `response` is accept or reject.
 *
 *   japan:
 *     - { turn: 1, move: japan-invest }
 *     - { turn: 3, offer: two-islands-1956 }
 *     - { turn: 4, response: reject, offer: only talk }
 */
const Entry = z.strictObject({
  turn: z.int().min(1),
  move: z.string().min(1).optional(),
  offer: z.string().min(1).optional(),
  response: z.enum(['accept', 'reject']).optional(),
});
export const MovesFile = z.record(z.string(), z.array(Entry));
export type Moves = z.infer<typeof MovesFile>;

/** An illegal scripted decision: names the turn and what was legal. */
export class IllegalMove extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'IllegalMove';
  }
}

export function loadMoves(file: string, text: string, ex: LoadedExercise, players: readonly string[]): Moves {
  const src = parseYamlFile(text, file);
  const parsed = MovesFile.safeParse(src.raw);
  const issues: ScenarioIssue[] = [];
  if (!parsed.success) {
    for (const i of parsed.error.issues) {
      const path = i.path as (string | number)[];
      issues.push({ ...locateInFile(src, path), path: pathString(path), message: i.message });
    }
    throw new ScenarioError(issues);
  }
  const m: Model = ex.scenario.model;
  for (const [role, entries] of Object.entries(parsed.data)) {
    if (!players.includes(role))
      issues.push({ ...locateInFile(src, [role]), path: role, message: `"${role}" is not a played role (played: ${players.join(', ')})` });
    entries.forEach((e, k) => {
      const at = (field: string) => ({ ...locateInFile(src, [role, k, field]), path: `${role}[${k}].${field}` });
      if (e.move && e.move !== 'hold still' && !m.moves.some((mv) => mv.id === e.move))
        issues.push({ ...at('move'), message: `unknown move "${e.move}"` });
      if (e.offer && e.offer !== 'only talk' && !m.offers.some((o) => o.id === e.offer))
        issues.push({ ...at('offer'), message: `unknown offer "${e.offer}"` });
      if (e.turn > ex.data.turns) issues.push({ ...at('turn'), message: `the exercise has ${ex.data.turns} turns` });
    });
  }
  if (issues.length > 0) throw new ScenarioError(issues);
  return parsed.data;
}

/** Play the scripted decisions; refuse, naming the turn and the legal options, a move that is not legal then. */
export function scriptedDecider(moves: Moves, m: Model): Decider {
  const find = (role: string, turn: number, field: 'move' | 'offer' | 'response') =>
    moves[role]?.find((e) => e.turn === turn && e[field] !== undefined)?.[field];
  return {
    move(role, turn, options) {
      const want = find(role, turn, 'move');
      if (want === undefined) return undefined;
      const k = options.findIndex((o) => (o.move === null ? 'hold still' : m.moves[o.move]!.id) === want);
      if (k < 0)
        throw new IllegalMove(
          `turn ${turn}: ${role} cannot play "${want}" now; legal moves: ${options.map((o) => (o.move === null ? 'hold still' : m.moves[o.move]!.id)).join(', ')}`,
        );
      return k;
    },
    offer(role, turn, options) {
      const want = find(role, turn, 'offer');
      if (want === undefined) return undefined;
      const k = options.findIndex((o) => (o.offer === null ? 'only talk' : m.offers[o.offer]!.id) === want);
      if (k < 0)
        throw new IllegalMove(
          `turn ${turn}: ${role} cannot offer "${want}" now; it may offer: ${options.map((o) => (o.offer === null ? 'only talk' : m.offers[o.offer]!.id)).join(', ')}`,
        );
      return k;
    },
    response(role, turn) {
      return moves[role]?.find((e) => e.turn === turn && e.response !== undefined)?.response;
    },
  };
}
