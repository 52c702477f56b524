import { closeSync, openSync, readSync, renameSync, rmSync } from 'node:fs';
import { fileWriter, ParquetWriter, schemaFromColumnData } from 'hyparquet-writer';

/**
 * Per-run rows as Parquet (for pandas, R, DuckDB). The batch streams its rows to a CSV file
 * as chunks arrive — which a checkpoint can truncate and resume — and this converts that file
 * to Parquet at the end, one row group of `groupRows` runs at a time, so memory stays flat
 * whatever the number of runs. Columns: `run` (INT32), `outcome` (STRING), `treaty_quarter`
 * (STRING, null without a treaty), `shocks` (STRING), and every other column a DOUBLE. Written to `to.partial`
 * and renamed, so no half-written file is ever left under its final name.
 */
export function csvRowsToParquet(from: string, to: string, groupRows = 100_000): number {
  const fd = openSync(from, 'r');
  const partial = `${to}.partial`;
  let header: string[] | null = null;
  let writer: ParquetWriter | null = null;
  let rows: string[][] = [];
  let total = 0;
  const flush = (): void => {
    if (!header || rows.length === 0) return;
    const h = header;
    const columnData = h.map((name, k) => {
      const cells = rows.map((r) => r[k]!);
      if (name === 'run') return { name, data: cells.map(Number), type: 'INT32' as const, nullable: false };
      if (name === 'outcome') return { name, data: cells, type: 'STRING' as const, nullable: false };
      if (name === 'shocks') return { name, data: cells, type: 'STRING' as const, nullable: false };
      if (name === 'treaty_quarter')
        return { name, data: cells.map((c) => (c === '' ? null : c)), type: 'STRING' as const, nullable: true };
      return { name, data: cells.map(Number), type: 'DOUBLE' as const, nullable: false };
    });
    writer ??= new ParquetWriter({ writer: fileWriter(partial), schema: schemaFromColumnData({ columnData }) });
    writer.write({ columnData, rowGroupSize: rows.length });
    total += rows.length;
    rows = [];
  };
  try {
    const buf = Buffer.alloc(1 << 20);
    let rest = '';
    for (;;) {
      const n = readSync(fd, buf, 0, buf.length, null);
      const text = rest + buf.toString('utf8', 0, n);
      const lines = text.split('\n');
      rest = n === 0 ? '' : lines.pop()!;
      for (const line of lines) {
        if (line === '') continue;
        const cells = line.split(',');
        if (!header) header = cells;
        else {
          rows.push(cells);
          if (rows.length >= groupRows) flush();
        }
      }
      if (n === 0) break;
    }
    flush();
    if (!writer) throw new Error(`no rows in ${from}`);
    (writer as ParquetWriter).finish();
  } finally {
    closeSync(fd);
  }
  renameSync(partial, to);
  rmSync(from);
  return total;
}
