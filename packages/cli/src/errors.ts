/** A mistake in how the CLI was called (bad flag, bad value, missing file): one line on stderr, exit code 2. */
export class UsageError extends Error {
  override readonly name = 'UsageError';
}

export const EXIT_USAGE = 2;
