import { createInterface } from 'node:readline';
import { analyseBargaining, type NegotiationParty, type NegotiationStep, tacticAccepts, tacticOffer, targetUtility } from '@parley/core';
import { geniusOutcomes, loadGeniusFiles } from '@parley/scenario';
import { UsageError } from '../errors.js';
import type { Terminal } from './batch.js';

export interface NegotiateOptions {
  readonly genius: string;
  readonly profiles: string[];
  readonly play?: 'a' | 'b';
  readonly rounds: number;
  readonly tactic: number;
}

/** Reads a person's lines: prompts on a terminal; reads piped lines in order otherwise (so a class's moves can be scripted). */
function lineReader(): { next: (prompt: string) => Promise<string | null>; close: () => void } {
  const rl = createInterface({ input: process.stdin, output: process.stdout, terminal: process.stdin.isTTY === true });
  const queue: string[] = [];
  const waiting: ((s: string | null) => void)[] = [];
  let closed = false;
  rl.on('line', (l) => (waiting.length > 0 ? waiting.shift()!(l) : queue.push(l)));
  rl.on('close', () => {
    closed = true;
    for (const w of waiting.splice(0)) w(null);
  });
  return {
    next: (prompt) => {
      if (process.stdin.isTTY) process.stdout.write(prompt);
      if (queue.length > 0) return Promise.resolve(queue.shift()!);
      if (closed) return Promise.resolve(null);
      return new Promise((r) => waiting.push(r));
    },
    close: () => rl.close(),
  };
}

/**
 * `parley negotiate`: play a GENIUS domain as a bilateral alternating-offers negotiation,
 * a person against the computer (or the computer against itself), and compare the
 * agreement with the Nash bargaining point.
 */
export async function negotiateCommand(o: NegotiateOptions, cwd: string, t: Terminal): Promise<void> {
  if (o.profiles.length !== 2) throw new UsageError('--profiles needs two utility profile files');
  const { domain, profiles } = loadGeniusFiles(o.genius, o.profiles, cwd);
  const outcomes = geniusOutcomes(domain, profiles[0]!, profiles[1]!);
  const party = (i: 0 | 1): NegotiationParty => ({ utilities: outcomes.map((p) => p.u[i]), reservation: profiles[i]!.reservation });
  const parties: [NegotiationParty, NegotiationParty] = [party(0), party(1)];
  const names = o.profiles.map((f) => f.replace(/^.*\//, '').replace(/\.xml$/, ''));
  const human = o.play === 'a' ? 0 : o.play === 'b' ? 1 : null;
  const label = (k: number): string => outcomes[k]!.label;
  const reader = human === null ? null : lineReader();
  const steps: NegotiationStep[] = [];
  let standing: { by: 0 | 1; outcome: number } | null = null;
  let agreement: number | null = null;
  // Outcomes are listed with the last issue varying fastest: the index is the choice read in mixed radix.
  const indexOf = (values: number[]): number => domain.reduce((n, issue, k) => n * issue.values.length + (values[k]! - 1), 0);

  if (human !== null) {
    t.out(`You are ${names[human]}. Issues and values:\n`);
    for (const i of domain) t.out(`  ${i.name}: ${i.values.map((v, k) => `${k + 1}=${v}`).join('  ')}\n`);
    t.out(
      `Each turn: type "a" to accept the standing offer, or one value number per issue to offer (e.g. "${domain.map(() => 1).join(' ')}"). ${o.rounds} rounds.\n\n`,
    );
  }
  try {
    for (let round = 0; round < o.rounds && agreement === null; round++) {
      for (const by of [0, 1] as const) {
        if (agreement !== null) break;
        if (by === human) {
          for (;;) {
            const offerText = standing
              ? `Standing offer from ${names[standing.by]}: ${label(standing.outcome)} (worth ${parties[by].utilities[standing.outcome]!.toFixed(3)} to you)\n`
              : '';
            const line = await reader!.next(`${offerText}round ${round + 1}, your move> `);
            if (line === null) throw new UsageError(`the input ended in round ${round + 1} before the negotiation did`);
            const words = line.trim().split(/\s+/);
            if (words[0] === 'a' && standing && standing.by !== by) {
              agreement = standing.outcome;
              steps.push({ round, by, action: 'accept', outcome: standing.outcome });
              break;
            }
            const values = words.map(Number);
            const k =
              values.length === domain.length && values.every((v, i) => Number.isInteger(v) && v >= 1 && v <= domain[i]!.values.length)
                ? indexOf(values)
                : -1;
            if (k >= 0) {
              standing = { by, outcome: k };
              steps.push({ round, by, action: 'offer', outcome: k });
              break;
            }
            const why = `"${line}": expected "a" (accept${standing ? '' : ' — there is no offer yet'}) or ${domain.length} value numbers`;
            if (!process.stdin.isTTY) throw new UsageError(`round ${round + 1}: ${why}`);
            t.out(`${why}\n`);
          }
          continue;
        }
        const p = parties[by];
        const next = targetUtility(round + 1, o.rounds, p.reservation, o.tactic);
        if (standing && standing.by !== by && tacticAccepts(p, standing.outcome, next)) {
          agreement = standing.outcome;
          steps.push({ round, by, action: 'accept', outcome: standing.outcome });
          if (human !== null) t.out(`${names[by]} accepts: ${label(standing.outcome)}\n`);
          break;
        }
        const k = tacticOffer(p, targetUtility(round, o.rounds, p.reservation, o.tactic));
        standing = { by, outcome: k };
        steps.push({ round, by, action: 'offer', outcome: k });
        if (human !== null) t.out(`${names[by]} offers: ${label(k)}\n`);
      }
    }
  } finally {
    reader?.close();
  }

  const a = analyseBargaining(outcomes, [parties[0].reservation, parties[1].reservation]);
  const lines = [
    '',
    `Negotiation over ${outcomes.length} outcomes, ${o.rounds} rounds; the computer concedes with exponent ${o.tactic} (${o.tactic < 1 ? 'Boulware' : 'conceder'}).`,
  ];
  if (human === null)
    for (const s of steps)
      lines.push(`  round ${s.round + 1}  ${names[s.by]} ${s.action === 'offer' ? 'offers' : 'accepts'}: ${label(s.outcome)}`);
  if (agreement === null)
    lines.push(
      `No agreement: each side gets its reservation value (${names[0]} ${parties[0].reservation}, ${names[1]} ${parties[1].reservation}).`,
    );
  else {
    const u = outcomes[agreement]!.u;
    lines.push(
      `Agreement in round ${steps.at(-1)!.round + 1}: ${label(agreement)} — ${names[0]} ${u[0].toFixed(3)}, ${names[1]} ${u[1].toFixed(3)}.`,
    );
    lines.push(
      a.pareto.some((p) => p.id === outcomes[agreement!]!.id)
        ? 'It is Pareto optimal.'
        : 'It is not Pareto optimal: another outcome was better for both.',
    );
    if (human !== null && u[human] < parties[human].reservation)
      lines.push(
        `You accepted less than your reservation value (${parties[human].reservation}): no agreement would have been better for you.`,
      );
  }
  if (a.nash) lines.push(`The Nash bargaining point: ${a.nash.label} — ${a.nash.u[0].toFixed(3)}, ${a.nash.u[1].toFixed(3)}.`);
  t.out(`${lines.join('\n')}\n`);
}
