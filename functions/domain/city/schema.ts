/**
 * The city configuration: everything that differs between cities is data in one file, checked here.
 *
 * Structural checks (types, formats, ranges) live in these zod schemas; cross-references and
 * geometry (unknown ids, cycles, overlapping grids, categories nobody owns) live in `validate.ts`,
 * which reports every problem at once with its path.
 */
import { z } from 'zod';

/**
 * Builds a schema. Marked free of side effects, so a bundler leaves out every schema nobody uses: the
 * Lambda functions import this module for its constants (LEVELS, RUNGS, ...) and its types, and then
 * neither build the city schema nor load zod at their cold start for it.
 */
/* @__NO_SIDE_EFFECTS__ */
function schema<T>(build: () => T): T {
  return build();
}

export const LEVELS = ['city', 'district', 'subdistrict', 'community', 'grid'] as const;
export const Level = schema(() => z.enum(LEVELS));
export type Level = z.infer<typeof Level>;

/** How far a level sits from the top: city 0 … grid 4. */
export const levelRank = (level: Level): number => LEVELS.indexOf(level);

export const PLATFORMS = ['governance', 'enforcement', 'service', 'oversight'] as const;
export const Platform = schema(() => z.enum(PLATFORMS));
export type Platform = z.infer<typeof Platform>;

const Id = schema(() => z
  .string()
  .regex(/^[a-z0-9][a-z0-9-]{0,79}$/, 'must be lower-case letters, digits and hyphens (at most 80)'));

export const LocalizedText = schema(() => z.strictObject({
  zh: z.string().trim().min(1, 'the Chinese text is required'),
  en: z.string().trim().min(1, 'the English text is required'),
}));
export type LocalizedText = z.infer<typeof LocalizedText>;

const Phone = schema(() => z.string().regex(/^\+[1-9]\d{6,14}$/, 'must be an E.164 phone number such as +8613800000000'));

export const Contacts = schema(() => z.strictObject({
  email: z.array(z.email('must be an email address')).default([]),
  sms: z.array(Phone).default([]),
}));
export type Contacts = z.infer<typeof Contacts>;

export const Person = schema(() => z.strictObject({
  name: z.string().trim().min(1),
  title: LocalizedText.optional(),
  email: z.email('must be an email address').optional(),
  phone: Phone.optional(),
}));

// ---------- Geometry (GeoJSON, WGS84 lon/lat) ----------

const Position = schema(() => z.tuple([z.number().min(-180).max(180), z.number().min(-90).max(90)]));
const LinearRing = schema(() => z
  .array(Position)
  .min(4, 'a ring needs at least 4 positions')
  .refine((ring) => {
    const first = ring[0];
    const last = ring[ring.length - 1];
    return first !== undefined && last !== undefined && first[0] === last[0] && first[1] === last[1];
  }, 'a ring must be closed (first position equals last)'));

export const PolygonGeometry = schema(() => z.strictObject({
  type: z.literal('Polygon'),
  coordinates: z.array(LinearRing).min(1, 'a polygon needs an outer ring'),
}));
export const MultiPolygonGeometry = schema(() => z.strictObject({
  type: z.literal('MultiPolygon'),
  coordinates: z.array(z.array(LinearRing).min(1)).min(1),
}));
export const AreaGeometry = schema(() => z.discriminatedUnion('type', [PolygonGeometry, MultiPolygonGeometry]));
export type AreaGeometry = z.infer<typeof AreaGeometry>;

// ---------- Territorial units (块) ----------

export const OrgUnit = schema(() => z.strictObject({
  id: Id,
  level: Level,
  name: LocalizedText,
  /** The territorial superior; absent only for the city itself. */
  parentId: Id.optional(),
  /** County-level units are districts (区) or counties (县); both sit at the district layer. */
  kind: z.enum(['city', 'urbanDistrict', 'county', 'street', 'township', 'town', 'community', 'village', 'grid']).optional(),
  /** Required for communities and grids: they are what a point is located in. */
  boundary: AreaGeometry.optional(),
  contacts: Contacts.default({ email: [], sms: [] }),
  head: Person.optional(),
}));
export type OrgUnit = z.infer<typeof OrgUnit>;

// ---------- Departments (条) and offices ----------

export const Department = schema(() => z.strictObject({
  id: Id,
  name: LocalizedText,
  /** The layer the department works at (city bureaus, district bureaus, street stations). */
  level: z.enum(['city', 'district', 'subdistrict']),
  platform: Platform,
  /** The territorial unit that supervises it: the city for city bureaus, its district for district bureaus. */
  supervisorId: Id,
  contacts: Contacts,
  head: Person.optional(),
}));
export type Department = z.infer<typeof Department>;

