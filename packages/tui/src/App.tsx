import { Box, Text, useApp, useStdin } from 'ink';
import { useReducer } from 'react';
import { Browser } from './Browser.js';
import type { Entry } from './catalog.js';
import { DistributionView } from './DistributionView.js';
import { Help } from './Help.js';
import { Keys } from './keys.js';
import { RunView } from './RunView.js';
import { useSize } from './size.js';
import { initialUi, type KeyPress, reduce, type UiState } from './state.js';
import { colour } from './theme.js';

export interface AppProps {
  readonly entries: readonly Entry[];
  /** First seed of the run view (each `s` moves to the next). */
  readonly seed?: number;
  /** Runs in the distribution view. */
  readonly distributionRuns?: number;
  /** Worker threads for the distribution view (default: the cores). */
  readonly distributionWorkers?: number;
}

export function App({ entries, seed = 1, distributionRuns = 2000, distributionWorkers }: AppProps) {
  const { exit } = useApp();
  const { isRawModeSupported } = useStdin();
  const { width, height } = useSize();
  const [ui, dispatch] = useReducer((s: UiState, key: KeyPress) => reduce(entries, seed, s, key), initialUi);
  const onKey = (input: string, key: Omit<KeyPress, 'input'>) => {
    if (input === 'q' && !ui.help) exit();
    else dispatch({ input, ...key });
  };
  const bodyHeight = height - 1;
  const run = ui.run;
  return (
    <Box flexDirection="column" width={width} height={height} overflow="hidden">
      {isRawModeSupported ? <Keys onKey={onKey} /> : null}
      <Text wrap="truncate">
        <Text bold color={colour('cyan')}>
          Parley
        </Text>
        <Text dimColor>
          {ui.dist
            ? "  u what we don't know · esc back · ? help · q quit"
            : run
              ? '  p phase · space quarter · e end · w why · u utilities · d distribution · ? keys · q quit'
              : '  ↑↓ choose · enter run · d distribution · ? help · q quit'}
        </Text>
      </Text>
      {ui.help ? (
        <Help />
      ) : ui.dist ? (
        <DistributionView
          sc={entries[ui.dist.entry]!.sc!}
          file={entries[ui.dist.entry]!.file}
          runs={distributionRuns}
          current={ui.dist.current}
          uncertain={ui.dist.uncertain}
          width={width}
          {...(distributionWorkers ? { workers: distributionWorkers } : {})}
        />
      ) : run ? (
        <RunView
          session={run.session}
          title={entries[run.entry]!.sc!.data.title}
          width={width}
          height={bodyHeight}
          lower={ui.lower}
          player={run.player}
          awaiting={ui.awaiting}
          hints={ui.hints}
          scroll={ui.scroll}
        />
      ) : (
        <Browser entries={entries} selected={ui.selected} width={width} height={bodyHeight} />
      )}
    </Box>
  );
}
