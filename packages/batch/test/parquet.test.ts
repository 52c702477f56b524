import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parquetMetadata, parquetReadObjects } from 'hyparquet';
import { describe, expect, it } from 'vitest';
import { csvRowsToParquet } from '../src/parquet.js';

describe('csvRowsToParquet', () => {
  it('converts rows group by group, typed, with a missing treaty quarter as null, and removes the CSV', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'parley-parquet-'));
    const csv = join(dir, 'runs.parquet.csv.partial');
    const out = join(dir, 'runs.parquet');
    const lines = Array.from(
      { length: 7 },
      (_, k) => `${k},${k % 2 ? 'frozen' : 'treaty-partial'},${k % 2 ? '' : `2017Q${(k % 4) + 1}`},${k / 8}`,
    );
    writeFileSync(csv, `run,outcome,treaty_quarter,final_trust\n${lines.join('\n')}\n`);
    expect(csvRowsToParquet(csv, out, 3)).toBe(7);
    expect(existsSync(csv)).toBe(false);
    expect(existsSync(`${out}.partial`)).toBe(false);
    const buf = readFileSync(out);
    const file = buf.buffer.slice(buf.byteOffset, buf.byteOffset + buf.byteLength);
    expect(parquetMetadata(file).row_groups).toHaveLength(3);
    const rows = await parquetReadObjects({ file });
    expect(rows[1]).toEqual({ run: 1, outcome: 'frozen', treaty_quarter: null, final_trust: 0.125 });
    expect(rows[6]).toEqual({ run: 6, outcome: 'treaty-partial', treaty_quarter: '2017Q3', final_trust: 0.75 });
    expect(rows).toHaveLength(7);
  });
});
