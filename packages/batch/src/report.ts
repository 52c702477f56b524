import { fanChart, outcomeChart, toSvg, treatyChart } from './charts.js';
import { html, raw } from './html.js';
import { possessive } from './series.js';
import { percent, percentInterval } from './stats.js';
import type { Summary } from './summary.js';

const f3 = (x: number | null): string => (x === null ? '–' : x.toFixed(3));

/** A self-contained HTML report of a batch: tables and inline SVG charts, no scripts, no external files; every value escaped. */
export async function renderReport(s: Summary): Promise<string> {
  const [outcomes, treaty, ...fans] = await Promise.all([
    toSvg(outcomeChart(s)),
    toSvg(treatyChart(s)),
    ...s.fan.map((f) => toSvg(fanChart(s, f.id))),
  ]);
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
