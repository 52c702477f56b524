import { sealed } from '@parley/batch';
import { narrateEvent } from '@parley/engine';
import type { LoadedExercise } from '@parley/scenario';
import { gameModel } from './play.js';
import type { Transcript } from './transcript.js';

/** A transcript as written: JSON with its checksum, so that an edited copy is recognised when it comes back. */
export const transcriptJson = (t: Transcript): string => `${JSON.stringify(sealed({ ...t }), null, 2)}\n`;

/** A transcript as Markdown: who played, the decisions, and every event in words. */
export function transcriptMarkdown(ex: LoadedExercise, t: Transcript): string {
  const m = gameModel(ex, t.packages ?? [], t.turns);
  return [
    `# Transcript: ${t.exercise.title}`,
    '',
    `Players: ${t.players.join(', ')} (${t.mode}); seed ${t.seed}. Outcome: ${t.outcome}${t.treatyQuarter ? ` (treaty ${t.treatyQuarter})` : ''}.`,
    '',
    '## Decisions',
    '',
    ...t.decisions.map((d) => `- ${d.quarter} ${d.role} ${d.kind}: **${d.choice}** (${d.by}; ${d.options.length} options)`),
    '',
    '## Events',
    '',
    '```',
    ...t.log.map((e) => narrateEvent(m, e)),
    '```',
    '',
  ].join('\n');
}
