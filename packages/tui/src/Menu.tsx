import type { Model } from '@parley/core';
import { describeOffer } from '@parley/engine';
import { Text } from 'ink';
import type { UiState } from './state.js';
import { colour } from './theme.js';

const signed = (x: number): string => `${x >= 0 ? '+' : ''}${x.toFixed(4)}`;
const pc = (x: number): string => `${Math.round(x * 100)}%`;

/** The player's menu for the decision in front of them; hints show what the AI would weigh. */
export function menuLines(m: Model, awaiting: NonNullable<UiState['awaiting']>, hints: boolean): string[] {
  const { point, stage } = awaiting;
  const me = m.actors[point.actor]!.name;
  if (point.kind === 'move') {
    return [
      `Your move, ${me}: press a number${hints ? '   (hint: value = expected utility change; AI = how often the AI would pick it)' : ''}`,
      ...point.options.map(
        (o, k) =>
          `${k + 1}  ${(o.move === null ? 'hold still' : m.moves[o.move]!.label).slice(0, 52).padEnd(52)}${hints ? ` ${signed(o.value)}  AI ${pc(o.probability).padStart(4)}` : ''}`,
      ),
    ];
  }
  if (point.kind === 'offer' || stage === 'counter') {
    const options = point.kind === 'offer' ? point.options : point.counters!;
    const to = point.kind === 'offer' ? m.actors[point.to]!.name : 'them';
    return [
      `${point.kind === 'offer' ? `You have the floor, ${me}: what do you put to ${to}?` : 'You rejected it. Make a counter-offer?'}${hints ? '   (hint: chance they accept, value to you)' : ''}`,
      ...options.map(
        (o, k) =>
          `${k + 1}  ${(o.offer === null ? 'only talk' : m.offers[o.offer]!.label).slice(0, 52).padEnd(52)}${hints ? ` accept ${pc(o.acceptance).padStart(4)}  ${signed(o.value)}` : ''}`,
      ),
    ];
  }
  return [
    `An offer to you, ${me}: ${describeOffer(m, point.offer)}`,
    hints
      ? `  worth ${point.dealUtility.toFixed(3)} to you against a walk-away value of ${point.walkAway.toFixed(3)}; the AI would accept ${pc(point.probability)} of the time`
      : '',
    'y  accept      n  reject',
  ].filter(Boolean);
}

export function Menu({ m, awaiting, hints }: { m: Model; awaiting: NonNullable<UiState['awaiting']>; hints: boolean }) {
  return (
    <>
      {menuLines(m, awaiting, hints).map((line, k) => (
        <Text key={`${k}:${line}`} wrap="truncate" bold={k === 0} color={k === 0 ? colour('green') : undefined}>
          {line}
        </Text>
      ))}
    </>
  );
}
