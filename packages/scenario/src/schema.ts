import { DIMENSIONS, OUTCOME_CLASSES } from '@parley/core';
import { z } from 'zod';

/**
 * The scenario file format. This schema is the single source of truth for the
 * types, the validation and the exported JSON Schema.
 *
 * Every number that models the world is a `Sourced` value: the number with either
 * `source: { doc, quote }` (a source article and a short quote from it) or
 * `assumption: "…"` saying why the number was chosen.
 */

const RESERVED = new Set(['constructor', 'prototype', '__proto__']);
const id = z
  .string()
  .regex(/^[a-z][a-z0-9-]*$/, 'expected an id: lower-case letters, digits and dashes, starting with a letter')
  .refine((s) => !RESERVED.has(s), 'this name is reserved');

/** A source article's file name: letters, digits, '_', '.', '-', not only dots (no folders, no '.' or '..'). */
const fileName = z
  .string()
  .regex(/^[\w.-]+$/, 'expected a file name')
  .refine((s) => !/^\.+$/.test(s), 'expected a file name')
  .refine((s) => !RESERVED.has(s), 'this name is reserved');

export const Source = z
  .strictObject({
    doc: fileName.describe('File name of the source article, one of the scenario’s `sources`, e.g. 002_772c517c6391e34c.txt'),
    quote: z.string().min(3).describe('A short quote that occurs in that article'),
  })
  .meta({ id: 'Source' });

/** How far a number's source supports it (docs/scenarios.md, "Support grades"). */
export const SUPPORT = ['value', 'direction', 'assumption'] as const;
export type Support = (typeof SUPPORT)[number];

const provenance = {
  source: Source.optional(),
  support: z
    .enum(SUPPORT)
    .optional()
    .describe(
      'How far the source supports the number: value (the quote states it), direction (the quote states only its direction or that it exists; the size is assumed), assumption (the quote is context only). Default: direction with a source, assumption without',
    ),
  assumption: z.string().min(3).optional().describe('Why this value was chosen, when no source gives it'),
};

/** A range that leaves out its value: the message, located at the range. */
const rangeHoldsValue = (ctx: { value: { value: number; range?: readonly [number, number] | undefined }; issues: unknown[] }): void => {
  const r = ctx.value.range;
  if (r && !(r[0] <= ctx.value.value && ctx.value.value <= r[1])) {
    ctx.issues.push({
      code: 'custom',
      input: r,
      path: ['range'],
      message: `expected a range [lo, hi] with lo ≤ ${ctx.value.value} ≤ hi (the value must lie in its range)`,
    });
  }
};

/** zod 4 numbers are finite: NaN and Infinity (YAML's .nan, .inf) are refused. */
const finite = z.number();

/** How an uncertain number is drawn within its range (docs/uncertainty.md). */
export const DISTRIBUTIONS = ['triangular', 'uniform'] as const;
const dist = z
  .enum(DISTRIBUTIONS)
  .optional()
  .describe(
    'How `batch --uncertain` draws the number within its range: triangular (default: most likely at the value, as likely above as the range allows) or uniform (every value in the range as likely)',
  );

const sourced = (value: z.ZodNumber) =>
  z
    .strictObject({
      value,
      range: z.tuple([value, value]).optional().describe('[lo, hi]: the plausible range of the value; lo ≤ value ≤ hi'),
      dist,
      ...provenance,
    })
    .check(rangeHoldsValue)
    .describe('A number with its source or the assumption behind it, its support grade and optionally its plausible range');

/**
 * A number inside a move, offer, event or reaction (an effect's size, a cost, a threshold, a term's
 * amount): plain, or written as a sourced number to give it its own source, grade or range. Runs see
 * the number; `validate --provenance` reads the rest from the file.
 */
const inline = (value: z.ZodNumber, id: string) =>
  z.union([value, sourced(value).meta({ id })]).transform((x) => (typeof x === 'number' ? x : x.value));

