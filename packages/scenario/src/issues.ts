/** A problem found in a scenario file, located at the bad field. */
export interface ScenarioIssue {
  readonly file: string;
  /** 1-based; 0 when the position is unknown. */
  readonly line: number;
  readonly col: number;
  /** Dotted path of the field, e.g. actors.japan.weights.territory.value */
  readonly path: string;
  readonly message: string;
}

/** A user's mistake in a scenario: shown as located lines, never as a stack trace. */
export class ScenarioError extends Error {
  constructor(readonly issues: readonly ScenarioIssue[]) {
    super(issues.map(formatIssue).join('\n'));
    this.name = 'ScenarioError';
  }
}

export function formatIssue(i: ScenarioIssue): string {
  const where = i.line > 0 ? `${i.file}:${i.line}:${i.col}` : i.file;
  return i.path ? `${where}  ${i.path}  ${i.message}` : `${where}  ${i.message}`;
}

/**
 * A path as messages and `--set` write it: `actors.japan.weights.treaty`, `trust[0]`. A key that is
 * not a plain name is quoted, with any control character escaped: `sources[".."]`, `moves["a\u001b"]`.
 */
export const pathString = (path: readonly PropertyKey[]): string =>
  path
    .map((p) => (typeof p === 'number' ? `[${p}]` : /^[A-Za-z0-9_$-]+$/.test(String(p)) ? String(p) : `[${JSON.stringify(String(p))}]`))
    .join('.')
    .replace(/\.\[/g, '[');
