import { describeCondition, describeEffect, describeTerm } from '@parley/engine';
import type { LoadedExercise } from '@parley/scenario';
import { sideTerms } from './packages.js';
import { SCORING_WORDS } from './scoring.js';

/** What a role can do, in plain words: its moves (with what they do and when they are allowed), and the offers it may table. */
export function roleOptions(ex: LoadedExercise, role: string): string[] {
  const m = ex.scenario.model;
  const actor = ex.roles[role]!;
  const a = m.actors[actor]!;
  const out: string[] = ['### What you can do', ''];
  const moves = m.moves.filter((mv) => mv.actor === actor);
  out.push(
    moves.length > 0
      ? 'Each quarter you may make one of these moves, or hold still:'
      : 'You have no moves of your own: you act at the table.',
    '',
  );
  for (const mv of moves) {
    const what = mv.effects.map((e) => describeEffect(m, e)).join('; ');
    const when = mv.when.length > 0 ? ` Only when ${mv.when.map((c) => describeCondition(m, c)).join(' and ')}.` : '';
    const cost = mv.cost > 0 ? ` It costs you ${mv.cost} in utility.` : '';
    out.push(`- **${mv.label}** — ${what || 'no direct effect'}.${when}${cost}`);
  }
  if (a.role === 'third') {
    out.push('', 'You do not sit at the table: the two sides negotiate, and you shape what they can agree to through your moves.', '');
    return out;
  }
  const offers = m.offers.filter((o) => o.proposers.includes(actor));
  out.push('', 'When you have the floor at a meeting, you may table one of these offers, or only talk:', '');
  for (const o of offers) out.push(`- **${o.label}** — ${o.terms.map((t) => describeTerm(m, t)).join('; ')}.`);
  out.push(
    '',
    `In a class run with \`parley class\` you may also build your own package, term by term: each of ${m.territories.map((t) => t.name).join(', ')} kept, transferred, put under joint administration or left to later talks; a peace treaty; no foreign bases on transferred territory; and any of: ${sideTerms(
      m,
    )
      .map((x) => x.label)
      .join(
        '; ',
      )}. Your own leader must be able to sell it at home: the page says why when not. A package the other leader could not sell is vetoed.`,
    '',
    'When the other side makes you an offer, you accept or reject it; rejecting, you may counter with an offer of your own.',
    '',
  );
  return out;
}

/** A printable student handout for one role: the public situation, the role's confidential briefing with its citations, objectives and scoring. */
export function handout(ex: LoadedExercise, role: string, sourceTitles: Readonly<Record<string, string>> = {}): string {
  const r = ex.data.roles[role]!;
  const m = ex.scenario.model;
  const name = m.actors[ex.roles[role]!]!.name;
  const cite = (c: (typeof r.confidential)[number]): string => {
    if (c.source) return ` — *${sourceTitles[c.source.doc] ?? c.source.doc}*: “${c.source.quote}”`;
    return c.assumption ? ` — (assumption: ${c.assumption})` : '';
  };
  const scoring = SCORING_WORDS[r.scoring];
  return [
    `# ${ex.data.title}`,
    `## Your role: ${name}`,
    '',
    `*${ex.data.turns} turns (quarters) from ${ex.scenario.data.start}, about ${ex.data.minutes} minutes. The other countries are played by classmates or by the computer.*`,
    '',
    '### The situation (everyone reads this)',
    '',
    ex.scenario.data.briefing.split('\n\nWhat the model says')[0]!.trim(),
    '',
    `### ${name}: public position`,
    '',
    r.public.trim(),
    '',
    '### Confidential — for your eyes only',
    '',
    ...r.confidential.map((c) => `- ${c.text}${cite(c)}`),
    '',
    '### Your objectives',
    '',
    ...r.objectives.map((o) => `- ${o}`),
    '',
    `**Scoring:** ${scoring}.`,
    '',
    ...roleOptions(ex, role),
  ].join('\n');
}
