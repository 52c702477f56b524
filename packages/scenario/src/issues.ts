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

/** Control characters a terminal could act on: C0 but tab, line feed and carriage return; DEL; C1 (CSI is U+009B). */
// biome-ignore lint/suspicious/noControlCharactersInRegex: finding control characters is what this is for
const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F]/g;
const escapeControl = (c: string): string => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`;

/**
 * Text safe to print to a terminal: every control character it could act on (an escape sequence
 * that retitles the window or clears the screen) is shown as \u001b and so on. What Parley prints
 * passes through this, whatever a file name, a scenario or a --set value held.
 */
export const printable = (s: string): string => s.replace(CONTROL, escapeControl);

/** Text with a control character other than a line break or a tab: what scenario text may not hold. */
// biome-ignore lint/suspicious/noControlCharactersInRegex: finding control characters is what this is for
export const hasControl = (s: string): boolean => /[\u0000-\u0008\u000B-\u001F\u007F-\u009F]/.test(s);

export function formatIssue(i: ScenarioIssue): string {
  const where = i.line > 0 ? `${i.file}:${i.line}:${i.col}` : i.file;
  return printable(i.path ? `${where}  ${i.path}  ${i.message}` : `${where}  ${i.message}`);
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
