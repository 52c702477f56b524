import { availableParallelism } from 'node:os';
import {
  defaultPoints,
  type OutcomeSpread,
  outcomeSpreads,
  type ParameterPlan,
  percent,
  percentInterval,
  runBatch,
  uncertainPlan,
  wilson,
} from '@parley/batch';
import { OUTCOME_CLASSES, type OutcomeClass } from '@parley/core';
import { outcomeLabel } from '@parley/engine';
import type { LoadedScenario } from '@parley/scenario';
import { Box, Text } from 'ink';
import { useEffect, useState } from 'react';
import { bar, wrapLine } from './panels.js';
import { colour } from './theme.js';

interface Live {
  readonly done: number;
  readonly counts: readonly number[];
  /** With `uncertain`: each outcome's spread over the parameter points so far. */
  readonly spreads: readonly OutcomeSpread[];
  readonly error: string | null;
}

const EMPTY: Live = { done: 0, counts: OUTCOME_CLASSES.map(() => 0), spreads: [], error: null };

/**
 * N runs of the scenario in worker threads, drawn as they come in: a progress bar and,
 * per outcome, its share with a 95% Wilson interval. The run being watched is marked. With
 * `uncertain`, each block of runs draws the scenario's uncertain numbers (as `batch --uncertain`),
 * and each outcome also shows its share at the 5% and 95% parameter points.
 */
export function DistributionView({
  sc,
  file,
  runs,
  current,
  uncertain = false,
  width,
  workers = Math.max(2, Math.min(availableParallelism(), 8)),
  chunkSize = 200,
}: {
  sc: LoadedScenario;
  file: string;
  runs: number;
  current: OutcomeClass | null;
  uncertain?: boolean;
  width: number;
  workers?: number;
  chunkSize?: number;
}) {
  const [live, setLive] = useState<Live>(EMPTY);
  useEffect(() => {
    const stop = new AbortController();
    setLive(EMPTY);
    let plan: ParameterPlan | null = null;
    if (uncertain) {
      try {
        const points = defaultPoints(runs);
        plan = uncertainPlan(sc, { points, block: Math.ceil(runs / points), seed: 1 }).plan;
      } catch (e) {
        setLive({ ...EMPTY, error: e instanceof Error ? e.message : String(e) });
        return () => stop.abort();
      }
    }
    runBatch({
      plan,
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
        if (stop.signal.aborted) return;
        const spreads = plan ? outcomeSpreads(acc.byPoint, sc.model.outcomeLabels) : [];
        setLive({ done: acc.runs, counts: Array.from(acc.outcomes), spreads, error: null });
      },
    }).catch((e: unknown) => {
      if (!stop.signal.aborted) setLive((l) => ({ ...l, error: e instanceof Error ? e.message : String(e) }));
    });
    return () => stop.abort();
  }, [sc, file, runs, workers, chunkSize, uncertain]);

  const m = sc.model;
  const shown = OUTCOME_CLASSES.map((c, k) => ({ c, k, n: live.counts[k]! })).filter((x) => x.n > 0 || x.c === current);
  // The labels as long as the longest shown, if the width allows: a bar of at least 10 and, beside the
  // label and bar, a space, the share (7), the interval (18) and the marker (12) must fit. A longer
  // label has rows of its own (wrapped, never cut) above its bar, which stays in the bars' column.
  const beside = 1 + 7 + 18 + 12 + (uncertain ? 17 : 0);
  const longest = Math.max(0, ...shown.map(({ c }) => outcomeLabel(m, c).length));
  const labelWidth = Math.max(16, Math.min(longest, width - beside - 10));
  const barWidth = Math.max(6, width - labelWidth - beside);
  return (
    <Box flexDirection="column">
      <Text>
        <Text bold>Distribution</Text> of {runs.toLocaleString('en-US')} runs (seed 1, in {workers} worker threads)
        {uncertain ? " · over what we don't know: each block of runs draws the uncertain numbers" : " · u: also over what we don't know"}
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
          const label = outcomeLabel(m, c);
          const figures = (
            <>
              <Text color={colour('magenta')}>{bar(p, barWidth)}</Text> {percent(p).padStart(6)}{' '}
              {live.done > 0 ? percentInterval(ci.low, ci.high) : ''}
              {uncertain ? <Text color={colour('cyan')}>{spreadOf(live.spreads, c)}</Text> : null}
              {c === current ? <Text color={colour('green')}> ← this run</Text> : null}
            </>
          );
          return label.length <= labelWidth ? (
            <Text key={c} wrap="truncate">
              {label.padEnd(labelWidth + 1)}
              {figures}
            </Text>
          ) : (
            <Box key={c} flexDirection="column">
              {wrapLine(label, width).map((row) => (
                <Text key={row}>{row}</Text>
              ))}
              <Text wrap="truncate">
                {' '.repeat(labelWidth + 1)}
                {figures}
              </Text>
            </Box>
          );
        })}
      </Box>
    </Box>
  );
}

/** " points 2%–71%": an outcome's share at the 5% and the 95% parameter points. */
const spreadOf = (spreads: readonly OutcomeSpread[], c: string): string => {
  const o = spreads.find((x) => x.class === c);
  return o ? ` points ${percent(o.points.p05)}–${percent(o.points.p95)}`.padEnd(17) : ''.padEnd(17);
};
