import type { TopLevelSpec } from 'vega-lite';
import type { Posterior } from './calibrate.js';
import { toSvg } from './charts.js';
import type { DiscoveryResult } from './discover.js';
import { sobolSvg } from './experiment-charts.js';
import { html, raw } from './html.js';
import type { SobolResult } from './sobol-run.js';
import { percent } from './stats.js';

/**
 * Self-contained HTML reports of the analyses over what we don't know (docs/uncertainty.md): Sobol
 * indices with the knife edges, a calibration's posterior against its prior, and a discovered box.
 * Each chart says in its own title and axes what it shows; every value is escaped; no scripts.
 */

const STYLE = `body{font-family:Helvetica,Arial,sans-serif;max-width:980px;margin:2em auto;padding:0 1em;color:#222;line-height:1.4}
h1{font-size:1.5em;margin-bottom:.2em} h2{font-size:1.15em;margin-top:1.8em;border-bottom:1px solid #ddd}
table{border-collapse:collapse;font-size:.92em} td,th{padding:.25em .7em;border-bottom:1px solid #eee;text-align:left}
td.n,th.n{text-align:right;font-variant-numeric:tabular-nums} .meta{color:#555;font-size:.9em} code{background:#f4f4f4;padding:.1em .3em}
figure{margin:0} figure svg{max-width:100%;height:auto} .edge{color:#b30000;font-weight:bold}`;

const page = (title: string, body: unknown) =>
  html`<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>${title} — Parley</title><style>${raw(STYLE)}</style></head><body>
${body}
</body></html>
`.text;

const f3 = (x: number): string => String(Number(x.toPrecision(3)));
/** The x axis the charts of numbers of different scales share: where a value lies in its number's range. */
const POSITION: { type: 'quantitative'; title: string; scale: { domain: number[] } } = {
  type: 'quantitative',
  title: 'position in the number’s plausible range (low end 0, high end 1)',
  scale: { domain: [0, 1] },
};

/** Where x lies in [lo, hi], from 0 to 1 (a shared axis for numbers of different scales). */
const at = (x: number, lo: number, hi: number): number => (hi > lo ? (x - lo) / (hi - lo) : 0.5);

/** The treaty share as each top number is swept alone across its range, one line per number. */
function edgesSpec(r: SobolResult): TopLevelSpec {
  const values = r.edges.flatMap((e) =>
    e.values.map((v, k) => ({ number: e.path, where: k / (e.values.length - 1), share: e.shares[k]!, value: v })),
  );
  return {
    width: 520,
    height: 260,
    title: 'Treaty share as each number moves alone from the low to the high end of its range',
    data: { values },
    mark: { type: 'line', point: true },
    encoding: {
      x: { field: 'where', ...POSITION },
      y: { field: 'share', type: 'quantitative', title: 'share of runs with a treaty', axis: { format: '%' }, scale: { domain: [0, 1] } },
      color: { field: 'number', type: 'nominal', title: null, legend: { orient: 'bottom', columns: 2, labelLimit: 400 } },
    },
  } as TopLevelSpec;
}

/** `sensitivity --sobol`'s report: the indices, their chart, and the knife-edge sweeps. */
export async function sobolReport(r: SobolResult, title: string, top = 30): Promise<string> {
  const [bars, edges] = await Promise.all([sobolSvg(r, 15), r.edges.length > 0 ? toSvg(edgesSpec(r)) : Promise.resolve('')]);
  const two = (x: number): string => x.toFixed(2);
  return page(
    `Sobol indices: ${title}`,
    html`<h1>What moves the treaty share: ${title}</h1>
<p class="meta">${r.rows.length} uncertain numbers · Saltelli's design of ${r.baseRows} base rows: ${r.points.toLocaleString('en-US')} points × ${r.runsPerPoint} runs, the same dice at every point · seed ${r.seed} · scenario <code>${r.scenario.hash.slice(0, 16)}</code> (${r.scenario.file})</p>
<p>The treaty share varies over the points by ${r.variance.toFixed(4)} (variance), of which the dice account for ${r.diceVariance.toFixed(4)}. The <b>first-order</b> index of a number is the share of that variance it explains alone; its <b>total</b> index, the share it has a hand in, alone or with others. A total index near 0 means the number can be fixed anywhere in its range. Lines: 95% bootstrap intervals.</p>
<figure id="sobol">${raw(bars)}</figure>
<h2>Knife edges</h2>
<p>Each of the top ${r.edges.length} numbers swept alone across its range (11 values, the others at their values, ${r.runsPerPoint} runs each with the same dice). A <span class="edge">knife edge</span> is a number where a tenth of its range moves the treaty share by 25 points or more: the answer depends on it more finely than a source could give it.</p>
<figure id="edges">${raw(edges)}</figure>
<table id="edge-table"><tr><th>number</th><th class="n">treaty share, low to high</th><th class="n">largest step</th><th>between</th><th></th></tr>
${r.edges.map((e) => html`<tr><td><code>${e.path}</code></td><td class="n">${percent(Math.min(...e.shares))} – ${percent(Math.max(...e.shares))}</td><td class="n">${Math.round(e.jump * 100)} points</td><td>${e.between[0]} and ${e.between[1]}</td><td>${e.knifeEdge ? html`<span class="edge">knife edge</span>` : ''}</td></tr>\n`)}</table>
<h2>Indices</h2>
<table id="sobol-table"><tr><th>number</th><th class="n">range</th><th>grade</th><th class="n">first order [95%]</th><th class="n">total [95%]</th></tr>
${r.rows.slice(0, top).map((x) => html`<tr><td><code>${x.path}</code></td><td class="n">${f3(x.lo)} – ${f3(x.hi)}</td><td>${x.grade}</td><td class="n">${two(x.first)} [${two(x.firstCi95[0])}, ${two(x.firstCi95[1])}]</td><td class="n">${two(x.total)} [${two(x.totalCi95[0])}, ${two(x.totalCi95[1])}]</td></tr>\n`)}</table>
${r.rows.length > top ? html`<p class="meta">… and ${r.rows.length - top} more in sobol.json and sobol.csv.</p>` : ''}`,
  );
}

