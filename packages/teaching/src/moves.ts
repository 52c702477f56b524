import type { Model } from '@parley/core';
import {
  checkText,
  diagnose,
  type LoadedExercise,
  locateInFile,
  parseYamlFile,
  pathString,
  ScenarioError,
  type ScenarioIssue,
} from '@parley/scenario';
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
  const report = (path: readonly (string | number)[], message: string): void => {
    issues.push({ ...locateInFile(src, path), path: pathString(path), message });
  };
  for (const t of checkText(src.raw)) report(t.path, t.message);
  if (!parsed.success)
    for (const d of diagnose(MovesFile, src.raw, parsed.error.issues)) report(d.key ? [...d.path, d.key] : d.path, d.message);
  if (issues.length > 0) throw new ScenarioError(issues);
  if (!parsed.success) throw new ScenarioError(issues);
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
  /** The index of the scripted choice among the legal ones (by id), undefined when none is scripted. */
  const choose = (
    role: string,
    turn: number,
    field: 'move' | 'offer',
    ids: readonly string[],
    verb: string,
    legal: string,
  ): number | undefined => {
    const want = find(role, turn, field);
    if (want === undefined) return undefined;
    const k = ids.indexOf(want);
    if (k < 0) throw new IllegalMove(`turn ${turn}: ${role} cannot ${verb} "${want}" now; ${legal}: ${ids.join(', ')}`);
    return k;
  };
  return {
    move: (role, turn, options) =>
      choose(
        role,
        turn,
        'move',
        options.map((o) => (o.move === null ? 'hold still' : m.moves[o.move]!.id)),
        'play',
        'legal moves',
      ),
    offer: (role, turn, options) =>
      choose(
        role,
        turn,
        'offer',
        options.map((o) => (o.offer === null ? 'only talk' : m.offers[o.offer]!.id)),
        'offer',
        'it may offer',
      ),
    response: (role, turn) => moves[role]?.find((e) => e.turn === turn && e.response !== undefined)?.response,
  };
}
