import { bargainSvg, html, raw } from '@parley/batch';
import type { Model, OutcomeClass } from '@parley/core';
import { narrateEvent, outcomeLabel } from '@parley/engine';
import type { LoadedExercise } from '@parley/scenario';
import type { DebriefData, TurningPoint } from './analysis.js';
import { gameModel } from './play.js';
import type { Transcript } from './transcript.js';

const pc = (x: number): string => `${Math.round(x * 100)}%`;

function choiceText(m: Model, p: TurningPoint): string {
  const d = p.decision;
  const who = m.actors.find((a) => a.id === d.role)?.name ?? d.role;
  const move = m.moves.find((mv) => mv.id === d.choice);
  const offer = m.offers.find((o) => o.id === d.choice);
  const what =
    d.kind === 'response'
      ? `${who} ${d.choice === 'accept' ? 'accepting' : 'rejecting'} the offer in ${d.quarter}`
      : d.kind === 'move'
        ? move
          ? `${who}'s move in ${d.quarter} (${who} ${move.label})`
          : `${who} holding still in ${d.quarter}`
        : offer
          ? `${who} offering ${offer.label} in ${d.quarter}`
          : `${who} only talking in ${d.quarter}`;
  // Rounded to whole per cent, as printed: a choice that moved nothing visible is said to have.
  if (pc(p.pAi) === pc(p.pChosen)) return `${what} left the chance of a treaty where the AI's choice would have: ${pc(p.pAi)}`;
  return `${what} moved the chance of a treaty from ${pc(p.pAi)} (had the AI decided) to ${pc(p.pChosen)}`;
}

/** Quarters the game was played for: to the turn it was ended in, or all of them. */
function turnsText(ex: LoadedExercise, t: Transcript): string {
  const planned = t.turns ?? ex.data.turns;
  const extended = t.turns !== undefined && t.turns > ex.data.turns ? ` (extended from ${ex.data.turns})` : '';
  if (t.ended) return `ended at turn ${t.ended.turn} of ${planned}${extended}, before its end`;
  const last = t.log.length > 0 ? t.log[t.log.length - 1]!.t + 1 : 0;
  return last < planned ? `over after ${last} of ${planned} turns${extended}` : `${planned} turns played${extended}`;
}

/** Who played a role: a team or student ("played"), or the AI (a role no one decided for, or an automatic preview). */
function playedBy(t: Transcript, role: string): string {
  return t.decisions.some((d) => d.role === role && d.by === 'player') ? 'played' : 'AI';
}

/** A role's score under its exercise's rule, in words. */
function scoreText(ex: LoadedExercise, t: Transcript, role: string): string {
  const rule = ex.data.roles[role]?.scoring ?? 'utility';
  const r = t.results.find((x) => x.role === role);
  if (!r) return '–';
  if (rule === 'treaty') return `${r.score} (treaty: ${r.score === 1 ? 'yes' : 'no'})`;
  if (rule === 'no-concession') return `${r.score} (kept every territory: ${r.score === 1 ? 'yes' : 'no'})`;
  return `${r.score.toFixed(3)} (utility)`;
}

/** The debrief as Markdown: what happened, how the players did, where it turned, what was on the table, and the questions. */
export function debriefMarkdown(ex: LoadedExercise, t: Transcript, a: DebriefData): string {
  const m = gameModel(ex, t.packages ?? [], t.turns);
  const out: string[] = [];
  out.push(`# Debrief: ${t.exercise.title}`, '');
  out.push(`Players: ${t.players.join(', ') || 'none'} (${t.mode}); seed ${t.seed}; ${turnsText(ex, t)}.`, '');
  out.push(
    t.ended
      ? `**Outcome:** none yet: the game was ended at turn ${t.ended.turn}${t.treatyQuarter ? ` (treaty signed ${t.treatyQuarter})` : ''}. The results below are where each role stood then.`
      : `**Outcome:** ${outcomeLabel(m, t.outcome as OutcomeClass)}${t.treatyQuarter ? ` (treaty signed ${t.treatyQuarter})` : ''}.`,
  );
  out.push(
    `With the AI playing every role from the same start, ${pc(a.aiTreatyShare)} of ${a.aiRuns} games ${t.ended ? `had a treaty by the end of turn ${t.ended.turn} (the AI games are compared at that point)` : 'ended in a treaty'}.`,
    '',
  );
  out.push(
    '## How each role did',
    '',
    `| role | score (its exercise's rule) | ${t.ended ? 'utility then' : 'final utility'} | AI median | percentile among AI games |`,
    '|---|---|---|---|---|',
  );
  for (const r of a.roles)
    out.push(
      `| ${r.name} (${playedBy(t, r.role)}) | ${scoreText(ex, t, r.role)} | ${r.utility.toFixed(3)} | ${r.aiMedian.toFixed(3)} | ${pc(r.percentile)} |`,
    );
  out.push('', '## Turning points', '');
  if (a.turningPoints.length === 0)
    out.push(
      t.decisions.some((d) => d.by === 'player')
        ? 'No played decision had more than one option.'
        : 'The AI made every decision (an automatic preview): there are no players’ choices to weigh.',
    );
  for (const p of a.turningPoints.slice(0, 8)) out.push(`- ${choiceText(m, p)} (${p.rollouts} rollouts each).`);
  out.push('', '## The bargaining space at each summit', '');
  if (a.summits.length === 0) out.push('No summit took place.');
  for (const s of a.summits) {
    const z = s.space;
    out.push(
      `- **${s.quarter} — ${s.label}.** ${z.zopa.length === 0 ? 'No package beat both sides’ walk-away values.' : `${z.zopa.length} packages beat both walk-away values; Nash: ${z.nash!.label}.`} Frontier: ${z.pareto.length} packages.`,
    );
  }
  out.push('', '## Timeline', '', '```');
  for (const e of t.log) out.push(narrateEvent(m, e));
  out.push('```', '', '## Decisions of the played roles', '', '| turn | role | decision | chosen | by |', '|---|---|---|---|---|');
  for (const d of t.decisions) out.push(`| ${d.quarter} | ${d.role} | ${d.kind} | ${d.choice} | ${d.by} |`);
  out.push('', '## Discussion questions', '', ...ex.data.questions.map((q, k) => `${k + 1}. ${q}`), '');
  return out.join('\n');
}

