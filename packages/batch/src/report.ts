import { fanChart, outcomeChart, spreadChart, toSvg, treatyChart } from './charts.js';
import { html, raw } from './html.js';
import { possessive } from './series.js';
import { percent, percentInterval } from './stats.js';
import type { Summary } from './summary.js';

const f3 = (x: number | null): string => (x === null ? '–' : x.toFixed(3));

/** A self-contained HTML report of a batch: tables and inline SVG charts, no scripts, no external files; every value escaped. */
export async function renderReport(s: Summary): Promise<string> {
  const [outcomes, treaty, spread, ...fans] = await Promise.all([
    toSvg(outcomeChart(s)),
    toSvg(treatyChart(s)),
    s.uncertainty ? toSvg(spreadChart(s)) : Promise.resolve(''),
    ...s.fan.map((f) => toSvg(fanChart(s, f.id))),
  ]);
  const u = s.uncertainty;
  const uncertainty = u
    ? html`<h2>What we don't know</h2>
<p>Each block of ${s.parameters?.block.toLocaleString('en-US')} runs drew the scenario's ${u.numbers.length} uncertain numbers ${u.posterior ? `from the posterior of calibration ${u.posterior}` : 'from their plausible ranges'} (${s.parameters?.points.toLocaleString('en-US')} parameter points). An outcome's share has two spreads: the dice's (the 95% interval of the share over all runs, which more runs narrow) and the parameters' (the share at the points, from the 5% to the 95% point, which more runs do not narrow: only better numbers do). "Explained by the parameters" is the part of the run-to-run variance of the outcome that the points account for, the dice within a point taken out.</p>
<figure id="spread">${raw(spread)}</figure>
<table id="spread-table"><tr><th>outcome</th><th class="n">share</th><th class="n">dice: 95% interval</th><th class="n">parameters: 5%–95% of points</th><th class="n">explained by the parameters</th></tr>
${u.outcomes.map(
  (
    o,
  ) => html`<tr><td>${o.label}</td><td class="n">${percent(o.p)}</td><td class="n">${percentInterval(o.dice95[0], o.dice95[1])}</td><td class="n">${percent(o.points.p05)} – ${percent(o.points.p95)}</td><td class="n">${percent(o.fromParameters)}</td></tr>
`,
)}</table>
<details><summary>The ${u.numbers.length} numbers drawn, with their ranges</summary>
<table id="uncertain-numbers"><tr><th>number</th><th class="n">value</th><th class="n">range</th><th>drawn</th><th>grade</th></tr>
${u.numbers.map(
  (
    n,
  ) => html`<tr><td><code>${n.path}</code></td><td class="n">${n.value}</td><td class="n">[${n.lo}, ${n.hi}]</td><td>${n.distribution}</td><td>${n.grade}</td></tr>
`,
)}</table></details>`
    : '';
  const row = (cells: unknown[]) => html`<tr>${cells.map((c) => html`<td>${c}</td>`)}</tr>`;
  const q = (x: Summary['metrics'][number]['final']): string[] => [x.p05, x.p25, x.p50, x.p75, x.p95].map(f3);
  const byShare = [...s.outcomes].sort((a, b) => b.count - a.count);
  return html`<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>${s.scenario.title} — Parley batch report</title>
<style>
body{font-family:Helvetica,Arial,sans-serif;max-width:980px;margin:2em auto;padding:0 1em;color:#222;line-height:1.4}
h1{font-size:1.5em;margin-bottom:.2em} h2{font-size:1.15em;margin-top:1.8em;border-bottom:1px solid #ddd}
table{border-collapse:collapse;font-size:.92em} td,th{padding:.25em .7em;border-bottom:1px solid #eee;text-align:left}
td.n,th.n{text-align:right;font-variant-numeric:tabular-nums} .meta{color:#555;font-size:.9em} code{background:#f4f4f4;padding:.1em .3em}
.fans{display:flex;flex-wrap:wrap;gap:1em} figure{margin:0} figure svg{max-width:100%;height:auto}
</style></head><body>
<h1>${s.scenario.title}</h1>
<p class="meta">${s.runs.toLocaleString('en-US')} runs · seed ${s.seed} · scenario <code>${String(s.scenario.hash).slice(0, 16)}</code> (${s.scenario.file}${s.scenario.sets.map((x) => ` --set ${x}`)}) · engine ${s.engine.version}${s.untilCi !== null ? html` · ran until every 95% half-width ≤ ${s.untilCi}` : ''}</p>
<h2>Outcomes</h2>
<figure id="outcomes">${raw(outcomes)}</figure>
<table id="outcome-table"><tr><th>outcome</th><th class="n">share</th><th class="n">95% interval (Wilson)</th><th class="n">runs</th></tr>
${byShare.map((o) => html`<tr><td>${o.label}</td><td class="n">${percent(o.p)}</td><td class="n">${percentInterval(o.ci95[0], o.ci95[1])}</td><td class="n">${o.count}</td></tr>\n`)}</table>
${uncertainty}
<h2>When treaties are signed</h2>
<p>A treaty in ${percent(s.treaty.p)} of runs (95% interval ${percentInterval(s.treaty.ci95[0], s.treaty.ci95[1])})${s.treaty.count > 0 ? html`; of those, half were signed by ${s.treaty.quarterQuantiles.p50}` : ''}.</p>
<figure id="treaty">${raw(treaty)}</figure>
<h2>How the world moves</h2>
<p>Median (line), middle half (dark band) and middle 90% (light band) of runs at the end of each quarter.</p>
<div class="fans">${fans.map((svg, k) => html`<figure id="fan-${s.fan[k]!.id}">${raw(svg)}</figure>\n`)}</div>
<h2>Where runs end</h2>
<table><tr><th>measure</th><th class="n">5%</th><th class="n">25%</th><th class="n">median</th><th class="n">75%</th><th class="n">95%</th></tr>
${s.metrics.map((m) => [row([m.label, ...q(m.final)]), '\n'])}${s.utilities.map((u) => [row([`${possessive(u.name)} utility`, ...q(u.final)]), '\n'])}</table>
<h2>Most frequent event paths</h2>
<table><tr><th class="n">share</th><th>first milestones of the run</th></tr>
${s.paths.map((p) => html`<tr><td class="n">${percent(p.p)}</td><td>${p.path}</td></tr>\n`)}</table>
<h2>Reproduce</h2>
<p><code>${s.reproduce}</code></p>
</body></html>
`.text;
}
