import { DIMENSIONS, METRICS, type Model, type WorldView } from '@parley/core';

const SANCTIONS = METRICS[DIMENSIONS.indexOf('sanctions')]!;
const ENERGY = METRICS[DIMENSIONS.indexOf('energy')]!;

/**
 * The world measures a batch follows over time (fan charts) and reports at the end
 * (quantiles), each in [0, 1]. Defined from the model's roles, not from any scenario:
 * the claimant and the holder of the dispute.
 */
export interface SeriesDef {
  readonly id: string;
  readonly label: (m: Model) => string;
  readonly value: (m: Model, w: WorldView) => number;
}

const name = (m: Model, i: number): string => m.actors[i]!.name;

/** "Japan's", "the United States'". */
export const possessive = (name: string): string => (name.endsWith('s') ? `${name}'` : `${name}'s`);

export const SERIES: readonly SeriesDef[] = [
  {
    id: 'trust',
    label: (m) => `${name(m, m.claimant)}–${name(m, m.holder)} trust`,
    value: (m, w) => w.trust[m.claimant * m.actors.length + m.holder]!,
  },
  {
    id: 'sanctions',
    label: (m) => `sanctions on ${name(m, m.holder)}`,
    value: (m, w) => 1 - SANCTIONS(m, w, m.holder),
  },
  {
    id: 'militarisation',
    label: (m) => `${possessive(name(m, m.holder))} militarisation`,
    value: (_m, w) => w.militarisation[_m.holder]!,
  },
  {
    id: 'energy',
    label: (m) => `${possessive(name(m, m.claimant))} energy ties`,
    value: (m, w) => ENERGY(m, w, m.claimant),
  },
  { id: 'jointActivity', label: () => 'joint activity', value: (_m, w) => w.jointActivity },
];
