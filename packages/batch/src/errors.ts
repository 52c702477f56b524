/** A user's mistake in a batch request (bad option, mismatched partials, foreign checkpoint): one line, exit code 2. */
export class BatchInputError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'BatchInputError';
  }
}

/** A run threw: not the user's fault; carries what reproduces it. */
export class BatchRunError extends Error {
  constructor(
    readonly run: number,
    readonly seed: number,
    readonly reproduce: string,
    cause: string,
  ) {
    super(`run ${run} (seed ${seed}) failed: ${cause}\nreproduce it with: ${reproduce}`);
    this.name = 'BatchRunError';
  }
}
