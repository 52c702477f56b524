import { type LogEvent, type OutcomeClass, quarterLabel } from '@parley/core';
import { describeEffect, outcomeLabel } from '@parley/engine';
import type { LoadedExercise } from '@parley/scenario';
import { forEachAiGame, hasTreaty } from './ai-games.js';

/**
 * What an instructor needs before a class, computed from the engine: how the AI plays the exercise
 * (over the very games a debrief compares a class with: runs 1…N of the exercise's seed, analysis.ts),
 * the turning points to watch, and a timetable. Printed as the instructor's key (pnpm docs:teaching);
 * the teaching guide's figures come from here, so they match the debrief.
 */

export interface AiPlay {
  readonly runs: number;
  readonly treaties: number;
  readonly outcomes: readonly { readonly outcome: string; readonly label: string; readonly share: number }[];
  /** Treaties signed at each turn (1-based), counted over the runs. */
  readonly treatyTurns: readonly number[];
  /** For each role, how often the AI took each first decision (a move, or at a meeting an offer or an answer). */
  readonly first: readonly {
    readonly role: string;
    readonly name: string;
    readonly choices: readonly { readonly text: string; readonly share: number }[];
  }[];
}

/** How the AI plays the exercise in runs 1…`runs` of its seed (the debrief's comparison games). */
export function aiPlay(ex: LoadedExercise, runs = 200): AiPlay {
  const m = ex.scenario.model;
  const counts = new Map<string, number>();
  const treatyTurns = Array.from({ length: ex.data.turns }, () => 0);
  const roles = Object.entries(ex.roles);
  const first = new Map(roles.map(([role]) => [role, new Map<string, number>()]));
  const firstOf = (e: LogEvent, actor: number): string | null => {
    if (e.type === 'move' && e.actor === actor) return m.moves[e.move]!.label;
    if (e.type === 'offer' && e.by === actor)
      return e.offer === null ? 'at a meeting with the floor: only talk' : `offer: ${m.offers[e.offer]!.label}`;
    if (e.type === 'response' && e.by === actor) return `${e.decision} the offer: ${m.offers[e.offer]!.label}`;
    return null;
  };
  let treaties = 0;
  forEachAiGame(m, ex.scenario.hash, ex.data.seed, runs, (s) => {
    const o = s.ctx.outcome!;
    counts.set(o, (counts.get(o) ?? 0) + 1);
    const w = s.ctx.world;
    if (hasTreaty(s)) {
      treaties++;
      treatyTurns[w.treaty!.t]!++;
    }
    for (const [role, actor] of roles) {
      const e = s.log.find((x) => firstOf(x, actor) !== null);
      const text = e ? firstOf(e, actor)! : 'nothing: held still throughout';
      const f = first.get(role)!;
      f.set(text, (f.get(text) ?? 0) + 1);
    }
  });
  const sorted = (c: Map<string, number>) => [...c.entries()].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
  return {
    runs,
    treaties,
    outcomes: sorted(counts).map(([outcome, n]) => ({ outcome, label: outcomeLabel(m, outcome as OutcomeClass), share: n / runs })),
    treatyTurns,
    first: roles.map(([role, actor]) => ({
      role,
      name: m.actors[actor]!.name,
      choices: sorted(first.get(role)!).map(([text, n]) => ({ text, share: n / runs })),
    })),
  };
}

const pc = (x: number): string => `${Math.round(x * 100)}%`;

/** "about one game in five", for a share. */
export function inWords(share: number): string {
  if (share === 0) return 'never';
  if (share >= 0.95) return 'almost always';
  const n = Math.round(1 / share);
  if (share > 0.4) return `in ${pc(share)} of games`;
  return n <= 1
    ? 'in most games'
    : `about one game in ${['', 'one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine', 'ten'][n] ?? n}`;
}

/** The instructor's key for an exercise, as Markdown. */
export function instructorKey(ex: LoadedExercise, play: AiPlay = aiPlay(ex)): string {
  const m = ex.scenario.model;
  const share = play.treaties / play.runs;
  const turn = (t: number): string => `turn ${t + 1} (${quarterLabel(m, t)})`;
  const out: string[] = [];
  out.push(`# Instructor's key: ${ex.data.title}`, '');
  out.push(
    `*Generated from the engine by \`pnpm docs:teaching\`: the AI playing every role in the ${play.runs} games a debrief compares a class with (seed ${ex.data.seed}, runs 1–${play.runs}). Keep it from the students.*`,
    '',
  );
  out.push('## What the AI tends to do', '');
  out.push(`- **A treaty ${inWords(share)}:** ${play.treaties} of ${play.runs} games (${pc(share)}).`);
  out.push(`- **How the games end:** ${play.outcomes.map((o) => `${o.label} ${pc(o.share)}`).join('; ')}.`);
  const signed = play.treatyTurns.flatMap((n, t) => (n > 0 ? [`${turn(t)}: ${n}`] : []));
  if (signed.length > 0) out.push(`- **When treaties are signed:** ${signed.join('; ')}.`);
  out.push('', '**Each role’s first decision when the AI plays it:**', '');
  for (const r of play.first) {
    const top = r.choices.slice(0, 3).map((c) => `${c.text} (${pc(c.share)})`);
    out.push(`- ${r.name}: ${top.join('; ')}${r.choices.length > 3 ? '; …' : ''}.`);
  }
  out.push('', '## Turning points to watch', '');
  const dated = m.events.flatMap((e) => (e.at !== null && e.at < ex.data.turns ? [{ t: e.at, e }] : [])).sort((a, b) => a.t - b.t);
  for (const { t, e } of dated)
    out.push(`- **${turn(t)}:** ${e.label}${e.summit ? ' — a summit: the leaders meet and an offer is on the agenda' : ''}.`);
  const byHand = Object.entries(ex.data.injects).filter(([, inj]) => inj.turn === undefined);
  if (byHand.length > 0) {
    out.push('', '**Injects you fire by hand** (each takes effect at the start of the next turn):', '');
    for (const [id, inj] of byHand) {
      const ev = m.events[ex.injects[id]!]!;
      out.push(`- \`${id}\`: ${inj.label} — ${ev.effects.map((e) => describeEffect(m, e)).join('; ') || 'no direct effect'}.`);
    }
  }
  out.push('', `## Timing for a ${ex.data.minutes}-minute class`, '');
  const brief = Math.round(ex.data.minutes * 0.2);
  const debrief = Math.round(ex.data.minutes * 0.3);
  const playing = ex.data.minutes - brief - debrief;
  const perTurn = (playing * 60) / ex.data.turns;
  out.push('| minutes | what happens |', '|---|---|');
  out.push(`| 0–${brief} | Situation and rules; teams read their briefings (on their pages, or the handouts). |`);
  out.push(
    `| ${brief}–${brief + playing} | Play: ${ex.data.turns} turns, about ${Math.round(perTurn / 60)} minutes each. With \`parley class\`, set the clock to about ${Math.max(10, Math.round(perTurn / 2 / 10) * 10)} seconds per round of decisions (a turn often has two: a meeting and the moves). |`,
  );
  out.push(`| ${brief + playing}–${ex.data.minutes} | Debrief from the report (open it from the console, or \`parley debrief\`). |`);
  out.push('', 'If time runs out, end the game from the console: the transcript and the debrief cover the game as far as it went.', '');
  out.push('## Discussion questions', '', ...ex.data.questions.map((q, k) => `${k + 1}. ${q}`), '');
  return out.join('\n');
}