export const OFFICE_ROLES = ['commandCentre', 'supervisionOffice', 'leaderOffice'] as const;
export const Office = schema(() => z.strictObject({
  id: Id,
  role: z.enum(OFFICE_ROLES),
  /** The territorial unit the office serves (a city or district command centre, a street command room). */
  unitId: Id,
  name: LocalizedText,
  contacts: Contacts,
}));
export type Office = z.infer<typeof Office>;

// ---------- Time limits ----------

export const DURATION_UNITS = ['workingDays', 'workingHours', 'naturalMinutes', 'naturalHours', 'naturalDays'] as const;
export const Duration = schema(() => z.strictObject({
  amount: z.number().positive('a time limit must be greater than zero').max(10_000),
  unit: z.enum(DURATION_UNITS),
}));
export type Duration = z.infer<typeof Duration>;

export const URGENCIES = ['routine', 'urgent', 'emergency'] as const;
export const Urgency = schema(() => z.enum(URGENCIES));
export type Urgency = z.infer<typeof Urgency>;

export const StageLimits = schema(() => z.strictObject({
  accept: Duration,
  handle: Duration,
}));
export type StageLimits = z.infer<typeof StageLimits>;

// ---------- Categories ----------

/** 12345 request types (诉求类型): 咨询 / 求助 / 投诉 / 举报 / 建议. */
export const REQUEST_TYPES = ['consultation', 'assistance', 'complaint', 'report', 'suggestion'] as const;
export const RequestType = schema(() => z.enum(REQUEST_TYPES));
export type RequestType = z.infer<typeof RequestType>;

export const CATEGORY_KINDS = ['component', 'event', 'hotline'] as const;

export const CategoryField = schema(() => z.strictObject({
  code: z.string().regex(/^[A-Za-z][A-Za-z0-9_]{0,39}$/),
  datatype: z.enum(['string', 'number', 'datetime', 'text', 'singlevaluelist', 'multivaluelist']),
  required: z.boolean(),
  description: LocalizedText,
  values: z.array(z.strictObject({ key: z.string().min(1), name: LocalizedText })).optional(),
}));
export type CategoryField = z.infer<typeof CategoryField>;

export const Category = schema(() => z
  .strictObject({
    /**
     * Component (部件) codes are `B` + 2-digit class + 2-digit subclass (CJ/T 214 style, e.g. B0101),
     * events (事件) `S` + 2+2 digits (e.g. S0102), 12345 hotline topics `H` + 3 digits.
     */
    code: z.string(),
    kind: z.enum(CATEGORY_KINDS),
    name: LocalizedText,
    /** The major class (大类) name, e.g. 市容环境. */
    group: LocalizedText,
    defaultUrgency: Urgency.default('routine'),
    /** Limits per urgency tier; `routine` is required, the others fall back to it. */
    limits: z
      .strictObject({ routine: StageLimits, urgent: StageLimits.optional(), emergency: StageLimits.optional() }),
    /** For hotline topics: handling limits that differ by request type (咨询 2 wd, 求助 5 wd, ...). */
    requestTypeLimits: z.partialRecord(RequestType, Duration).optional(),
    fields: z.array(CategoryField).default([]),
  })
  .superRefine((category, ctx) => {
    const pattern = { component: /^B\d{4}$/, event: /^S\d{4}$/, hotline: /^H\d{3}$/ }[category.kind];
    if (!pattern.test(category.code)) {
      const example = { component: 'B0101', event: 'S0102', hotline: 'H001' }[category.kind];
      ctx.addIssue({ code: 'custom', path: ['code'], message: `a ${category.kind} code must look like ${example}` });
    }
    if (category.requestTypeLimits && category.kind !== 'hotline') {
      ctx.addIssue({ code: 'custom', path: ['requestTypeLimits'], message: 'only hotline topics have limits per request type' });
    }
  }));
export type Category = z.infer<typeof Category>;

// ---------- Responsibility list (权责清单 / 派单目录) ----------

/** 部件 "先属主、后属地" (ownerFirst); 事件 "先属地、后属主" (territoryFirst). */
export const OwnerRule = schema(() => z.enum(['ownerFirst', 'territoryFirst']));
export type OwnerRule = z.infer<typeof OwnerRule>;

export const ResponsibilityRow = schema(() => z.strictObject({
  categoryCode: z.string(),
  /** Narrows the row to these units' territory (any level); absent means the whole city. */
  areaIds: z.array(Id).optional(),
  ownerRule: OwnerRule,
  /** Departments (or units) that own the component or the matter; several means the area must decide. */
  ownerIds: z.array(Id).default([]),
  /** The territorial layer that answers when territory applies (a street, a township, a community). */
  territoryLevel: z.enum(['district', 'subdistrict', 'community']).optional(),
  coHandlerIds: z.array(Id).default([]),
  closingCondition: LocalizedText,
  /** Replaces the category's limits for cases routed by this row. */
  limits: StageLimits.optional(),
}));
export type ResponsibilityRow = z.infer<typeof ResponsibilityRow>;

