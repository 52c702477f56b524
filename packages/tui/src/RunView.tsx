import type { RunSession } from '@parley/engine';
import { outcomeLabel } from '@parley/engine';
import { Box, Text } from 'ink';
import { menuLines } from './Menu.js';
import {
  bar,
  breakdownLines,
  clip,
  gauges,
  logLines,
  logPanel,
  type PanelLine,
  panelRows,
  quarterOf,
  territoryRows,
  utilityRows,
  whyLines,
} from './panels.js';
import type { UiState } from './state.js';
import { colour } from './theme.js';

const TONE = { held: 'white', contested: 'yellow', transferred: 'green', joint: 'cyan' } as const;

/** One run, stepped by the user: the territories, gauges, the narrated log and each actor's utility. */
export function RunView({
  session,
  title,
  width,
  height,
  lower = { kind: 'log' },
  player = null,
  awaiting = null,
  hints = true,
  scroll = 0,
  status: note,
}: {
  session: RunSession;
  title: string;
  width: number;
  height: number;
  lower?: UiState['lower'];
  player?: number | null;
  awaiting?: UiState['awaiting'];
  hints?: boolean;
  /** Rows the lower panel is scrolled by: back from the end of the log, or down from the top of a menu or explanation. */
  scroll?: number;
  /** Replaces the "you play … / watching" note (exercises name their players). */
  status?: string;
}) {
  const m = session.m;
  const w = session.ctx.world;
  const half = Math.floor((width - 2) / 2);
  const panels = gauges(m, w);
  // Territory names whole when the panel allows it (a status of 14 characters beside them).
  const nameWidth = Math.max(8, Math.min(Math.max(...m.territories.map((t) => t.name.length)), half - 4 - 6 - 14));
  // Rows: title and status (2), the two panels (their longest list + heading + borders), the log's borders (2), utilities (1).
  const panelHeight = Math.max(m.territories.length, panels.length) + 3;
  const logHeight = Math.max(2, height - 2 - panelHeight - 2 - 1);
  /** What the lower panel holds: the player's menu, why a decision was made, utilities, or the log. */
  const lowerLines = (): PanelLine[] => {
    if (awaiting) return menuLines(m, awaiting, hints);
    if (lower.kind === 'why')
      return [
        { text: `Why (↑↓ other decisions, w back to the log) — ${logLines(m, [session.log[lower.at]!], 1)[0]}`, bold: true },
        ...whyLines(m, session.log[lower.at]!),
      ];
    if (lower.kind === 'utility') return [{ text: 'Utility by dimension (u back to the log)', bold: true }, ...breakdownLines(m, w)];
    if (session.log.length === 0) return [{ text: 'Nothing has happened yet: press space to step a quarter, p for one phase.', dim: true }];
    return logPanel(m, session.log);
  };
  const status = session.done ? `ended: ${outcomeLabel(m, session.ctx.outcome!)}` : `${quarterOf(m, session.t)} · next: ${session.next}`;
  return (
    <Box flexDirection="column" height={height} overflow="hidden">
      <Text wrap="truncate">
        <Text bold>{clip(title, width - 30)}</Text>
        <Text dimColor> seed {session.seed} </Text>
        <Text color={colour('green')}>
          {note ?? (player === null ? 'watching (c to play a country)' : `you play ${m.actors[player]!.name} (c to change)`)}
        </Text>
      </Text>
      <Text color={colour(session.done ? 'green' : 'cyan')}>{clip(status, width)}</Text>
      <Box flexDirection="row" height={panelHeight}>
        <Box flexDirection="column" width={half} borderStyle="single" paddingX={1}>
          <Text bold>Territories</Text>
          {territoryRows(m, w).map((r) => (
            <Text key={r.name}>
              {clip(r.name, nameWidth).padEnd(nameWidth + 1)}
              <Text dimColor>{`${Math.round(r.area * 100)}%`.padStart(4)} </Text>
              <Text color={colour(TONE[r.tone])}>{clip(r.status, half - nameWidth - 10)}</Text>
            </Text>
          ))}
        </Box>
        <Box flexDirection="column" width={width - half - 2} borderStyle="single" paddingX={1}>
          <Text bold>Gauges</Text>
          {panels.map((g) => (
            <Text key={g.label}>
              {clip(g.label, 24).padEnd(25)}
              <Text color={colour('magenta')}>{bar(g.value, Math.max(5, width - half - 38))}</Text> {g.value.toFixed(2)}
            </Text>
          ))}
        </Box>
      </Box>
      <Box flexDirection="column" borderStyle="single" paddingX={1} height={logHeight + 2}>
        {panelRows(lowerLines(), width - 4, logHeight, scroll, awaiting || lower.kind !== 'log' ? 'top' : 'bottom').rows.map((r, k) => (
          <Text key={`${k}:${r.text}`} bold={r.bold === true} dimColor={r.dim === true} color={r.color ? colour(r.color) : undefined}>
            {r.text}
          </Text>
        ))}
      </Box>
      <Text>
        {utilityRows(m, w).map((u) => (
          <Text key={u.name}>
            {u.name} <Text color={colour('yellow')}>{u.value.toFixed(3)}</Text>
            {'   '}
          </Text>
        ))}
      </Text>
    </Box>
  );
}
