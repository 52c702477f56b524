import type { LoadedExercise } from '@parley/scenario';

/** A printable student handout for one role: the public situation, the role's confidential briefing with its citations, objectives and scoring. */
export function handout(ex: LoadedExercise, role: string, sourceTitles: Readonly<Record<string, string>> = {}): string {
  const r = ex.data.roles[role]!;
  const m = ex.scenario.model;
  const name = m.actors[ex.roles[role]!]!.name;
  const cite = (c: (typeof r.confidential)[number]): string => {
    if (c.source) return ` — *${sourceTitles[c.source.doc] ?? c.source.doc}*: “${c.source.quote}”`;
    return c.assumption ? ` — (assumption: ${c.assumption})` : '';
  };
  const scoring = {
    utility: 'your country’s final utility (shown in the debrief against how the AI does in your place)',
    treaty: '1 if a peace treaty is signed, 0 otherwise',
    'no-concession': '1 if no territory changes hands, 0 otherwise',
  }[r.scoring];
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
  ].join('\n');
}