/** The sizes inside moves, offers, events and reactions, one schema each (one definition each in the JSON Schema). */
const size = {
  signed: inline(z.number().min(-1).max(1), 'SourcedSigned'),
  unit: inline(z.number().min(0).max(1), 'SourcedUnit'),
  any: inline(finite, 'SourcedNumber'),
  duration: inline(z.int().min(1).max(400), 'SourcedDuration'),
  times: inline(z.int().min(1).max(20), 'SourcedTimes'),
};

export const Unit = sourced(z.number().min(0).max(1));

/**
 * A private reservation value: the number the source reading gives (`value`, the most likely) and,
 * optionally, the `range` [lo, hi] each run draws the actor's own value from (a triangular
 * distribution with its mode at `value`; docs/model.md, "Types and beliefs"). Without a range the
 * value is known to everyone.
 */
const Reservation = z
  .strictObject({
    value: z.number().min(-1).max(1),
    range: z
      .tuple([z.number().min(-1).max(1), z.number().min(-1).max(1)])
      .optional()
      .describe('[lo, hi]: the range a run draws this actor’s own value from; lo ≤ value ≤ hi'),
    ...provenance,
  })
  .check(rangeHoldsValue)
  .describe('A number with its source or the assumption behind it, and optionally the range a run draws it from');
export const Signed = sourced(z.number().min(-1).max(1));
export const Positive = sourced(z.number().min(0).max(1000));

export const Quarter = z
  .string()
  .regex(/^\d{4}Q[1-4]$/, 'expected a quarter such as 2016Q2')
  .describe('A calendar quarter, YYYYQn')
  .meta({ id: 'Quarter' });

const Pair = z.tuple([id, id]);

/** The utility dimensions an actor weighs: core's DIMENSIONS, named once. */
export const WEIGHT_KEYS = DIMENSIONS;

export const Actor = z
  .strictObject({
    name: z.string().min(1),
    role: z.enum(['party', 'third']).describe('party: a party to the dispute; third: an outside power'),
    temperature: Positive.describe('Logit temperature of its choice among offers (utility units)'),
    moveTemperature: Positive.optional().describe('Logit temperature of its unilateral moves (default: temperature)'),
    tremble: sourced(z.number().min(0).max(0.5))
      .optional()
      .describe(
        'Probability that its answer to an offer goes against its own reservation value: the noise floor of acceptance (default 0)',
      ),
    walkAwayMargin: Reservation.describe(
      'How much better than the status quo a deal touching sovereignty (a transfer, joint administration, a treaty) must be; with `range`, each run draws its own',
    ),
    economicMargin: Reservation.optional().describe(
      'How much better than the status quo any other deal (economic cooperation, sanctions relief) must be (default: walkAwayMargin); with `range`, each run draws its own',
    ),
    mass: Positive.describe('Economic weight of the sanctions it imposes'),
    ratifies: z.boolean().default(true).describe('Whether its deals must fit its domestic room'),
    axis: Pair.optional().describe('The pair of actors whose closeness its `axis` dimension measures'),
    weights: z.partialRecord(z.enum(WEIGHT_KEYS), Signed),
  })
  .meta({ id: 'Actor' });

export const Territory = z
  .strictObject({
    name: z.string().min(1),
    area: Unit.describe('Share of the whole disputed area'),
  })
  .meta({ id: 'Territory' });

