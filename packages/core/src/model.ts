/**
 * The compiled scenario model the engine runs on.
 *
 * Everything here is generic: actors, territories, moves, offers and events are
 * identified by index; their names come from the scenario file. Nothing in the
 * engine knows which dispute it is simulating.
 */

/** The utility dimensions every actor's utility is a weighted sum over. */
export const DIMENSIONS = [
  'territory',
  'treaty',
  'energy',
  'sanctions',
  'unity',
  'alliance',
  'security',
  'economy',
  'domestic',
  'axis',
] as const;
export type Dimension = (typeof DIMENSIONS)[number];
export const DIMENSION_COUNT = DIMENSIONS.length;

export type ActorRole = 'party' | 'third';

export interface ActorDef {
  readonly id: string;
  readonly name: string;
  readonly role: ActorRole;
  /** Weight per dimension, aligned with DIMENSIONS. May be negative (e.g. axis). */
  readonly weights: readonly number[];
  /** Logit temperature of its choice among offers: higher = noisier. */
  readonly temperature: number;
  /** Logit temperature of its unilateral moves (a quarter's moves are worth far less than a deal). */
  readonly moveTemperature: number;
  /** Probability that its answer to an offer goes against its reservation value (the noise floor of acceptance). */
  readonly tremble: number;
  /**
   * Extra utility a deal touching sovereignty (a transfer, joint administration, a treaty) must bring
   * over the status quo: the value the scenario reads (the mode of the range each run draws from).
   */
  readonly walkAwayMargin: number;
  /** The range [lo, hi] each run draws the actor's sovereignty margin from (lo = hi: known to all). */
  readonly walkAwayRange: readonly [number, number];
  /** Extra utility any other deal (economic cooperation, sanctions relief) must bring over the status quo (the mode). */
  readonly economicMargin: number;
  /** The range [lo, hi] each run draws the actor's economic margin from. */
  readonly economicRange: readonly [number, number];
  /** Economic mass: how much sanctions it imposes weigh on their target. */
  readonly mass: number;
  /** The pair of actors whose closeness the `axis` dimension measures, if any. */
  readonly axis: readonly [number, number] | null;
  /** Whether a deal must pass its domestic ratification constraint. */
  readonly ratifies: boolean;
}

export interface TerritoryDef {
  readonly id: string;
  readonly name: string;
  /** Share of the whole disputed area, in [0, 1]; shares sum to 1. */
  readonly area: number;
}

export interface AllianceDef {
  readonly id: string;
  readonly name: string;
  readonly members: readonly number[];
}

export interface RegimeDef {
  readonly id: string;
  readonly name: string;
  readonly target: number;
  readonly members: readonly number[];
}

export interface EnergyTieDef {
  readonly id: string;
  readonly name: string;
  readonly exporter: number;
  readonly importer: number;
  /** The share at which the tie counts as fully developed (metric = share / max). */
  readonly max: number;
}

/** A change to the world state. Deltas are clamped to each variable's range. */
export type Effect =
  | { readonly op: 'sanctions'; readonly imposer: number; readonly target: number; readonly delta: number }
  | { readonly op: 'energy'; readonly tie: number; readonly delta: number }
  | { readonly op: 'economy'; readonly a: number; readonly b: number; readonly delta: number }
  | { readonly op: 'jointActivity'; readonly delta: number }
  | { readonly op: 'militarisation'; readonly actor: number; readonly delta: number }
  | { readonly op: 'cohesion'; readonly alliance: number; readonly delta: number }
  | { readonly op: 'trust'; readonly a: number; readonly b: number; readonly delta: number }
  | { readonly op: 'room'; readonly actor: number; readonly delta: number }
  /** A lasting change: the level trust between a and b drifts back to moves by delta. */
  | { readonly op: 'trustBaseline'; readonly a: number; readonly b: number; readonly delta: number }
  /** A lasting change: the level actor's domestic room drifts back to moves by delta. */
  | { readonly op: 'roomBaseline'; readonly actor: number; readonly delta: number }
  | { readonly op: 'talks'; readonly active: boolean }
  | { readonly op: 'weight'; readonly actor: number; readonly dimension: number; readonly delta: number }
  | {
      readonly op: 'moveCost';
      readonly actor: number;
      readonly move: number;
      readonly amount: number;
      readonly duration: number;
    }
  | { readonly op: 'dealCost'; readonly actor: number; readonly amount: number; readonly duration: number };

/** A comparison against one world-state variable. */
export type Condition =
  | { readonly v: 'talks'; readonly active: boolean }
  | { readonly v: 'treaty'; readonly signed: boolean }
  | { readonly v: 'sanctions'; readonly imposer: number; readonly target: number; readonly op: Cmp; readonly value: number }
  | { readonly v: 'trust'; readonly a: number; readonly b: number; readonly op: Cmp; readonly value: number }
  | { readonly v: 'militarisation'; readonly actor: number; readonly op: Cmp; readonly value: number }
  | { readonly v: 'room'; readonly actor: number; readonly op: Cmp; readonly value: number }
  | { readonly v: 'jointActivity'; readonly op: Cmp; readonly value: number }
  | { readonly v: 'cohesion'; readonly alliance: number; readonly op: Cmp; readonly value: number }
  | { readonly v: 'after'; readonly quarter: number };
export type Cmp = '<' | '<=' | '>' | '>=';

export interface MoveDef {
  readonly id: string;
  readonly label: string;
  readonly actor: number;
  /** What kind of move, for narration: sanctions, militarisation, investment, pressure, … */
  readonly kind: string;
  readonly when: readonly Condition[];
  readonly effects: readonly Effect[];
  /** A fixed cost in utility units (e.g. the money a move spends). */
  readonly cost: number;
}

