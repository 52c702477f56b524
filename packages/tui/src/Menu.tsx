import type { Model } from '@parley/core';
import { describeOffer } from '@parley/engine';
import type { PanelLine } from './panels.js';
import type { UiState } from './state.js';

const signed = (x: number): string => `${x >= 0 ? '+' : ''}${x.toFixed(4)}`;
const pc = (x: number): string => `${Math.round(x * 100)}%`;

/**
 * The player's menu for the decision in front of them, every label in full (the panel wraps it under
 * itself); hints, when shown, say on the next row what the AI would weigh.
 */
export function menuLines(m: Model, awaiting: NonNullable<UiState['awaiting']>, hints: boolean): PanelLine[] {
  const { point, stage } = awaiting;
  const me = m.actors[point.actor]!.name;
  const title = (text: string): PanelLine => ({ text, bold: true, color: 'green' });
  const option = (k: number, label: string, hint: string): PanelLine[] => [
    { text: `${k + 1}  ${label}`, indent: '   ' },
    ...(hints ? [{ text: `   ${hint}`, dim: true, indent: '   ' }] : []),
  ];
  if (point.kind === 'move') {
    return [
      title(
        `Your move, ${me}: press a number${hints ? '   (hints: value = expected utility change; AI = how often the AI would pick it)' : ''}`,
      ),
      ...point.options.flatMap((o, k) =>
        option(k, o.move === null ? 'hold still' : m.moves[o.move]!.label, `value ${signed(o.value)}  AI ${pc(o.probability)}`),
      ),
    ];
  }
  if (point.kind === 'offer' || stage === 'counter') {
    const options = point.kind === 'offer' ? point.options : point.counters!;
    const to = point.kind === 'offer' ? m.actors[point.to]!.name : 'them';
    return [
      title(
        `${point.kind === 'offer' ? `You have the floor, ${me}: what do you put to ${to}?` : 'You rejected it. Make a counter-offer?'}${hints ? '   (hints: chance they accept, value to you)' : ''}`,
      ),
      ...options.flatMap((o, k) =>
        option(k, o.offer === null ? 'only talk' : m.offers[o.offer]!.label, `accept ${pc(o.acceptance)}  value ${signed(o.value)}`),
      ),
    ];
  }
  return [
    title(`An offer to you, ${me}: ${describeOffer(m, point.offer)}`),
    ...(hints
      ? [
          {
            text: `  worth ${point.dealUtility.toFixed(3)} to you against a walk-away value of ${point.walkAway.toFixed(3)}; the AI would accept ${pc(point.probability)} of the time`,
            dim: true,
          },
        ]
      : []),
    { text: 'y  accept      n  reject' },
  ];
}
