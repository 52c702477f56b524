/** A mistake in how the CLI was called (bad flag, bad value, missing file): one line on stderr, exit code 2. */
export class UsageError extends Error {
  override readonly name = 'UsageError';
}

export const EXIT_USAGE = 2;

/** An `--only` pattern as a regular expression (undefined without one); a pattern that is not one is a usage error. */
export function onlyFilter(only: string | undefined): RegExp | undefined {
  if (!only) return undefined;
  try {
    return new RegExp(only);
  } catch {
    throw new UsageError(`invalid --only "${only}": not a regular expression`);
  }
}