const cmp = z.enum(['<', '<=', '>', '>=']);
const threshold = size.any;
export const Condition = z
  .union(
    [
      z.strictObject({ talks: z.enum(['active', 'suspended']) }),
      z.strictObject({ treaty: z.enum(['signed', 'unsigned']) }),
      z.strictObject({ sanctions: Pair, op: cmp, value: threshold }),
      z.strictObject({ trust: Pair, op: cmp, value: threshold }),
      z.strictObject({ militarisation: id, op: cmp, value: threshold }),
      z.strictObject({ room: id, op: cmp, value: threshold }),
      z.strictObject({ jointActivity: z.literal(true), op: cmp, value: threshold }),
      z.strictObject({ cohesion: id, op: cmp, value: threshold }),
      z.strictObject({ after: Quarter }),
    ],
    {
      error:
        'expected a condition: {talks}, {treaty}, {sanctions|trust: [a, b], op, value}, {militarisation|room|cohesion: id, op, value}, {jointActivity: true, op, value} or {after: YYYYQn}',
    },
  )
  .meta({ id: 'Condition' });

const delta = size.signed;
const duration = size.duration;
const amount = size.any;
export const Effect = z
  .union(
    [
      z.strictObject({ sanctions: Pair.describe('[imposer, target]'), delta }),
      z.strictObject({ energy: id.describe('energy tie'), delta }),
      z.strictObject({ economy: Pair, delta }),
      z.strictObject({ jointActivity: delta }),
      z.strictObject({ militarisation: id, delta }),
      z.strictObject({ cohesion: id.describe('alliance'), delta }),
      z.strictObject({ trust: Pair, delta }),
      z.strictObject({ room: id, delta }),
      z.strictObject({ trustBaseline: Pair.describe('the pair whose lasting level of trust moves'), delta }),
      z.strictObject({ roomBaseline: id.describe('the actor whose lasting domestic room moves'), delta }),
      z.strictObject({ talks: z.enum(['active', 'suspended']) }),
      z.strictObject({ weight: z.strictObject({ actor: id, dimension: z.enum(WEIGHT_KEYS) }), delta }),
      z.strictObject({ moveCost: z.strictObject({ actor: id, move: id }), amount, duration }),
      z.strictObject({ dealCost: id.describe('actor'), amount, duration }),
    ],
    {
      error:
        'expected an effect: {sanctions|economy|trust|trustBaseline: [a, b], delta}, {energy|militarisation|cohesion|room|roomBaseline: id, delta}, {jointActivity: delta}, {talks: active|suspended}, {weight: {actor, dimension}, delta}, {moveCost: {actor, move}, amount, duration} or {dealCost: actor, amount, duration}',
    },
  )
  .meta({ id: 'Effect' });

export const Move = z
  .strictObject({
    actor: id,
    label: z.string().min(1),
    kind: z.string().min(1).describe('For narration: sanctions, militarisation, investment, pressure, …'),
    when: z.array(Condition).prefault([]),
    effects: z.array(Effect).min(1),
    cost: size.unit.prefault(0),
    ...provenance,
  })
  .meta({ id: 'Move' });

export const Term = z
  .union(
    [
      z.strictObject({ transfer: z.array(id).min(1) }),
      z.strictObject({ jointAdministration: z.array(id).min(1) }),
      z.strictObject({ jointActivities: size.unit }),
      z.strictObject({ continuedTalks: z.array(id).min(1) }),
      z.strictObject({ sanctionsRelief: z.strictObject({ imposer: id, target: id, amount: size.unit }) }),
      z.strictObject({ investment: z.strictObject({ from: id, to: id, amount: size.unit }) }),
      z.strictObject({ energy: z.strictObject({ tie: id, amount: size.signed }) }),
      z.strictObject({
        move: id.describe(
          'one of the scenario’s moves: the deal carries its effects, and its cost and any pressure against it for its actor',
        ),
        times: size.times.prefault(1).describe('how many times over'),
      }),
      z.strictObject({ noForeignBases: z.literal(true) }),
      z.strictObject({ peaceTreaty: z.literal(true) }),
    ],
    {
      error:
        'expected a term: transfer, jointAdministration, continuedTalks (lists of territories), jointActivities (amount), sanctionsRelief {imposer, target, amount}, investment {from, to, amount}, energy {tie, amount}, move (a move id) with times, noForeignBases: true or peaceTreaty: true',
    },
  )
  .meta({ id: 'Term' });

