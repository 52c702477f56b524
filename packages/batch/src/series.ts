import { DIMENSIONS, type Dimension, METRICS, type Measure, type Model, type WorldView } from '@parley/core';

/**
 * The world measures a batch follows over time (fan charts) and reports at the end
 * (quantiles), each in [0, 1]. Defined from the model's roles, not from any scenario:
 * the claimant and the holder of the dispute.
 */
export interface SeriesDef {
  readonly id: string;
  readonly label: (m: Model) => string;
  /** What the 0-to-1 scale measures, for chart axes. */
  readonly unit: string;
  readonly value: (m: Model, w: WorldView) => number;
  /** The same value named for the batch kernel's readers, which give it bit for bit (what a batch records every quarter). */
  readonly measure: (m: Model) => Measure;
}

/**
 * Where a series' value comes from, said once for both ways of reading it: a number of the world
 * (a cell of one of its arrays, or joint activity), or one actor's metric (or 1 minus it).
 */
type Source =
  | { readonly trust: (m: Model) => readonly [number, number] }
  | { readonly militarisation: (m: Model) => number }
  | { readonly joint: true }
  | { readonly metric: Dimension; readonly of: (m: Model) => number; readonly complement?: true };

function defineSeries(id: string, label: (m: Model) => string, unit: string, source: Source): SeriesDef {
  if ('trust' in source) {
    const pair = source.trust;
    const value = (m: Model, w: WorldView): number => w.trust[pair(m)[0] * m.actors.length + pair(m)[1]]!;
    return { id, label, unit, value, measure: (m) => ({ trust: pair(m) }) };
  }
  if ('militarisation' in source) {
    const of = source.militarisation;
    return { id, label, unit, value: (m, w) => w.militarisation[of(m)]!, measure: (m) => ({ militarisation: of(m) }) };
  }
  if ('joint' in source) return { id, label, unit, value: (_m, w) => w.jointActivity, measure: () => ({ joint: true }) };
  const d = DIMENSIONS.indexOf(source.metric);
  const { of, complement } = source;
  const metric = METRICS[d]!;
  return {
    id,
    label,
    unit,
    value: (m, w) => (complement ? 1 - metric(m, w, of(m)) : metric(m, w, of(m))),
    measure: (m) => ({ metric: d, actor: of(m), complement: complement === true }),
  };
}

const name = (m: Model, i: number): string => m.actors[i]!.name;

/** "Japan's", "the United States'". */
export const possessive = (name: string): string => (name.endsWith('s') ? `${name}'` : `${name}'s`);

export const SERIES: readonly SeriesDef[] = [
  defineSeries('trust', (m) => `${name(m, m.claimant)}–${name(m, m.holder)} trust`, 'trust (0 none, 1 full)', {
    trust: (m) => [m.claimant, m.holder],
  }),
  defineSeries('sanctions', (m) => `sanctions on ${name(m, m.holder)}`, 'weighted level (0 none, 1 full)', {
    metric: 'sanctions',
    of: (m) => m.holder,
    complement: true,
  }),
  defineSeries('militarisation', (m) => `${possessive(name(m, m.holder))} militarisation`, 'level (0 none, 1 full)', {
    militarisation: (m) => m.holder,
  }),
  defineSeries('energy', (m) => `${possessive(name(m, m.claimant))} energy ties`, 'share of a full tie (0–1)', {
    metric: 'energy',
    of: (m) => m.claimant,
  }),
  defineSeries('jointActivity', () => 'joint activity', 'level (0 none, 1 full)', { joint: true }),
];