export const ResponsibilityVersion = schema(() => z.strictObject({
  version: z.number().int().positive(),
  /** New cases received at or after this instant use this version; cases in flight keep theirs. */
  effectiveFrom: z.iso.datetime({ offset: true }),
  note: z.string().optional(),
  rows: z.array(ResponsibilityRow).min(1),
}));
export type ResponsibilityVersion = z.infer<typeof ResponsibilityVersion>;

// ---------- Escalation ladder ----------

export const RUNGS = ['reminder', 'urge', 'supervise', 'listed', 'interview'] as const;
export const Rung = schema(() => z.enum(RUNGS));
export type Rung = z.infer<typeof Rung>;

export const NOTIFY_TARGETS = ['unit', 'unitHead', 'coHandlers', 'supervisingUnit', 'supervisionOffice', 'commandCentre', 'leaderOffice'] as const;

export const LadderStep = schema(() => z.strictObject({
  rung: Rung,
  /**
   * `beforeExpiry`: fires when `shareOfLimit` of the limit has elapsed (0.8 = with a fifth left).
   * `afterExpiry`: fires `delay` of working time after the deadline (zero delay = at expiry).
   */
  trigger: z.discriminatedUnion('at', [
    z.strictObject({ at: z.literal('beforeExpiry'), shareOfLimit: z.number().gt(0).lt(1) }),
    z.strictObject({
      at: z.literal('afterExpiry'),
      delay: z.strictObject({ amount: z.number().min(0).max(10_000), unit: z.enum(DURATION_UNITS) }),
    }),
  ]),
  notify: z.array(z.enum(NOTIFY_TARGETS)).min(1, 'a rung must notify someone'),
  /** The layer that supervises the case from this rung on. */
  supervisingLayer: Level,
  card: z.enum(['yellow', 'red']).optional(),
}));
export type LadderStep = z.infer<typeof LadderStep>;

export const EscalationLadder = schema(() => z.strictObject({
  steps: z.array(LadderStep).min(1),
  /** Tighter ladders for urgent or emergency cases; routine uses `steps`. */
  byUrgency: z.partialRecord(Urgency, z.array(LadderStep).min(1)).optional(),
}));
export type EscalationLadder = z.infer<typeof EscalationLadder>;

// ---------- Working calendar ----------

const ClockTime = schema(() => z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'must be HH:MM (24-hour)'));
const IsoDate = schema(() => z.iso.date());

export const CalendarOverride = schema(() => z.strictObject({
  date: IsoDate,
  kind: z.enum(['holiday', 'workday']),
  name: z.string().optional(),
}));
export type CalendarOverride = z.infer<typeof CalendarOverride>;

export const WorkingCalendar = schema(() => z.strictObject({
  timeZone: z.string().refine((tz) => {
    try {
      new Intl.DateTimeFormat('en-US', { timeZone: tz });
      return true;
    } catch {
      return false;
    }
  }, 'must be an IANA time zone such as Asia/Shanghai'),
  /** The working periods of a working day, in the city's local time, in order. */
  workingHours: z.array(z.strictObject({ start: ClockTime, end: ClockTime })).min(1),
  /** `chinese-days`: statutory holidays and make-up working days (调休) from the chinese-days package. */
  holidaySource: z.enum(['chinese-days', 'weekendsOnly']),
  /** A year's State Council schedule, or local changes, entered as data; they win over the source. */
  overrides: z.array(CalendarOverride).default([]),
  /**
   * Years whose complete schedule an admin has entered in `overrides` (the State Council publishes the next
   * year's in November–December). Until a year is here or in the holiday source, the platform warns.
   */
  scheduleYears: z.array(z.number().int().min(1900).max(2199)).default([]),
  /**
   * `fromReceipt`: working time counts from the moment of receipt.
   * `fromNextWorkingDay`: day limits count from the next working day (自受理之次日起), so N working days
   * end at the close of the Nth working day after the day of receipt.
   */
  countingRule: z.enum(['fromReceipt', 'fromNextWorkingDay']),
}));
export type WorkingCalendar = z.infer<typeof WorkingCalendar>;

// ---------- Appraisal (考核) ----------

export const METRICS = [
  'onTimeAcceptanceRate', // 及时签收率
  'completionRate', // 结案率 / 处置率
  'onTimeCompletionRate', // 按期结案率 = 按期结案数 / (应结案数 − 缓办数)
  'satisfactionRate', // 满意率
  'returnRate', // 回退率
  'reworkRate', // 返工率 = 返工数 / 应结案数
  'extensionRate', // 延期率
  'overdueOpenRate', // 超期待处置率
  'overdueCount', // 超期件数
  'reworkCount', // 返工件数
] as const;
export const Metric = schema(() => z.enum(METRICS));
export type Metric = z.infer<typeof Metric>;