export const Offer = z
  .strictObject({
    label: z.string().min(1),
    proposers: z.array(id).min(1),
    terms: z.array(Term).min(1),
    ...provenance,
  })
  .meta({ id: 'Offer' });

export const Event = z
  .strictObject({
    label: z.string().min(1),
    at: Quarter.optional().describe('Scheduled: the quarter it happens in'),
    hazard: Unit.optional().describe('Random: its chance per quarter'),
    when: z.array(Condition).prefault([]),
    once: z.boolean().default(true),
    summit: z.boolean().default(false).describe('Brings the leaders together with offers on the agenda'),
    effects: z.array(Effect).prefault([]),
    ...provenance,
  })
  .meta({ id: 'Event' });

export const Reaction = z
  .strictObject({
    label: z.string().min(1),
    trigger: id.describe('The move that provokes it'),
    actor: id,
    probability: Unit,
    effects: z.array(Effect).min(1),
    ...provenance,
  })
  .meta({ id: 'Reaction' });

export const Params = z
  .strictObject({
    meetingRate: Unit.describe('Chance per quarter of a routine leaders’ meeting, scaled by 0.5 + trust between the parties'),
    offerRate: Unit.describe('Chance that a routine meeting puts concrete terms on the agenda (summits always do)'),
    claimantProposes: Unit.describe('Chance that the claimant, not the holder, makes the offer'),
    jointShare: Unit.describe('Value of a jointly administered territory to each side, as a share of full control'),
    claimValue: Unit.describe('Value of a live claim to the claimant, as a share of control'),
    contestCost: Unit.describe('Cost to the holder of an unrecognised border, as a share of the territory’s value'),
    basingRisk: Unit.describe('Security loss to the holder per unit of area transferred without a no-foreign-bases assurance'),
    meetingTrust: Unit.describe('Trust gained between the parties at each meeting'),
    drift: Unit.describe('Share of the way trust and domestic room return to their starting values each quarter'),
    ratificationScale: Positive.describe('Domestic room needed per unit of area conceded'),
    cooperativeThreshold: Unit.describe('Joint activity above which a no-treaty outcome counts as cooperative'),
    trustMargin: Unit.optional().describe(
      'How much each unit of trust between the parties above its starting level lowers what each party asks of a sovereignty deal (default 0: no channel)',
    ),
  })
  .meta({ id: 'Params' });

const PairValue = z.strictObject({ between: Pair, value: z.number().min(0).max(1), ...provenance });

/**
 * What a hindcast checks: a dated fact from the sources, as conditions on the world that must hold
 * at the end of one quarter (`at`), of some quarter up to one (`by`), or of every quarter of a span
 * (`throughout`). Targets and pins do not change the model: a scenario's runs are the same with or
 * without them (its hash leaves them out).
 */
const Target = z
  .strictObject({
    label: z.string().min(3).describe('What happened, in a line'),
    at: Quarter.optional().describe('The conditions hold at the end of this quarter'),
    by: Quarter.optional().describe('The conditions hold at the end of some quarter up to this one'),
    throughout: z.tuple([Quarter, Quarter]).optional().describe('The conditions hold at the end of every quarter of this span'),
    when: z.array(Condition).min(1).describe('Conditions on the world, all of which must hold'),
    source: Source.describe('The article that reports it, and a quote from it'),
  })
  .meta({ id: 'HindcastTarget' });

export const Hindcast = z
  .strictObject({
    pins: z
      .record(
        id,
        z.strictObject({
          at: Quarter.describe('The quarter it happened in'),
          source: Source.describe('The article that dates it'),
        }),
      )
      .default({})
      .describe('Random events pinned to the quarter they happened in, for hindcast runs only'),
    targets: z.record(id, Target).describe('Dated facts a hindcast scores the model against'),
  })
  .meta({ id: 'Hindcast' });

