import { DIMENSION_COUNT, DIMENSIONS, type Kernel, METRICS, type Model, type WorldView } from '@parley/core';

const SANCTIONS_D = DIMENSIONS.indexOf('sanctions');
const ENERGY_D = DIMENSIONS.indexOf('energy');
const SANCTIONS = METRICS[SANCTIONS_D]!;
const ENERGY = METRICS[ENERGY_D]!;

/**
 * The world measures a batch follows over time (fan charts) and reports at the end
 * (quantiles), each in [0, 1]. Defined from the model's roles, not from any scenario:
 * the claimant and the holder of the dispute.
 */
export interface SeriesDef {
  readonly id: string;
  readonly label: (m: Model) => string;
  readonly value: (m: Model, w: WorldView) => number;
  /** The same value read straight off a batch kernel's cells, bit for bit (what a batch records every quarter). */
  readonly reader: (m: Model, k: Kernel) => (x: Float64Array) => number;
}

const cell = (c: number) => (x: Float64Array) => x[c]!;
const metricOf = (k: Kernel, d: number, i: number) => k.read.metric[i * DIMENSION_COUNT + d]!;

const name = (m: Model, i: number): string => m.actors[i]!.name;

/** "Japan's", "the United States'". */
export const possessive = (name: string): string => (name.endsWith('s') ? `${name}'` : `${name}'s`);

export const SERIES: readonly SeriesDef[] = [
  {
    id: 'trust',
    label: (m) => `${name(m, m.claimant)}–${name(m, m.holder)} trust`,
    value: (m, w) => w.trust[m.claimant * m.actors.length + m.holder]!,
    reader: (m, k) => cell(k.L.trust + m.claimant * m.actors.length + m.holder),
  },
  {
    id: 'sanctions',
    label: (m) => `sanctions on ${name(m, m.holder)}`,
    value: (m, w) => 1 - SANCTIONS(m, w, m.holder),
    reader: (m, k) => {
      const f = metricOf(k, SANCTIONS_D, m.holder);
      return (x) => 1 - f(x);
    },
  },
  {
    id: 'militarisation',
    label: (m) => `${possessive(name(m, m.holder))} militarisation`,
    value: (_m, w) => w.militarisation[_m.holder]!,
    reader: (m, k) => cell(k.L.militarisation + m.holder),
  },
  {
    id: 'energy',
    label: (m) => `${possessive(name(m, m.claimant))} energy ties`,
    value: (m, w) => ENERGY(m, w, m.claimant),
    reader: (m, k) => metricOf(k, ENERGY_D, m.claimant),
  },
  {
    id: 'jointActivity',
    label: () => 'joint activity',
    value: (_m, w) => w.jointActivity,
    reader: (_m, k) => cell(k.L.joint),
  },
];
