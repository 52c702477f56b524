import { Box, Text } from 'ink';
import type { Entry } from './catalog.js';
import { clip, wrapLine } from './panels.js';
import { colour } from './theme.js';

/** A text wrapped at word boundaries (panels.ts's wrapLine), in at most `lines` rows: a longer one ends in an ellipsis. */
function wrap(text: string, width: number, lines: number): string[] {
  const out = wrapLine(text.replace(/\s+/g, ' ').trim(), width, '');
  return out.length > lines ? [...out.slice(0, lines - 1), `${clip(out[lines - 1]!, width - 1)}…`] : out;
}

/** The scenario list and the selected scenario's title, period, actors, sources and briefing. */
export function Browser({
  entries,
  selected,
  width,
  height,
}: {
  entries: readonly Entry[];
  selected: number;
  width: number;
  height: number;
}) {
  const listWidth = Math.min(34, Math.floor(width * 0.4));
  const detailWidth = width - listWidth - 4;
  const e = entries[selected];
  const sc = e?.sc;
  return (
    <Box flexDirection="row" height={height}>
      <Box flexDirection="column" width={listWidth} height={height} borderStyle="single" paddingX={1} overflow="hidden">
        <Text bold>Scenarios</Text>
        {entries.map((x, k) => (
          <Text key={x.file} color={x.sc ? (k === selected ? colour('cyan') : undefined) : colour('red')} inverse={k === selected}>
            {clip(`${x.sc ? ' ' : '!'} ${x.name}`, listWidth - 4)}
          </Text>
        ))}
      </Box>
      <Box flexDirection="column" width={detailWidth} height={height} paddingX={1} overflow="hidden">
        {!e ? (
          <Text>No scenarios found.</Text>
        ) : !sc ? (
          <>
            <Text bold color={colour('red')}>
              {e.name} cannot be loaded
            </Text>
            {e.errors.slice(0, height - 3).map((line) => (
              <Text key={line}>{clip(line, detailWidth - 2)}</Text>
            ))}
          </>
        ) : (
          <>
            <Text bold wrap="truncate">
              {sc.data.title}
            </Text>
            <Text dimColor wrap="truncate">
              {sc.data.period ?? `${sc.data.start}, ${sc.data.horizon} quarters`} · {sc.model.actors.map((a) => a.name).join(', ')}
            </Text>
            <Text dimColor wrap="truncate">
              {`Sources: ${
                Object.values(sc.data.sources)
                  .map((s) => s.title)
                  .join('; ') || 'none cited'
              }`}
            </Text>
            <Box marginTop={1} flexDirection="column">
              {wrap(sc.data.briefing, detailWidth - 2, Math.max(2, height - 4)).map((line, k) => (
                <Text key={`${k}:${line}`}>{line}</Text>
              ))}
            </Box>
          </>
        )}
      </Box>
    </Box>
  );
}
