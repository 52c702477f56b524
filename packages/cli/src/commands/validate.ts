import { readFileSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { type ArticleText, checkProvenance, formatIssue, type LoadedScenario, MESSAGES } from '@parley/scenario';

/** The largest article Parley reads to check quotes in. */
const MAX_ARTICLE_BYTES = 20 * 1024 * 1024;

const plural = (n: number, one: string, many = `${one}s`): string => `${n.toLocaleString('en-US')} ${n === 1 ? one : many}`;

/**
 * Where a cited article lives: a `sources/` folder beside the file the citation is written in,
 * or up to three folders above it. Only regular files are read (a folder or a FIFO is refused,
 * never hung on); each file is read once.
 */
export function articleReader(): (name: string, citingFile: string) => ArticleText {
  const read = new Map<string, ArticleText>();
  return (name, citingFile) => {
    const dirs: string[] = [];
    for (let d = dirname(citingFile), k = 0; k < 4; k++, d = dirname(d)) dirs.push(join(d, 'sources'));
    for (const d of dirs) {
      const path = join(d, name);
      let article = read.get(path);
      if (article) return article;
      let size: number;
      try {
        const st = statSync(path);
        if (!st.isFile()) article = { problem: `${path} is not a regular file` };
        size = st.size;
      } catch {
        continue;
      }
      article ??=
        size > MAX_ARTICLE_BYTES ? { problem: `${path} is larger than ${MAX_ARTICLE_BYTES / 1024 / 1024} MB` } : readArticle(path);
      read.set(path, article);
      return article;
    }
    return { problem: `not found in ${dirs[0]} or the sources/ folders above it` };
  };
}

function readArticle(path: string): ArticleText {
  try {
    return { text: readFileSync(path, 'utf8') };
  } catch (e) {
    return { problem: `${path}: ${MESSAGES.fileProblem(e)}` };
  }
}

const pct = (n: number, of: number): string => `${of === 0 ? 0 : Math.round((n / of) * 100)}%`;

/**
 * Provenance report for one valid scenario: each problem as a located line, then what the numbers
 * rest on: their grades, their ranges, the moves, offers and events, and hindsight.
 */
export function provenanceCommand(sc: LoadedScenario): { problems: string; summary: string; ok: boolean } {
  const reader = articleReader();
  const absolute = (shown: string): string => sc.paths[sc.files.indexOf(shown)] ?? sc.paths.at(-1)!;
  const rep = checkProvenance(sc.raw, (name, at) => reader(name, absolute(sc.locate(at).file)));
  const lines = rep.problems.map((p) => formatIssue({ ...sc.locate(p.at), path: p.path, message: p.message }));
  const n = rep.numbers.length;
  const { value, direction, assumption } = rep.grades;
  const r = rep.ranges;
  const rule = sc.data.defaultRange ? ` (×${sc.data.defaultRange.factor[0]} to ×${sc.data.defaultRange.factor[1]})` : '';
  const c = rep.carriers;
  const out = [
    `${sc.file}: ${plural(rep.problems.length, 'problem')}`,
    `  ${plural(n, 'number')}: ${value} stated by a source (${pct(value, n)}), ${direction} direction only (${pct(direction, n)}), ${assumption} ${assumption === 1 ? 'assumption' : 'assumptions'} (${pct(assumption, n)})`,
    `  ranges: ${r.stated} stated, ${r.rule} by the scenario's rule${rule}, ${r.exact} exact (stated by a source, or 0)${r.missing > 0 ? `, ${r.missing} missing` : ''}`,
    `  ${plural(c.sourced + c.assumed, 'move, offer, event or reaction', 'moves, offers, events and reactions')}: ${c.sourced} cite a source, ${c.assumed} ${c.assumed === 1 ? 'is an assumption' : 'are assumptions'}`,
  ];
  if (rep.hindsight > 0)
    out.push(
      `  ${plural(rep.hindsight, 'citation')} of articles published after the start (${sc.data.start})${sc.data.hindsight ? ': hindsight, as the scenario says' : ''}`,
    );
  if (rep.facts > 0) out.push(`  ${plural(rep.facts, 'hindcast fact')} checked against the articles`);
  return { problems: lines.map((l) => `${l}\n`).join(''), summary: `${out.join('\n')}\n`, ok: rep.problems.length === 0 };
}
