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

/** Provenance report for one valid scenario: each problem as a located line, then the counts. */
export function provenanceCommand(sc: LoadedScenario): { problems: string; summary: string; ok: boolean } {
  const reader = articleReader();
  const absolute = (shown: string): string => sc.paths[sc.files.indexOf(shown)] ?? sc.paths.at(-1)!;
  const rep = checkProvenance(sc.data, (name, at) => reader(name, absolute(sc.locate(at).file)));
  // A hindcast's facts have their quotes checked but are not values of the model: counted apart.
  const facts = rep.facts;
  const total = rep.entries.length;
  const lines = rep.problems.map((p) => formatIssue({ ...sc.locate(p.at), path: p.path, message: p.message }));
  const share = total === 0 ? 100 : (rep.sourced / total) * 100;
  const summary = `${sc.file}: ${plural(total, 'value')}: ${rep.sourced} sourced (${share.toFixed(0)}%), ${plural(rep.assumed, 'labelled assumption')}${facts > 0 ? `; ${plural(facts, 'hindcast fact')}` : ''}, ${plural(rep.problems.length, 'problem')}\n`;
  return { problems: lines.map((l) => `${l}\n`).join(''), summary, ok: rep.problems.length === 0 };
}