/** The numbers whose 90% range a posterior narrowed most: prior and posterior on each number's own range. */
function marginalsSpec(p: Posterior, top: number): TopLevelSpec {
  const range = new Map(p.parameters.map((q) => [q.path, q]));
  const width = (m: { p05: number; p95: number }): number => m.p95 - m.p05;
  const moved = [...p.diagnostics.marginals]
    .sort((a, b) => width(a.posterior) / Math.max(1e-12, width(a.prior)) - width(b.posterior) / Math.max(1e-12, width(b.prior)))
    .slice(0, top);
  const values = moved.flatMap((m) => {
    const q = range.get(m.path)!;
    return (['prior', 'posterior'] as const).map((which) => ({
      number: m.path,
      which,
      low: at(m[which].p05, q.lo, q.hi),
      high: at(m[which].p95, q.lo, q.hi),
      median: at(m[which].p50, q.lo, q.hi),
    }));
  });
  return {
    width: 440,
    height: { step: 24 },
    title: 'Each number’s 5%–95% range and median, before (prior) and after (posterior) calibration',
    data: { values },
    encoding: {
      y: { field: 'number', type: 'nominal', sort: null, title: null, axis: { labelLimit: 600 } },
      yOffset: { field: 'which', type: 'nominal', sort: ['prior', 'posterior'] },
      color: {
        field: 'which',
        type: 'nominal',
        title: null,
        scale: { domain: ['prior', 'posterior'], range: ['#9ecae1', '#08519c'] },
        legend: { orient: 'bottom' },
      },
    },
    layer: [
      {
        mark: { type: 'rule', strokeWidth: 5 },
        encoding: {
          x: { field: 'low', ...POSITION },
          x2: { field: 'high' },
        },
      },
      { mark: { type: 'tick', color: '#222', thickness: 2 }, encoding: { x: { field: 'median', type: 'quantitative' } } },
    ],
  } as TopLevelSpec;
}

/** `calibrate`'s report: the diagnostics, the targets' fit, and the marginals before and after. */
export async function posteriorReport(p: Posterior, title: string, top = 15): Promise<string> {
  const chart = await toSvg(marginalsSpec(p, top));
  const d = p.diagnostics;
  return page(
    `Calibration: ${title}`,
    html`<h1>Calibration to the dated history: ${title}</h1>
<p class="meta">${p.points.length.toLocaleString('en-US')} prior points × ${p.runsPerPoint} runs · ${p.parameters.length} uncertain numbers · seed ${p.seed}${p.until ? ` · targets up to ${p.until} calibrate, later ones are held out` : ''} · scenario <code>${p.scenario.hash.slice(0, 16)}</code> (${p.scenario.file})</p>
<p>Each prior point is weighted by the share of its runs that reproduce every calibration target: the probability of the history at that point. ${percent(d.acceptance)} of the prior's runs reproduce it; the weights' effective sample size is ${d.effectiveSampleSize.toFixed(1)} of ${p.points.length} points.</p>
<h2>The targets</h2>
<table id="targets"><tr><th>target</th><th>when</th><th>role</th><th class="n">prior</th><th class="n">posterior</th><th class="n">Brier prior → posterior</th></tr>
${d.targets.map((t) => html`<tr><td>${t.id}</td><td>${t.when}</td><td>${t.role}</td><td class="n">${percent(t.prior)}</td><td class="n">${percent(t.posterior)}</td><td class="n">${t.priorBrier.toFixed(3)} → ${t.posteriorBrier.toFixed(3)}</td></tr>\n`)}</table>
<h2>What history says about the numbers</h2>
<p>The ${top} numbers whose 90% range the calibration narrowed most, each drawn on its own plausible range.</p>
<figure id="marginals">${raw(chart)}</figure>`,
  );
}

