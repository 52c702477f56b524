import { availableParallelism } from 'node:os';
import { percent, percentInterval, runBatch, wilson } from '@parley/batch';
import { OUTCOME_CLASSES, type OutcomeClass } from '@parley/core';
import { outcomeLabel } from '@parley/engine';
import type { LoadedScenario } from '@parley/scenario';
import { Box, Text } from 'ink';
import { useEffect, useState } from 'react';
import { bar, clip } from './panels.js';
import { colour } from './theme.js';

interface Live {
  readonly done: number;
  readonly counts: readonly number[];
  readonly error: string | null;
}

/**
 * N runs of the scenario in worker threads, drawn as they come in: a progress bar and,
 * per outcome, its share with a 95% Wilson interval. The run being watched is marked.
 */
export function DistributionView({
  sc,
  file,
  runs,
  current,
  width,
  workers = Math.max(2, Math.min(availableParallelism(), 8)),
  chunkSize = 200,
}: {
  sc: LoadedScenario;
  file: string;
  runs: number;
  current: OutcomeClass | null;
  width: number;
  workers?: number;
  chunkSize?: number;
}) {
  const [live, setLive] = useState<Live>({ done: 0, counts: OUTCOME_CLASSES.map(() => 0), error: null });
  useEffect(() => {
    const stop = new AbortController();
    runBatch({
      sc,
      file,
      runs,
      seed: 1,
      workers,
      chunkSize,
      untilCi: null,
      out: null,
      shard: null,
      rows: null,
      resume: false,
      signal: stop.signal,
      onMerged: (acc) => {
        if (!stop.signal.aborted) setLive({ done: acc.runs, counts: Array.from(acc.outcomes), error: null });
      },
    }).catch((e: unknown) => {
      if (!stop.signal.aborted) setLive((l) => ({ ...l, error: e instanceof Error ? e.message : String(e) }));
    });
    return () => stop.abort();
  }, [sc, file, runs, workers, chunkSize]);

  const m = sc.model;
  const shown = OUTCOME_CLASSES.map((c, k) => ({ c, k, n: live.counts[k]! })).filter((x) => x.n > 0 || x.c === current);
  // The labels as long as the longest shown, if the width allows: a bar of at least 10 and, beside the
  // label and bar, a space, the share (7), the interval (18) and the marker (12) must fit. A label cut
  // short ends in an ellipsis.
  const beside = 1 + 7 + 18 + 12;
  const longest = Math.max(0, ...shown.map(({ c }) => outcomeLabel(m, c).length));
  const labelWidth = Math.max(16, Math.min(longest, width - beside - 10));
  const barWidth = Math.max(6, width - labelWidth - beside);
  return (
    <Box flexDirection="column">
      <Text wrap="truncate">
        <Text bold>Distribution</Text> of {runs.toLocaleString('en-US')} runs (seed 1, in {workers} worker threads)
      </Text>
      <Text>
        <Text color={colour('cyan')}>{bar(live.done / runs, 30)}</Text> {live.done.toLocaleString('en-US')}/{runs.toLocaleString('en-US')}
        {live.done === runs ? ' done' : ''}
      </Text>
      {live.error ? <Text color={colour('red')}>{live.error}</Text> : null}
      <Box flexDirection="column" marginTop={1}>
        {shown.map(({ c, n }) => {
          const ci = wilson(n, Math.max(1, live.done));
          const p = live.done === 0 ? 0 : n / live.done;
          return (
            <Text key={c} wrap="truncate">
              {clip(outcomeLabel(m, c), labelWidth).padEnd(labelWidth + 1)}
              <Text color={colour('magenta')}>{bar(p, barWidth)}</Text> {percent(p).padStart(6)}{' '}
              {live.done > 0 ? percentInterval(ci.low, ci.high) : ''}
              {c === current ? <Text color={colour('green')}> ← this run</Text> : null}
            </Text>
          );
        })}
      </Box>
    </Box>
  );
}
