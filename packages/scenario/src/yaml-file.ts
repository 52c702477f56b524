import { ScenarioError } from './issues.js';
import { locate, type Position } from './locate.js';
import type { Key } from './overrides.js';
import { parseYaml, type YamlSource } from './yaml-source.js';

/** Parse any Parley YAML input file (moves, transcripts' companions) with the same limits as scenarios; syntax errors are located. */
export function parseYamlFile(text: string, file: string): YamlSource {
  const src = parseYaml(text, file);
  if (Array.isArray(src)) throw new ScenarioError(src.map((p) => ({ file, ...p, path: '' })));
  return src;
}

/** The position of a path in a parsed file. */
export function locateInFile(src: YamlSource, path: readonly Key[]): Position {
  return locate([{ kind: 'file', src }], path);
}