/** The discovered box: each restricted number's box within its range, and the peeling trajectory. */
function boxSpec(r: DiscoveryResult): TopLevelSpec {
  const values = r.chosen.restricted.map((l) => ({
    number: l.path,
    low: at(l.box[0], l.range[0], l.range[1]),
    high: at(l.box[1], l.range[0], l.range[1]),
    value: at(l.value, l.range[0], l.range[1]),
    text: `${f3(l.box[0])} to ${f3(l.box[1])}`,
  }));
  return {
    width: 440,
    height: { step: 26 },
    title: `Where "${r.outcome}" concentrates: the box on each number it restricts (the scenario's value marked)`,
    data: { values },
    encoding: { y: { field: 'number', type: 'nominal', sort: null, title: null, axis: { labelLimit: 600 } } },
    layer: [
      {
        mark: { type: 'bar', color: '#4c78a8', height: 14 },
        encoding: {
          x: { field: 'low', ...POSITION },
          x2: { field: 'high' },
        },
      },
      { mark: { type: 'tick', color: '#e45756', thickness: 3 }, encoding: { x: { field: 'value', type: 'quantitative' } } },
      { mark: { type: 'text', align: 'left', dx: 4 }, encoding: { x: { field: 'high', type: 'quantitative' }, text: { field: 'text' } } },
    ],
  } as TopLevelSpec;
}

function trajectorySpec(r: DiscoveryResult): TopLevelSpec {
  const values = r.trajectory.map((s, k) => ({ step: k, coverage: s.coverage, density: s.density }));
  return {
    width: 360,
    height: 240,
    title: 'The peeling trajectory: coverage against density',
    data: { values },
    mark: { type: 'line', point: true },
    encoding: {
      x: {
        field: 'coverage',
        type: 'quantitative',
        title: 'coverage: share of the outcome inside the box',
        axis: { format: '%' },
        scale: { domain: [0, 1] },
      },
      y: {
        field: 'density',
        type: 'quantitative',
        title: 'density: the outcome’s share inside the box',
        axis: { format: '%' },
        scale: { domain: [0, 1] },
      },
      order: { field: 'step' },
    },
  } as TopLevelSpec;
}

/** `discover`'s report: the chosen box and the trajectory. */
export async function discoveryReport(r: DiscoveryResult, title: string): Promise<string> {
  const [box, trajectory] = await Promise.all([
    r.chosen.restricted.length > 0 ? toSvg(boxSpec(r)) : Promise.resolve(''),
    toSvg(trajectorySpec(r)),
  ]);
  const c = r.chosen;
  return page(
    `Discovery: ${title}`,
    html`<h1>Where "${r.outcome}" happens: ${title}</h1>
<p class="meta">${r.points.toLocaleString('en-US')} points of the uncertain numbers × ${r.runsPerPoint} runs · PRIM, peeling 5% at a time · seed ${r.seed} · scenario <code>${r.scenario.hash.slice(0, 16)}</code> (${r.scenario.file})</p>
<p>Overall, ${percent(r.mean)} of runs. Inside the densest box that still holds ${percent(c.minCoverage)} of the outcome, ${percent(c.density)} of runs (density); the box holds ${percent(c.coverage)} of all such runs (coverage) and ${percent(c.support)} of the points (support).</p>
${c.restricted.length > 0 ? html`<figure id="box">${raw(box)}</figure>` : html`<p>No number narrows it: the outcome does not concentrate in a box.</p>`}
<table id="box-table"><tr><th>number</th><th class="n">box</th><th class="n">plausible range</th><th class="n">scenario's value</th></tr>
${c.restricted.map((l) => html`<tr><td><code>${l.path}</code></td><td class="n">${f3(l.box[0])} – ${f3(l.box[1])}</td><td class="n">${f3(l.range[0])} – ${f3(l.range[1])}</td><td class="n">${f3(l.value)}</td></tr>\n`)}</table>
<h2>Coverage against density</h2>
<p>Each peel raises the density and lowers the coverage; pick the box whose trade-off fits the question (discovery.json holds every box).</p>
<figure id="trajectory">${raw(trajectory)}</figure>`,
  );
}
