import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';

const root = fileURLToPath(new URL('..', import.meta.url));
const sourcesOf = (pkg: string): { file: string; text: string }[] => {
  const dir = join(root, 'packages', pkg, 'src');
  const walk = (d: string): string[] =>
    readdirSync(d, { withFileTypes: true }).flatMap((e) =>
      e.isDirectory() ? walk(join(d, e.name)) : /\.tsx?$/.test(e.name) ? [join(d, e.name)] : [],
    );
  return walk(dir).map((file) => ({ file, text: readFileSync(file, 'utf8') }));
};
const imports = (text: string): string[] => [...text.matchAll(/\bfrom\s+'([^']+)'|import\(\s*'([^']+)'\s*\)/g)].map((m) => m[1] ?? m[2]!);

describe('architecture', () => {
  it('the domain core imports no xstate, ink, React or node: module — only immer and seedrandom', () => {
    const core = join(root, 'packages', 'core', 'src');
    for (const { file, text } of sourcesOf('core')) {
      for (const spec of imports(text)) {
        const inside = spec.startsWith('.') && resolve(dirname(file), spec).startsWith(`${core}/`);
        const ok = inside || spec === 'immer' || spec === 'seedrandom';
        expect(ok, `${file} imports ${spec}`).toBe(true);
      }
    }
  });

  it('the batch kernel is sealed: no package but the core reads its cell layout, its raw cells or its samplers', () => {
    // What other packages use of it: a kernel per model (engine), its runs, its live view and its readers (Measure, in the model's terms).
    const internals = /\.L\b|\bworld\.x\b|\bLayout\b|\bSampler?\b|\bcompileSampler\b|\bpackWorld\b|\bKernelWorld\b|\bKernelEvaluator\b/;
    const outside = ['engine', 'batch', 'scenario', 'teaching', 'tui', 'cli', 'class'].flatMap(sourcesOf);
    expect(outside.length).toBeGreaterThan(40);
    for (const { file, text } of outside) expect(internals.exec(text)?.[0], file).toBeUndefined();
  });

  it('the engine imports only the core, xstate and immer', () => {
    for (const { file, text } of sourcesOf('engine')) {
      for (const spec of imports(text)) {
        expect(spec.startsWith('./') || ['@parley/core', 'xstate', 'immer'].includes(spec), `${file} imports ${spec}`).toBe(true);
      }
    }
  });

  it('no country, island, event or move name from any scenario appears in engine code, nor in the class server and its pages', () => {
    const scenarioDir = join(root, 'scenarios');
    const files = readdirSync(scenarioDir, { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.yaml'));
    const names = new Set<string>();
    for (const f of files) {
      const doc = parse(readFileSync(join(scenarioDir, f), 'utf8'));
      for (const section of ['actors', 'territories', 'events', 'moves', 'offers']) {
        for (const [id, v] of Object.entries(doc[section] ?? {})) {
          if (id.length > 2) names.add(id); // two-letter ids ("us") are ordinary words
          const name = (v as { name?: string } | null)?.name;
          if (name) {
            names.add(name);
            for (const word of name.split(/[\s()]+/)) if (section === 'territories' && word.length > 3) names.add(word);
          }
        }
      }
    }
    for (const extra of ['Kuril', 'Japan', 'Russia', 'China', 'Abe', 'Putin', 'Nagato', 'Crimea']) names.add(extra);
    expect(names.size).toBeGreaterThan(20);
    // The class server and its pages too: a class plays any exercise of any scenario.
    const web = join(root, 'packages', 'class', 'web');
    const pages = readdirSync(web).map((f) => ({ file: join(web, f), text: readFileSync(join(web, f), 'utf8') }));
    for (const { file, text } of [...['core', 'engine', 'class'].flatMap(sourcesOf), ...pages]) {
      for (const n of names) {
        expect(new RegExp(`\\b${n.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\b`, 'i').test(text), `${file} mentions "${n}"`).toBe(false);
      }
    }
  });
});