export const MetricScoring = schema(() => z.discriminatedUnion('kind', [
  /** points = weight × rate, or weight × (1 − rate) when inverted (e.g. (1 − 返工率) × 20). */
  z.strictObject({ kind: z.literal('weighted'), weight: z.number().min(0), invert: z.boolean().default(false) }),
  /** Full points at or above the floor, minus `perPoint` for each percentage point below, never below zero. */
  z.strictObject({ kind: z.literal('floor'), full: z.number().min(0), floor: z.number().min(0).max(1), perPoint: z.number().min(0) }),
  /** The first band whose `min` the rate reaches gives the points (bands ordered high to low). */
  z.strictObject({ kind: z.literal('bands'), bands: z.array(z.strictObject({ min: z.number().min(0).max(1), points: z.number() })).min(1) }),
  /** A deduction per counted event (e.g. −0.2 per rework). */
  z.strictObject({ kind: z.literal('perCount'), points: z.number() }),
]));
export type MetricScoring = z.infer<typeof MetricScoring>;

export const Appraisal = schema(() => z.strictObject({
  /** Named after the rule it follows (e.g. jinhua-digital-city); see appraisal presets. */
  preset: z.string().optional(),
  period: z.enum(['month', 'quarter', 'year']),
  metrics: z.array(z.strictObject({ metric: Metric, scoring: MetricScoring })).min(1),
  redList: z.strictObject({ top: z.number().int().min(0) }),
  blackList: z.strictObject({ bottom: z.number().int().min(0) }),
  /** Units with fewer cases due in the period are listed but not ranked. */
  minCasesToRank: z.number().int().min(0).default(1),
}));
export type Appraisal = z.infer<typeof Appraisal>;

// ---------- Users (demo and bootstrap) ----------

export const ROLES = ['citizen', 'gridWorker', 'unitStaff', 'unitHead', 'dispatcher', 'supervisor', 'admin'] as const;
export const Role = schema(() => z.enum(ROLES));
export type Role = z.infer<typeof Role>;

export const User = schema(() => z.strictObject({
  id: Id,
  name: z.string().min(1),
  role: Role,
  /** The unit or department a grid worker, staff member or head belongs to. */
  unitId: Id.optional(),
  /** The territory a dispatcher or supervisor is scoped to (their layer is that unit's level). */
  scopeUnitId: Id.optional(),
  email: z.email().optional(),
  phone: Phone.optional(),
}));
export type User = z.infer<typeof User>;

// ---------- The centre's own deadlines ----------

export const CentreLimits = schema(() => z.strictObject({
  /** A dispatcher decides routing the responsibility list could not. */
  dispatchDecision: Duration,
  /** The centre settles a returned order (确权). */
  arbitration: Duration,
  /** The centre answers an extension or suspension request. */
  extensionDecision: Duration,
  /** A grid worker or the centre checks a reported result on site (核查). */
  verification: Duration,
  /** The citizen is called back; no answer within this limit counts as "no answer". */
  callback: Duration,
}));
export type CentreLimits = z.infer<typeof CentreLimits>;

// ---------- The whole city ----------

export const CityConfig = schema(() => z.strictObject({
  $schema: z.string().optional(),
  schemaVersion: z.literal(1),
  id: Id,
  name: LocalizedText,
  /** Marks configurations that describe no real administration. */
  demo: z.boolean().default(false),
  locale: z.enum(['zh-CN', 'en']).default('zh-CN'),
  units: z.array(OrgUnit).min(1),
  departments: z.array(Department),
  offices: z.array(Office).default([]),
  categories: z.array(Category).min(1),
  responsibilityList: z.strictObject({ versions: z.array(ResponsibilityVersion).min(1) }),
  escalation: EscalationLadder,
  calendar: WorkingCalendar,
  /** How many times a case may be returned before the centre must designate the handler. */
  maxReturns: z.number().int().min(0).max(20).default(2),
  /** Limits of the centre's own steps and of the closing steps, which run on the same calendar. */
  centreLimits: CentreLimits,
  /** A new case of the same category this near an open one, this soon after it, is merged into it (并单). */
  duplicateDetection: z
    .strictObject({
      enabled: z.boolean().default(true),
      radiusMeters: z.number().positive().max(5_000),
      windowHours: z.number().positive().max(24 * 90),
    })
    .default({ enabled: true, radiusMeters: 50, windowHours: 72 }),
  appraisal: Appraisal,
  users: z.array(User).default([]),
}));
export type CityConfig = z.infer<typeof CityConfig>;
export type CityConfigInput = z.input<typeof CityConfig>;