export const Scenario = z.strictObject({
  $schema: z.string().optional().describe('Path or URL of scenario.schema.json, for editors'),
  extends: z
    .string()
    .optional()
    .describe('Path of a scenario this one builds on: its fields are merged (mappings key by key; null deletes; lists replace)'),
  id: id.describe('A unique id: lower-case letters, digits and dashes'),
  title: z.string().min(1).describe('Shown in listings and reports'),
  briefing: z.string().default('').describe('A few paragraphs for readers: the situation, and what the model says about it'),
  period: z.string().optional().describe('The period it covers, for the scenario browser, e.g. "2016-2026"'),
  sources: z
    .record(fileName, z.strictObject({ title: z.string().min(1), date: z.string().optional() }))
    .default({})
    .describe('The source articles cited, by file name'),
  hindsight: z
    .string()
    .min(3)
    .optional()
    .describe('Why values are read from articles published after the start (`validate --provenance` refuses such citations without it)'),
  defaultRange: z
    .strictObject({
      factor: z
        .tuple([z.number().min(0).max(1), z.number().min(1).max(100)])
        .describe('[low, high]: a number v without its own range is taken to lie in [low·v, high·v]'),
      dist,
      assumption: z.string().min(3).describe('Why this rule'),
    })
    .optional()
    .describe('The plausible range of every number graded direction or assumption that states none of its own'),
  start: Quarter,
  horizon: z.int().min(1).max(400).describe('Quarters simulated'),
  actors: z.record(id, Actor).describe('The countries (or other actors), by id'),
  territories: z.record(id, Territory).describe('The disputed territories, by id; their areas sum to 1'),
  dispute: z.strictObject({ claimant: id, holder: id }).describe('Who claims the territories and who holds them'),
  alliances: z
    .record(id, z.strictObject({ name: z.string().min(1), members: z.array(id).min(2), cohesion: Unit }))
    .default({})
    .describe('Alliances: members and starting cohesion'),
  sanctions: z
    .record(
      id,
      z.strictObject({ name: z.string().min(1), target: id, levels: z.record(id, Unit).describe('Each member’s starting level') }),
    )
    .default({}),
  energy: z
    .record(id, z.strictObject({ name: z.string().min(1), exporter: id, importer: id, share: Unit, max: Unit }))
    .default({})
    .describe('Energy ties: the importer’s share supplied by the exporter, and the share that counts as a full tie'),
  economy: z.array(PairValue).default([]).describe('Starting economic ties between pairs of actors (0 when not listed)'),
  trust: z.array(PairValue).default([]).describe('Starting trust between pairs of actors'),
  defaultTrust: Unit.describe('Trust between pairs not listed in `trust`'),
  militarisation: z.record(id, Unit).default({}).describe('Each actor’s starting military presence in the region'),
  room: z.record(id, Unit).describe('Each leader’s domestic room for concessions'),
  talks: z.strictObject({ active: z.boolean(), ...provenance }).describe('Whether negotiations are under way at the start'),
  jointActivity: Unit.describe('Starting level of joint economic activity on the territories'),
  params: Params.describe('Protocol parameters (see docs/model.md)'),
  moves: z.record(id, Move).prefault({}).describe('Unilateral moves actors may make each quarter'),
  offers: z.record(id, Offer).describe('Packages of terms that can be put on the table'),
  events: z.record(id, Event).prefault({}).describe('Scheduled and random events'),
  reactions: z.record(id, Reaction).prefault({}).describe('Responses that a move may provoke'),
  outcomes: z.partialRecord(z.enum(OUTCOME_CLASSES), z.string().min(1)).default({}).describe('Display labels for outcome classes'),
  hindcast: Hindcast.optional().describe('Dated facts from the sources to score the model against (parley hindcast)'),
});

export type ScenarioFile = z.infer<typeof Scenario>;
export type ScenarioInput = z.input<typeof Scenario>;
export type SourceRef = z.infer<typeof Source>;
