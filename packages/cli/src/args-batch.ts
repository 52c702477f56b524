import { UsageError } from './errors.js';

/** `--shard i/n`: the i-th of n slices (1 ≤ i ≤ n). */
export function parseShard(raw: string): { index: number; count: number } {
  const m = /^(\d{1,6})\/(\d{1,6})$/.exec(raw);
  const index = m ? Number(m[1]) : Number.NaN;
  const count = m ? Number(m[2]) : Number.NaN;
  if (!m || count < 1 || index < 1 || index > count)
    throw new UsageError(`invalid --shard "${raw}": expected i/n with 1 ≤ i ≤ n, e.g. --shard 3/16`);
  return { index, count };
}

/** `--until-ci h`: a 95% half-width between 0 and 0.5 (exclusive). */
export function parseHalfWidth(raw: string): number {
  const x = /^(0|[1-9]\d*)?(\.\d+)?$/.test(raw) && raw !== '' ? Number(raw) : Number.NaN;
  if (!(x > 0 && x < 0.5)) throw new UsageError(`invalid --until-ci "${raw}": expected a half-width between 0 and 0.5, e.g. 0.005`);
  return x;
}

export function parseRows(raw: string): 'csv' | 'jsonl' | 'parquet' {
  if (raw === 'csv' || raw === 'jsonl' || raw === 'parquet') return raw;
  throw new UsageError(`invalid --rows "${raw}": expected csv, jsonl or parquet`);
}

/** A concession exponent: a positive number (e.g. 0.5 for Boulware, 2 for a conceder). */
export function parseExponent(raw: string): number {
  const x = /^\d+(\.\d+)?$/.test(raw) ? Number(raw) : Number.NaN;
  if (!(x > 0 && x <= 100))
    throw new UsageError(`invalid --tactic "${raw}": expected a positive number such as 0.5 (Boulware) or 2 (conceder)`);
  return x;
}
