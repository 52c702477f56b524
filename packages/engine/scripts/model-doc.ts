import { collectProvenance, loadScenarioFile } from '@parley/scenario';
import { protocolDiagram } from '../src/diagram.js';

/** The generated blocks of docs/model.md, by marker name. */
export function modelDocBlocks(scenarioFile: string): Record<string, string> {
  const sc = loadScenarioFile(scenarioFile);
  const rows = collectProvenance(sc.data).map((e) => {
    const src = e.source ? `${e.source.doc}: “${e.source.quote}”` : '';
    const why = e.assumption ? `assumption: ${e.assumption}` : '';
    const cell = (s: string): string => s.replace(/\|/g, '\\|').replace(/\n/g, ' ');
    return `| \`${e.path}\` | ${e.value ?? ''} | ${cell([src, why].filter(Boolean).join(' — '))} |`;
  });
  return {
    diagram: ['```mermaid', protocolDiagram(), '```'].join('\n'),
    parameters: ['| field | value | source or assumption |', '|---|---|---|', ...rows].join('\n'),
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
