import { execFileSync, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { lstatSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, readlinkSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { sealed } from '@parley/batch';
import { beforeAll, describe, expect, it } from 'vitest';
import { main } from '../packages/cli/src/program.js';

/**
 * Hostile and careless input, as the red-team audit tried it: every case is refused with exit
 * code 2 and one clear line, no stack trace, nothing written (not even the --out it was asked
 * for), and no input changed. Each case gets a fresh folder; the repository's files it reads are
 * checked unchanged too.
 */
const ROOT = fileURLToPath(new URL('..', import.meta.url));
const TUTORIAL = join(ROOT, 'scenarios/tutorial/lighthouse-island.yaml');
const NAGATO = join(ROOT, 'scenarios/exercises/nagato-2016.yaml');
const GENIUS = join(ROOT, 'scenarios/genius');

async function cli(...args: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const code = await main(args, { out: (s) => void (out += s), err: (s) => void (err += s) });
  return { code, out, err };
}

/** Every entry under `dir` with what it is and its content's hash: what "nothing changed" compares. */
function snapshot(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  const walk = (d: string): void => {
    for (const name of readdirSync(d).sort()) {
      const p = join(d, name);
      const st = lstatSync(p);
      if (st.isSymbolicLink()) out[p] = `link → ${readlinkSync(p)}`;
      else if (st.isDirectory()) {
        out[p] = 'folder';
        walk(p);
      } else if (st.isFile()) out[p] = createHash('sha256').update(readFileSync(p)).digest('hex');
      else out[p] = 'special';
    }
  };
  walk(dir);
  return out;
}

const extending = (body: string): string => `extends: ${TUTORIAL}\n${body}`;

/** A played transcript and a shard partial, made once by the real commands, for the cases that forge them. */
const made = { transcript: '', partial: '' };
beforeAll(async () => {
  const dir = mkdtempSync(join(tmpdir(), 'parley-hostile-made-'));
  made.transcript = join(dir, 'game.json');
  made.partial = join(dir, 'part-1.json');
  expect((await cli('exercise', NAGATO, '--auto', '--out', made.transcript)).code).toBe(0);
  expect((await cli('batch', TUTORIAL, '--runs', '600', '--chunk-size', '150', '--shard', '1/2', '--out', made.partial)).code).toBe(0);
}, 120_000);

type Json = Record<string, unknown>;
const json = (file: string): Json => JSON.parse(readFileSync(file, 'utf8'));
/** A Parley file edited and sealed again, as a forger who knows the checksum would. */
const forged = (file: string, edit: (doc: Json) => void): string => {
  const { checksum: _, ...doc } = json(file);
  edit(doc);
  return JSON.stringify(sealed(doc));
};

interface Case {
  readonly name: string;
  /** Files to create in the case's folder: text, or a special kind. */
  readonly files?: () => Record<string, string | Buffer | { fifo: true } | { link: string } | { dir: true }>;
  readonly args: (d: string) => string[];
  /** What the one line says. */
  readonly says: RegExp;
}

const CASES: Case[] = [
  // Scenarios
  {
    name: '__proto__ as a move id',
    files: () => ({ 's.yaml': extending('moves:\n  __proto__: { label: x, by: west, assumption: "none" }\n') }),
    args: (d) => ['validate', join(d, 's.yaml')],
    says: /"__proto__" is a reserved name/,
  },
  {
    name: 'an escape sequence in a title',
    files: () => ({ 's.yaml': extending('title: "Esc \\e]0;pwned\\a\\e[2J"\n') }),
    args: (d) => ['run', join(d, 's.yaml')],
    says: /title {2}holds a control character/,
  },
  {
    name: 'an alias bomb',
    files: () => ({
      's.yaml': extending(
        [
          'a: &a [x, x, x, x, x, x, x, x, x, x]',
          ...'bcdefghi'.split('').map((c, k) => `${c}: &${c} [${Array(10).fill(`*${'abcdefghi'[k]}`).join(', ')}]`),
        ].join('\n'),
      ),
    }),
    args: (d) => ['validate', join(d, 's.yaml')],
    says: /s\.yaml:3:\d+ {2}these YAML aliases .* "alias bomb"/,
  },
  {
    name: 'nesting hidden behind a quote',
    files: () => ({ 's.yaml': extending(`x: [a "b, ${'['.repeat(5000)}${']'.repeat(5000)}]\n`) }),
    args: (d) => ['validate', join(d, 's.yaml')],
    says: /nesting is too deep/,
  },
  {
    name: 'a YAML tag',
    files: () => ({ 's.yaml': extending('title: !!js/function "function () { return 1 }"\n') }),
    args: (d) => ['validate', join(d, 's.yaml')],
    says: /YAML tags .* are not allowed/,
  },
  {
    name: 'an event after the scenario ends',
    files: () => ({ 's.yaml': extending('events:\n  late: { label: Late, at: 2090Q1, summit: true, assumption: "x x x" }\n') }),
    args: (d) => ['run', join(d, 's.yaml')],
    says: /2090Q1 is outside the scenario/,
  },
  {
    name: 'a zero byte',
    files: () => ({ 's.yaml': 'id: x\u0000\n' }),
    args: (d) => ['validate', join(d, 's.yaml')],
    says: /not a text file in UTF-8 \(a zero byte at offset 5\)/,
  },
  {
    name: 'a UTF-16 file',
    files: () => ({ 's.yaml': Buffer.from('\ufeffid: x\n', 'utf16le') }),
    args: (d) => ['validate', join(d, 's.yaml')],
    says: /UTF-16/,
  },
  {
    name: 'a folder as the scenario',
    files: () => ({ 's.yaml': { dir: true } }),
    args: (d) => ['run', join(d, 's.yaml')],
    says: /not a file/,
  },
  {
    name: 'a FIFO as the scenario',
    files: () => ({ 's.yaml': { fifo: true } }),
    args: (d) => ['validate', join(d, 's.yaml')],
    says: /not a file/,
  },
  {
    name: 'a loop of symbolic links',
    files: () => ({ 'a.yaml': { link: 'b.yaml' }, 'b.yaml': { link: 'a.yaml' } }),
    args: (d) => ['validate', join(d, 'a.yaml')],
    says: /a loop of symbolic links$/,
  },
  {
    name: 'a file over 2 MB',
    files: () => ({ 's.yaml': `# ${'x'.repeat(2 * 1024 * 1024)}\n` }),
    args: (d) => ['validate', join(d, 's.yaml')],
    says: /file is too large/,
  },
  {
    name: 'extends a system file',
    files: () => ({ 's.yaml': 'extends: /etc/passwd\n' }),
    args: (d) => ['validate', join(d, 's.yaml')],
    says: /^\/etc\/passwd:1:1 {2}expected a mapping of fields at the top level$/,
  },
  {
    name: 'a source named "."',
    files: () => ({ 's.yaml': extending('sources: { ".": { title: x } }\n') }),
    args: (d) => ['validate', join(d, 's.yaml'), '--provenance'],
    says: /expected a file name/,
  },
  {
    name: 'several YAML documents',
    files: () => ({ 's.yaml': extending('---\nid: y\n') }),
    args: (d) => ['validate', join(d, 's.yaml')],
    says: /holds several/,
  },
  // --set
  {
    name: '--set an index far beyond a list',
    args: () => ['run', TUTORIAL, '--set', 'economy[99999999].value=0.5'],
    says: /beyond the end of the list/,
  },
  { name: '--set through __proto__', args: () => ['run', TUTORIAL, '--set', 'actors.__proto__.polluted=1'], says: /__proto__/ },
  {
    name: '--set an escape sequence',
    args: () => ['run', TUTORIAL, '--set', 'title=\u001b]0;pwned\u0007'],
    says: /holds a control character/,
  },
  { name: '--set without a value', args: () => ['run', TUTORIAL, '--set', 'title'], says: /--set title/ },
  // Exercises and moves
  {
    name: '--role constructor',
    args: (d) => ['exercise', NAGATO, '--auto', '--role', 'constructor', '--out', join(d, 'g.json')],
    says: /constructor/,
  },
  {
    name: '--role toString',
    args: (d) => ['exercise', NAGATO, '--auto', '--role', 'toString', '--out', join(d, 'g.json')],
    says: /toString/,
  },
  {
    name: '--inject constructor@1',
    args: (d) => ['exercise', NAGATO, '--auto', '--inject', 'constructor@1', '--out', join(d, 'g.json')],
    says: /constructor/,
  },
  {
    name: 'an exercise with a __proto__ role',
    files: () => ({
      'ex.yaml': `${readFileSync(NAGATO, 'utf8')
        .replace('scenario: ../kuril/2016-nagato.yaml', `scenario: ${join(ROOT, 'scenarios/kuril/2016-nagato.yaml')}`)
        .replace(/^ {2}japan:$/m, '  __proto__:')}`,
    }),
    args: (d) => ['exercise', join(d, 'ex.yaml'), '--auto', '--out', join(d, 'g.json')],
    says: /__proto__/,
  },
  {
    name: 'exercise --out onto the exercise',
    files: () => ({
      'ex.yaml': readFileSync(NAGATO, 'utf8').replace(
        'scenario: ../kuril/2016-nagato.yaml',
        `scenario: ${join(ROOT, 'scenarios/kuril/2016-nagato.yaml')}`,
      ),
    }),
    args: (d) => ['exercise', join(d, 'ex.yaml'), '--auto', '--out', join(d, 'ex.yaml')],
    says: /input of this command/,
  },
  {
    name: 'a moves file naming an unknown offer',
    files: () => ({ 'm.yaml': 'japan:\n  - { turn: 1, offer: no-such-offer }\n' }),
    args: (d) => ['exercise', NAGATO, '--moves', join(d, 'm.yaml'), '--out', join(d, 'g.json')],
    says: /no-such-offer/,
  },
  // Transcripts
  {
    name: 'a transcript cut short',
    files: () => ({ 'g.json': readFileSync(made.transcript, 'utf8').slice(0, 500) }),
    args: (d) => ['replay', join(d, 'g.json')],
    says: /g\.json/,
  },
  {
    name: 'a transcript edited by hand',
    files: () => ({ 'g.json': readFileSync(made.transcript, 'utf8').replace(/"outcome": ?"[^"]*"/, '"outcome":"treaty-full"') }),
    args: (d) => ['debrief', join(d, 'g.json')],
    says: /changed after Parley wrote it/,
  },
  {
    name: 'a resealed transcript without its exercise',
    files: () => ({ 'g.json': forged(made.transcript, (t) => delete t.exercise) }),
    args: (d) => ['replay', join(d, 'g.json')],
    says: /exercise/,
  },
  {
    name: 'a resealed transcript with a forged outcome',
    files: () => ({ 'g.json': forged(made.transcript, (t) => void (t.outcome = 'treaty-full')) }),
    args: (d) => ['debrief', join(d, 'g.json'), '--out', join(d, 'd.html')],
    says: /outcome/,
  },
  ...(['seed', 'mode', 'treatyQuarter'] as const).map((field) => ({
    name: `a resealed transcript whose ${field} is markup`,
    files: () => ({ 'g.json': forged(made.transcript, (t) => void (t[field] = '<img src=x onerror=alert(1)>')) }),
    args: (d: string) => ['debrief', join(d, 'g.json'), '--out', join(d, 'd.html')],
    says: new RegExp(field === 'treatyQuarter' ? 'treaty' : field),
  })),
  {
    name: 'debrief --out onto its transcript',
    files: () => ({ 'g.json': readFileSync(made.transcript, 'utf8') }),
    args: (d) => ['debrief', join(d, 'g.json'), '--out', join(d, 'g.json')],
    says: /input of this command/,
  },
  {
    name: 'debrief --out beside the transcript’s own Markdown',
    files: () => ({ 'g.json': readFileSync(made.transcript, 'utf8'), 'g.md': '# the class’s notes\n' }),
    args: (d) => ['debrief', join(d, 'g.json'), '--out', join(d, 'g.html')],
    says: /will not write .*g\.md: it is an input of this command/,
  },
  // Partials
  {
    name: 'a partial edited by hand',
    files: () => ({ 'p.json': readFileSync(made.partial, 'utf8').replace('"runs":300', '"runs":3000') }),
    args: (d) => ['merge', join(d, 'p.json'), '--out', join(d, 'all')],
    says: /changed after Parley wrote it/,
  },
  {
    name: 'a resealed partial with counts ×10',
    files: () => ({
      'p.json': forged(made.partial, (p) => void ((p.acc as Json).counts = ((p.acc as Json).counts as number[]).map((c) => c * 10))),
    }),
    args: (d) => ['merge', join(d, 'p.json'), '--out', join(d, 'all')],
    says: /p\.json/,
  },
  {
    name: 'a resealed partial with a negative count',
    files: () => ({ 'p.json': forged(made.partial, (p) => void (((p.acc as Json).counts as number[])[4] = -121)) }),
    args: (d) => ['merge', join(d, 'p.json'), '--out', join(d, 'all')],
    says: /p\.json/,
  },
  {
    name: 'a resealed partial without meta',
    files: () => ({ 'p.json': forged(made.partial, (p) => delete p.meta) }),
    args: (d) => ['merge', join(d, 'p.json'), '--out', join(d, 'all')],
    says: /p\.json/,
  },
  {
    name: 'a resealed partial with chunks as text',
    files: () => ({ 'p.json': forged(made.partial, (p) => void (p.chunks = ['6', '13'])) }),
    args: (d) => ['merge', join(d, 'p.json'), '--out', join(d, 'all')],
    says: /p\.json/,
  },
  {
    name: 'a resealed partial with a chunk size of 0',
    files: () => ({ 'p.json': forged(made.partial, (p) => void ((p.meta as Json).chunkSize = 0)) }),
    args: (d) => ['merge', join(d, 'p.json'), '--out', join(d, 'all')],
    says: /p\.json/,
  },
  {
    name: 'a resealed partial whose seed is markup',
    files: () => ({ 'p.json': forged(made.partial, (p) => void ((p.meta as Json).seed = '<script>alert(1)</script>')) }),
    args: (d) => ['merge', join(d, 'p.json'), '--out', join(d, 'all')],
    says: /p\.json/,
  },
  // GENIUS
  {
    name: 'GENIUS weights summing to 0',
    files: () => ({
      'c.xml': readFileSync(join(GENIUS, 'fishing-coastal.xml'), 'utf8').replace(/(<weight index="\d" value=)"[^"]*"/g, '$1"0"'),
    }),
    args: (d) => [
      'bargain',
      '--genius',
      join(GENIUS, 'fishing-domain.xml'),
      '--profiles',
      join(GENIUS, 'fishing-visitor.xml'),
      join(d, 'c.xml'),
      '--out',
      join(d, 'out'),
    ],
    says: /c\.xml:\d+:\d+ {2}the issue weights sum to 0/,
  },
  {
    name: 'a GENIUS reservation that is not a number',
    files: () => ({
      'c.xml': readFileSync(join(GENIUS, 'fishing-coastal.xml'), 'utf8').replace(
        /<reservation value="[^"]*"\/>/,
        '<reservation value="abc"/>',
      ),
    }),
    args: (d) => [
      'negotiate',
      '--genius',
      join(GENIUS, 'fishing-domain.xml'),
      '--profiles',
      join(GENIUS, 'fishing-visitor.xml'),
      join(d, 'c.xml'),
    ],
    says: /c\.xml:\d+:\d+ {2}the reservation value is "abc": expected a number/,
  },
  // Sweeps
  {
    name: 'a sweep step in exponent form',
    args: (d) => ['sweep', TUTORIAL, '--param', 'actors.west.mass=0:1:1e-300', '--out', join(d, 'out')],
    says: /"1e-300" is not a decimal number/,
  },
  {
    name: 'a sweep step with 121 decimals',
    args: (d) => ['sweep', TUTORIAL, '--param', `actors.west.mass=0:0:0.${'0'.repeat(120)}1`, '--out', join(d, 'out')],
    says: /121 decimal places; at most 15/,
  },
  // Outputs
  { name: "--out ''", args: () => ['batch', TUTORIAL, '--runs', '10', '--out', ''], says: /^parley: --out is empty/ },
  { name: '--out /', args: () => ['batch', TUTORIAL, '--runs', '10', '--out', '/'], says: /--out \/ holds other files/ },
  { name: '--out under /proc', args: () => ['batch', TUTORIAL, '--runs', '10', '--out', '/proc/parley-x/y'], says: /\/proc\/parley-x/ },
  {
    name: 'a shard --out onto its scenario',
    files: () => ({ 's.yaml': extending('') }),
    args: (d) => ['batch', join(d, 's.yaml'), '--runs', '10', '--shard', '1/2', '--out', join(d, 's.yaml')],
    says: /input of this command/,
  },
  {
    name: 'a shard --out onto a link to its scenario',
    files: () => ({ 's.yaml': extending(''), 'l.yaml': { link: 's.yaml' } }),
    args: (d) => ['batch', join(d, 's.yaml'), '--runs', '10', '--shard', '1/2', '--out', join(d, 'l.yaml')],
    says: /input of this command/,
  },
  {
    name: 'a shard --out onto a FIFO',
    files: () => ({ f: { fifo: true } }),
    args: (d) => ['batch', TUTORIAL, '--runs', '10', '--shard', '1/2', '--out', join(d, 'f')],
    says: /not a regular file/,
  },
  {
    name: 'a shard --out onto an existing file',
    files: () => ({ 'notes.txt': 'mine\n' }),
    args: (d) => ['batch', TUTORIAL, '--runs', '10', '--shard', '1/2', '--out', join(d, 'notes.txt')],
    says: /--force/,
  },
  {
    name: 'a batch --out onto a folder of other files',
    files: () => ({ 'out/thesis.tex': 'mine\n' }),
    args: (d) => ['batch', TUTORIAL, '--runs', '10', '--out', join(d, 'out')],
    says: /holds other files/,
  },
];

describe('hostile and careless input', () => {
  const repoInputs = [TUTORIAL, NAGATO, join(GENIUS, 'fishing-coastal.xml')];
  const before = Object.fromEntries(repoInputs.map((f) => [f, readFileSync(f, 'utf8')]));

  it.each(CASES.map((c) => [c.name, c] as const))('%s: exit 2, one line, nothing written, no input changed', async (_, c) => {
    const d = mkdtempSync(join(tmpdir(), 'parley-hostile-'));
    for (const [name, content] of Object.entries(c.files?.() ?? {})) {
      const p = join(d, name);
      mkdirSync(join(p, '..'), { recursive: true });
      if (typeof content === 'string' || Buffer.isBuffer(content)) writeFileSync(p, content);
      else if ('fifo' in content) execFileSync('mkfifo', [p]);
      else if ('link' in content) symlinkSync(content.link, p);
      else mkdirSync(p);
    }
    const was = snapshot(d);
    const r = await cli(...c.args(d));
    expect(r.code, r.err).toBe(2);
    const lines = r.err.trimEnd().split('\n');
    expect(lines, r.err).toHaveLength(1);
    expect(r.err).not.toMatch(/\n\s+at |Error:|TypeError|RangeError/);
    expect(lines[0]).toMatch(c.says);
    expect(snapshot(d)).toEqual(was);
    for (const f of repoInputs) expect(readFileSync(f, 'utf8')).toBe(before[f]);
  });
});

describe('what a hostile name reaches', () => {
  it('reports and debriefs escape every name and number: no tag from the input survives', async () => {
    const d = mkdtempSync(join(tmpdir(), 'parley-hostile-html-'));
    const tag = '<img src=x onerror=alert(1)>';
    const script = '</text><script>alert(2)</script>';
    writeFileSync(join(d, 's.yaml'), extending(`title: "${tag}"\nactors:\n  west:\n    name: "${script}"\n`));
    expect((await cli('batch', join(d, 's.yaml'), '--runs', '300', '--out', join(d, 'batch'))).code).toBe(0);
    const scenario = join(ROOT, 'scenarios/kuril/2016-nagato.yaml');
    writeFileSync(
      join(d, 'ex.yaml'),
      readFileSync(NAGATO, 'utf8')
        .replace('scenario: ../kuril/2016-nagato.yaml', `scenario: ${scenario}`)
        .replace(/^title: .*$/m, `title: "${tag}"`)
        .replace(/^questions:\n/m, `questions:\n  - "${script}"\n`),
    );
    expect((await cli('exercise', join(d, 'ex.yaml'), '--auto', '--out', join(d, 'g.json'))).code).toBe(0);
    expect((await cli('debrief', join(d, 'g.json'), '--runs', '20', '--out', join(d, 'debrief.html'))).code).toBe(0);
    for (const file of [join(d, 'batch', 'report.html'), join(d, 'debrief.html')]) {
      const html = readFileSync(file, 'utf8');
      expect(html, file).not.toContain('<img src=x');
      expect(html, file).not.toContain('<script>alert');
      expect(html, file).toContain('&lt;img src=x onerror=alert(1)&gt;');
    }
  }, 120_000);

  it('a terminal escape in a file name, a --set value or a key is printed as \\u001b, never sent raw', () => {
    const d = mkdtempSync(join(tmpdir(), 'parley-hostile-tty-'));
    const esc = '\u001b]0;pwned\u0007\u001b[2J';
    writeFileSync(join(d, `notes${esc}.txt`), 'mine\n');
    writeFileSync(join(d, 'key.yaml'), extending(`"${esc.split('\u001b').join('\\e').split('\u0007').join('\\a')}": 1\n`));
    const bin = (...args: string[]) =>
      spawnSync(process.execPath, ['--conditions=source', '--import', 'tsx', join(ROOT, 'packages/cli/src/bin.ts'), ...args], {
        cwd: ROOT,
        encoding: 'utf8',
      });
    for (const args of [
      ['run', join(d, `missing${esc}.yaml`)],
      ['run', TUTORIAL, '--set', `title=${esc}`],
      ['run', TUTORIAL, '--set', `actors.west${esc}=1`],
      ['validate', join(d, 'key.yaml')],
      ['batch', TUTORIAL, '--runs', '10', '--shard', '1/2', '--out', join(d, `notes${esc}.txt`)],
    ]) {
      const r = bin(...args);
      expect(r.status, args.join(' ')).toBe(2);
      const raw = [...(r.stdout + r.stderr)].filter((c) => ['\u0007', '\u001b', '\u009b'].includes(c));
      expect(raw, args.join(' ')).toEqual([]);
      expect(r.stderr, args.join(' ')).toContain('\\u001b');
    }
  }, 120_000);
});
