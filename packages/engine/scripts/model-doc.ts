import { collectProvenance, gradedNumbers, loadScenarioFile } from '@parley/scenario';
import { protocolDiagram } from '../src/diagram.js';

/** The generated blocks of docs/model.md, by marker name. */
export function modelDocBlocks(scenarioFile: string): Record<string, string> {
  const sc = loadScenarioFile(scenarioFile);
  // Quotes are not read here (validate --provenance checks them): only grades and ranges are wanted.
  const entries = collectProvenance(sc.raw);
  const ranges = new Map(gradedNumbers(sc.raw, entries).map((n) => [n.path, n]));
  // Each number the file writes with its own provenance, and each move, offer and event; a plain
  // size inside a move shares its move's row.
  const rows = entries
    .filter((e) => !e.inherited)
    .map((e) => {
      const src = e.source ? `${e.source.doc}: “${e.source.quote}”` : '';
      const why = e.assumption ? `assumption: ${e.assumption}` : '';
      const cell = (s: string): string => s.replace(/\|/g, '\\|').replace(/\n/g, ' ');
      const n = ranges.get(e.path);
      const range = n?.plausible ? `[${n.plausible[0]}, ${n.plausible[1]}]${n.rangeKind === 'rule' ? ' (rule)' : ''}` : '';
      return `| \`${e.path}\` | ${e.value ?? ''} | ${e.grade} | ${range} | ${cell([src, why].filter(Boolean).join(' — '))} |`;
    });
  return {
    diagram: ['```mermaid', protocolDiagram(), '```'].join('\n'),
    parameters: ['| field | value | grade | plausible range | source or assumption |', '|---|---|---|---|---|', ...rows].join('\n'),
  };
}

/** Replace the text between `<!-- generated:NAME -->` and `<!-- /generated:NAME -->`. */
export function replaceBlocks(text: string, blocks: Record<string, string>): string {
  let out = text;
  for (const [name, body] of Object.entries(blocks)) {
    const re = new RegExp(`(<!-- generated:${name} -->)[\\s\\S]*?(<!-- /generated:${name} -->)`);
    if (!re.test(out)) throw new Error(`docs/model.md has no generated:${name} block`);
    out = out.replace(re, (_, open: string, close: string) => `${open}\n${body}\n${close}`);
  }
  return out;
}
