/**
 * Examples in the docs are what the CLI prints, never typed by hand: a block of a Markdown file
 * between `<!-- output: parley ARGS [lines A-B] -->` and `<!-- /output -->` holds the output of
 * `parley ARGS` (lines A to B, when given) in a fenced code block. `pnpm docs:examples` rewrites
 * every such block; tests/docs.test.ts fails when one is stale.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { main } from '../src/program.js';

export const ROOT = fileURLToPath(new URL('../../../', import.meta.url));

const BLOCK = /(<!-- output: parley (.+?)(?: lines (\d+)-(\d+))? -->\n)[\s\S]*?(<!-- \/output -->)/g;

/** The Markdown files that may hold examples: the README and everything under docs/. */
export function docFiles(): string[] {
  const out = [join(ROOT, 'README.md')];
  const walk = (dir: string): void => {
    for (const e of readdirSync(dir, { withFileTypes: true })) {
      if (e.isDirectory()) walk(join(dir, e.name));
      else if (e.name.endsWith('.md')) out.push(join(dir, e.name));
    }
  };
  walk(join(ROOT, 'docs'));
  return out;
}

/** What `parley args` prints on stdout, run in this process from the repository root. */
async function output(args: string): Promise<string> {
  let out = '';
  let err = '';
  const argv = args.split(/\s+/).filter(Boolean);
  const saved = process.env.INIT_CWD;
  process.env.INIT_CWD = ROOT;
  try {
    const code = await main(argv, { out: (s) => void (out += s), err: (s) => void (err += s) });
    if (code !== 0) throw new Error(`parley ${args} exited ${code}: ${err}`);
  } finally {
    if (saved === undefined) delete process.env.INIT_CWD;
    else process.env.INIT_CWD = saved;
  }
  return out;
}

/** `text` with every example block filled with what its command prints now. */
export async function withExamples(text: string): Promise<string> {
  const blocks = [...text.matchAll(BLOCK)];
  let result = text;
  for (const b of blocks) {
    const [whole, open, args, from, to, close] = b as unknown as [string, string, string, string | undefined, string | undefined, string];
    let lines = (await output(args)).replace(/\n$/, '').split('\n');
    if (from && to) lines = lines.slice(Number(from) - 1, Number(to));
    result = result.replace(whole, () => `${open}\`\`\`\n${lines.join('\n')}\n\`\`\`\n${close}`);
  }
  return result;
}

export async function examplesIn(file: string): Promise<{ text: string; updated: string }> {
  const text = readFileSync(file, 'utf8');
  return { text, updated: await withExamples(text) };
}
