import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { main } from '../src/program.js';

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const BASE = join(ROOT, 'scenarios/kuril/_base.yaml');

/** The CLI as a user runs it from `cwd`. */
async function cliIn(cwd: string, ...args: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const saved = process.env.INIT_CWD;
  process.env.INIT_CWD = cwd;
  try {
    const code = await main(args, { out: (s) => void (out += s), err: (s) => void (err += s) });
    return { code, out, err };
  } finally {
    if (saved === undefined) delete process.env.INIT_CWD;
    else process.env.INIT_CWD = saved;
  }
}

const dir = (): string => mkdtempSync(join(tmpdir(), 'parley-validate-'));

describe('validate --provenance', () => {
  const saved = process.env.INIT_CWD;
  afterEach(() => {
    if (saved === undefined) delete process.env.INIT_CWD;
    else process.env.INIT_CWD = saved;
  });

  it('passes the flagship with exit 0 and counts in words, from the repository or from the scenario’s own folder', async () => {
    const fromRoot = await cliIn(ROOT, 'validate', '--provenance', 'scenarios/kuril/2016-nagato.yaml');
    expect(fromRoot.code).toBe(0);
    expect(fromRoot.err).toBe('');
    expect(fromRoot.out).toMatch(/^scenarios\/kuril\/2016-nagato\.yaml: 0 problems$/m);
    expect(fromRoot.out).toMatch(
      /^ {2}\d+ numbers: \d+ stated by a source \(\d+%\), \d+ direction only \(\d+%\), \d+ assumptions \(\d+%\)$/m,
    );
    expect(fromRoot.out).toMatch(/^ {2}ranges: \d+ stated, \d+ by the scenario's rule \(×0\.5 to ×2\), \d+ exact/m);
    expect(fromRoot.out).toMatch(/^ {2}\d+ citations of articles published after the start \(2016Q2\): hindsight, as the scenario says$/m);
    expect(fromRoot.out).toMatch(/^ {2}7 hindcast facts checked against the articles$/m);
    const fromFolder = await cliIn(join(ROOT, 'scenarios/kuril'), 'validate', '--provenance', '2016-nagato.yaml');
    expect(fromFolder.code).toBe(0);
    expect(fromFolder.out.replace('2016-nagato.yaml', '')).toBe(fromRoot.out.replace('scenarios/kuril/2016-nagato.yaml', ''));
  });

  it('a quote that is not in its article is a located problem, and exit 2', async () => {
    const d = dir();
    mkdirSync(join(d, 'sources'));
    copyFileSync(join(ROOT, 'scenarios/kuril/sources/002_772c517c6391e34c.txt'), join(d, 'sources/002_772c517c6391e34c.txt'));
    writeFileSync(
      join(d, 'bad.yaml'),
      `extends: ${BASE}\nactors:\n  japan:\n    mass: { value: 0.5, source: { doc: 002_772c517c6391e34c.txt, quote: "words that are not there" } }\n`,
    );
    const r = await cliIn(d, 'validate', '--provenance', 'bad.yaml');
    expect(r.code).toBe(2);
    expect(r.err.trim()).toBe(
      'bad.yaml:4:73  actors.japan.mass.source.quote  quote not found in 002_772c517c6391e34c.txt: "words that are not there"',
    );
    expect(r.out).toMatch(/^bad\.yaml: 1 problem$/m);
  });

  it('reads an article beside the file that cites it, and refuses a FIFO there instead of hanging', async () => {
    const d = dir();
    mkdirSync(join(d, 'sources'));
    execFileSync('mkfifo', [join(d, 'sources', 'article.txt')]);
    writeFileSync(
      join(d, 'fifo.yaml'),
      `extends: ${BASE}\nsources: { article.txt: { title: An article } }\nactors:\n  japan:\n    mass: { value: 0.5, source: { doc: article.txt, quote: "anything" } }\n`,
    );
    const r = await cliIn(d, 'validate', '--provenance', 'fifo.yaml');
    expect(r.code).toBe(2);
    expect(r.err.trim()).toMatch(
      /^fifo\.yaml:5:\d+ {2}actors\.japan\.mass\.source\.doc {2}cannot check the quote: article\.txt: .*is not a regular file$/,
    );
  });
});

describe('validate', () => {
  it('reports a citation of an article the scenario does not declare, like any dangling name', async () => {
    const d = dir();
    writeFileSync(
      join(d, 'undeclared.yaml'),
      `extends: ${BASE}\nactors:\n  japan:\n    mass: { value: 0.5, source: { doc: 009_missing.txt, quote: "anything" } }\n`,
    );
    const r = await cliIn(d, 'validate', 'undeclared.yaml');
    expect(r.code).toBe(2);
    expect(r.err.trim()).toMatch(
      /^undeclared\.yaml:4:\d+ {2}actors\.japan\.mass\.source\.doc {2}cites "009_missing\.txt", which is not one of the scenario's sources/,
    );
  });

  it('a file that is not a scenario (the README) gets one clear line, not a line per token', async () => {
    const d = dir();
    copyFileSync(join(ROOT, 'README.md'), join(d, 'README.md'));
    const r = await cliIn(d, 'validate', 'README.md');
    expect(r.code).toBe(2);
    expect(r.err.trim().split('\n')).toHaveLength(1);
    expect(r.err).toMatch(
      /^README\.md:\d+:\d+ {2}not a scenario field: expected lines of "field: value" in YAML \(is this a scenario file\?\) \(and \d+ more problems/,
    );
  });

  it('a file in UTF-16, or with YAML tags, is refused in one line', async () => {
    const d = dir();
    writeFileSync(join(d, 'u16.yaml'), Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('id: x\n', 'utf16le')]));
    writeFileSync(join(d, 'tag.yaml'), 'id: !!js/function "function () {}"\n');
    expect((await cliIn(d, 'validate', 'u16.yaml')).err.trim()).toBe('u16.yaml  not a text file in UTF-8 (it is UTF-16); save it as UTF-8');
    expect((await cliIn(d, 'validate', 'tag.yaml')).err.trim()).toBe('tag.yaml:1:5  YAML tags (!tag, !!type) are not allowed in scenarios');
  });
});

describe('batch --out', () => {
  it('where no folder can be made (/proc/foo) is refused in one line at once, not spun on', async () => {
    const r = await cliIn(
      ROOT,
      'batch',
      'scenarios/tutorial/lighthouse-island.yaml',
      '--runs',
      '10',
      '--workers',
      '1',
      '--out',
      '/proc/parley-test',
    );
    expect(r.code).toBe(2);
    expect(r.err.trim()).toBe(
      'parley: cannot use --out /proc/parley-test: cannot create the folder /proc/parley-test: the system does not allow one there',
    );
  });
});
