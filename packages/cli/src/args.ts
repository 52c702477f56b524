import { UsageError } from './errors.js';

/** A seed: a whole number from 0 to 2^53 − 1. */
export function parseSeed(raw: string): number {
  const n = /^\d{1,16}$/.test(raw) ? Number(raw) : Number.NaN;
  if (!Number.isSafeInteger(n)) throw new UsageError(`invalid seed "${raw}": expected a whole number from 0 to ${Number.MAX_SAFE_INTEGER}`);
  return n;
}

/** A count from `min` to `max`. */
export function parseCount(flag: string, min: number, max: number) {
  return (raw: string): number => {
    const n = /^\d+$/.test(raw) ? Number(raw) : Number.NaN;
    if (!Number.isSafeInteger(n) || n < min || n > max)
      throw new UsageError(`invalid ${flag} "${raw}": expected a whole number from ${min} to ${max}`);
    return n;
  };
}

/** Paths are relative to where the user ran the command (pnpm runs scripts from the repo root and keeps the original in INIT_CWD). */
export function userCwd(): string {
  return process.env.INIT_CWD ?? process.cwd();
}
