import type { Model } from '@parley/core';
import type { Answer, DecisionPoint } from '@parley/engine';
import type { Decider } from '@parley/teaching';
import type { ClassDecision } from './record.js';

/** A class's decisions as words for the console, and as answers for a transcript's replay. */

/** A decision in words, for the instructor's console: the option's label, the package tabled, or the answer. */
export function decisionText(m: Model, point: DecisionPoint, kind: ClassDecision['kind'], a: Answer): string {
  if (a.response) return a.response === 'accept' ? 'accepts the offer' : 'rejects the offer';
  if (a.table !== undefined) return `${kind === 'counter' ? 'counters with' : 'tables'} its own package: ${m.offers[a.table]!.label}`;
  const k = a.choice ?? 0;
  if (point.kind === 'move') {
    const mv = point.options[k]?.move ?? null;
    return mv === null ? 'holds still' : `moves: ${m.moves[mv]!.label}`;
  }
  const options = point.kind === 'response' ? (point.counters ?? []) : point.options;
  const o = options[k]?.offer ?? null;
  return o === null
    ? kind === 'counter'
      ? 'makes no counter-offer'
      : 'only talks'
    : `${kind === 'counter' ? 'counters with' : 'offers'}: ${m.offers[o]!.label}`;
}

/**
 * Answers a transcript's replay with the class's decisions, role by role and kind by kind, in order;
 * a role seated late is the AI's until its turn.
 */
export function classDecider(decisions: readonly ClassDecision[], seated: readonly { role: string; turn: number }[]): Decider {
  const left = [...decisions];
  const take = (role: string, turn: number, kind: ClassDecision['kind']): Answer | undefined => {
    const from = seated.find((x) => x.role === role)?.turn ?? 1;
    if (turn < from) return undefined;
    const k = left.findIndex((d) => d.role === role && d.kind === kind);
    return k < 0 ? undefined : left.splice(k, 1)[0]!.answer;
  };
  return {
    move: (role, turn) => take(role, turn, 'move')?.choice,
    offer: (role, turn, _options, counter) => {
      const a = take(role, turn, counter ? 'counter' : 'offer');
      return a?.table !== undefined ? { table: a.table } : a?.choice;
    },
    response: (role, turn) => take(role, turn, 'response')?.response,
  };
}