/** The debrief as a self-contained HTML page (no scripts), with the bargaining space plotted. */
export async function debriefHtml(ex: LoadedExercise, t: Transcript, a: DebriefData): Promise<string> {
  const m = gameModel(ex, t.packages ?? [], t.turns);
  const names = [m.actors[m.claimant]!.name, m.actors[m.holder]!.name] as const;
  // Every summit its chart: what was on the table each time the leaders met.
  const plots = await Promise.all(a.summits.map((s) => bargainSvg(s.space, names)));
  const md = debriefMarkdown(ex, t, a);
  const section = (title: string): string => {
    const start = md.indexOf(`## ${title}`);
    const end = md.indexOf('\n## ', start + 3);
    return md.slice(start + title.length + 4, end < 0 ? undefined : end).trim();
  };
  const rows = (block: string) =>
    block
      .split('\n')
      .filter((l) => l.startsWith('|') && !l.startsWith('|---'))
      .map(
        (l, k) =>
          html`<tr>${l
            .split('|')
            .slice(1, -1)
            .map((c) => (k === 0 ? html`<th>${c.trim()}</th>` : html`<td>${c.trim()}</td>`))}</tr>\n`,
      );
  // Bold text (**…**) in a list item, the rest escaped.
  const bold = (text: string) => text.split(/\*\*(.+?)\*\*/g).map((part, k) => (k % 2 === 1 ? html`<b>${part}</b>` : part));
  const list = (block: string) =>
    html`<ul>${block
      .split('\n')
      .filter((l) => l.startsWith('- '))
      .map((l) => html`<li>${bold(l.slice(2))}</li>`)}</ul>`;
  return html`<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Debrief: ${t.exercise.title}</title>
<style>
body{font-family:Helvetica,Arial,sans-serif;max-width:980px;margin:2em auto;padding:0 1em;color:#222;line-height:1.45}
h1{font-size:1.5em} h2{font-size:1.15em;margin-top:1.8em;border-bottom:1px solid #ddd}
table{border-collapse:collapse;font-size:.92em} td,th{padding:.25em .7em;border-bottom:1px solid #eee;text-align:left}
pre{background:#f6f6f6;padding:.8em;font-size:.82em;white-space:pre-wrap;overflow-wrap:anywhere} .meta{color:#555} figure{margin:1em 0} figure svg{max-width:100%;height:auto} figcaption{font-weight:600}
</style></head><body>
<h1>Debrief: ${t.exercise.title}</h1>
<p class="meta">Players: ${t.players.join(', ') || 'none'} (${t.mode}) · seed ${t.seed} · ${turnsText(ex, t)}</p>
<p>${bold(md.split('\n').find((l) => l.startsWith('**Outcome:**')) ?? '')} ${md.split('\n').find((l) => l.startsWith('With the AI playing')) ?? ''}</p>
<h2>How each role did</h2>
<table>${rows(section('How each role did'))}</table>
<h2>Turning points</h2>
${a.turningPoints.length > 0 ? list(section('Turning points')) : html`<p>${section('Turning points')}</p>`}
<h2>The bargaining space</h2>
${
  a.summits.length === 0
    ? html`<p>No summit took place.</p>`
    : html`<p>At each summit, every package the scenario's terms allow, by what it gives ${names[0]} and ${names[1]}; the red lines are their walk-away values.</p>
${list(section('The bargaining space at each summit'))}
${a.summits.map((s, k) => html`<figure class="bargaining" id="bargaining-${k + 1}"><figcaption>${s.quarter}: ${s.label}</figcaption>${raw(plots[k]!)}</figure>`)}`
}
<h2>Discussion questions</h2>
<ol>${ex.data.questions.map((q) => html`<li>${q}</li>`)}</ol>
<h2>Timeline</h2>
<pre>${t.log.map((e) => narrateEvent(m, e)).join('\n')}</pre>
<h2>Decisions of the played roles</h2>
<table>${rows(section('Decisions of the played roles'))}</table>
</body></html>
`.text;
}