/** One term of an offer. Offers are bundles of terms, evaluated term by term. */
export type Term =
  | { readonly kind: 'transfer'; readonly territories: readonly number[] }
  | { readonly kind: 'jointAdministration'; readonly territories: readonly number[] }
  | { readonly kind: 'jointActivities'; readonly amount: number }
  | { readonly kind: 'continuedTalks'; readonly territories: readonly number[] }
  | { readonly kind: 'sanctionsRelief'; readonly imposer: number; readonly target: number; readonly amount: number }
  | { readonly kind: 'investment'; readonly from: number; readonly to: number; readonly amount: number }
  | { readonly kind: 'energy'; readonly tie: number; readonly amount: number }
  /**
   * One of the scenario's moves, `times` times, as part of the deal: its effects, and for the move's
   * actor its cost and any pressure against it, exactly as if it made the move (deal.ts's termEffects).
   */
  | { readonly kind: 'move'; readonly move: number; readonly times: number }
  | { readonly kind: 'noForeignBases' }
  | { readonly kind: 'peaceTreaty' };

export interface OfferDef {
  readonly id: string;
  readonly label: string;
  /** Actors who may put this offer on the table. */
  readonly proposers: readonly number[];
  readonly terms: readonly Term[];
}

export interface EventDef {
  readonly id: string;
  readonly label: string;
  /** Scheduled at a quarter index, or random with a hazard per quarter. */
  readonly at: number | null;
  readonly hazard: number;
  readonly when: readonly Condition[];
  readonly once: boolean;
  /** A summit: forces a meeting this quarter, where an offer is always considered. */
  readonly summit: boolean;
  readonly effects: readonly Effect[];
}

export interface ReactionDef {
  readonly id: string;
  readonly label: string;
  /** The move (by index) whose being taken may trigger the reaction. */
  readonly trigger: number;
  readonly actor: number;
  readonly probability: number;
  readonly effects: readonly Effect[];
}

/** Numeric parameters of the protocol and the metrics. */
export interface Params {
  /** Per-quarter chance of an ordinary meeting when talks are active, scaled by trust. */
  readonly meetingRate: number;
  /** Chance that an ordinary (non-summit) meeting puts an offer on the table. */
  readonly offerRate: number;
  /** Chance the claimant, rather than the holder, proposes at a meeting. */
  readonly claimantProposes: number;
  /** Value to a claimant of a territory jointly administered, as a share of full control. */
  readonly jointShare: number;
  /** Value of a live claim to a territory another actor holds, as a share of full control. */
  readonly claimValue: number;
  /** Value a holder loses on a territory whose sovereignty is still contested, as a share of full control. */
  readonly contestCost: number;
  /** Security loss to a former holder per unit of area transferred without a no-bases assurance. */
  readonly basingRisk: number;
  /** Trust gained by both sides at a meeting. */
  readonly meetingTrust: number;
  /** Per-quarter pull of trust and domestic room back towards their starting values. */
  readonly drift: number;
  /** Domestic room a leader needs per unit of disputed area conceded (transferred, shared or renounced). */
  readonly ratificationScale: number;
  /** Joint activity above which a no-treaty outcome counts as cooperative. */
  readonly cooperativeThreshold: number;
  /**
   * How much each unit of trust between the parties above its starting level lowers what each party
   * asks of a sovereignty deal (and each unit below raises it): choice.ts's trustCredit. 0: no channel.
   */
  readonly trustMargin: number;
}

export interface Model {
  readonly id: string;
  readonly title: string;
  readonly startYear: number;
  /** 1–4. */
  readonly startQuarter: number;
  /** Number of quarters simulated. */
  readonly horizon: number;
  readonly actors: readonly ActorDef[];
  readonly territories: readonly TerritoryDef[];
  /** The two parties to the dispute: the claimant and the current holder. */
  readonly claimant: number;
  readonly holder: number;
  readonly alliances: readonly AllianceDef[];
  readonly regimes: readonly RegimeDef[];
  readonly energyTies: readonly EnergyTieDef[];
  readonly moves: readonly MoveDef[];
  readonly offers: readonly OfferDef[];
  readonly events: readonly EventDef[];
  readonly reactions: readonly ReactionDef[];
  readonly params: Params;
  /** Display labels for outcome classes. */
  readonly outcomeLabels: Readonly<Partial<Record<OutcomeClass, string>>>;
  readonly initial: InitialValues;
}

/** Starting values of the world state, as given by the scenario. */
export interface InitialValues {
  /** n×n, [imposer * n + target]. */
  readonly sanctions: readonly number[];
  /** Per energy tie: the share of the importer's supply. */
  readonly energy: readonly number[];
  /** n×n symmetric economic ties. */
  readonly economy: readonly number[];
  readonly jointActivity: number;
  readonly militarisation: readonly number[];
  readonly cohesion: readonly number[];
  /** n×n symmetric. */
  readonly trust: readonly number[];
  readonly talksActive: boolean;
  readonly room: readonly number[];
}

export const OUTCOME_CLASSES = [
  'treaty-full',
  'treaty-partial-talks',
  'treaty-partial-joint',
  'treaty-partial',
  'treaty-joint',
  'treaty-status-quo',
  'joint-administration',
  'cooperative',
  'frozen',
  'suspended',
] as const;
export type OutcomeClass = (typeof OUTCOME_CLASSES)[number];
