import type { IsoDate } from './calendar.ts';
import { conversion } from './leads.ts';
import { tripDays } from './trip-days.ts';

/**
 * The front of the funnel in the metric catalogue (issue 6): trips and their days, enterprises visited, events
 * held and what was signed at them, leads collected and how they turned into projects. Each is a spec like the
 * project metrics', evaluated here over facts and compiled to SQL by the server.
 */
/** A leader level's role in the metrics (the levels themselves are the bureau's list). */
export type LeaderRole = 'principal' | 'leader' | 'other';

export type ActivityFacts = {
  trips: { id: number; unitId: number; leaderName: string; leaderRole: LeaderRole; fromOn: IsoDate; toOn: IsoDate }[];
  visits: { id: number; enterpriseId: number | null; enterpriseName: string; visitedOn: IsoDate }[];
  events: { id: number; heldOn: IsoDate; signed: { projectId: number; signedYuan: number }[] }[];
  leads: { id: number; collectedOn: IsoDate; projectSignedOn: IsoDate | null }[];
};

export const NO_ACTIVITIES: ActivityFacts = { trips: [], visits: [], events: [], leads: [] };

export type ActivitySpec =
  /** Trips that began in the period, led at a level with one of the roles (any level when none is given). */
  | { kind: 'trips'; measure: 'count'; roles?: LeaderRole[] }
  /** Days away in the period, once per leader and day (a leader is a name within a unit). */
  | { kind: 'trips'; measure: 'days'; roles?: LeaderRole[] }
  /** Distinct enterprises visited in the period (on record by id, otherwise by the name as written). */
  | { kind: 'visits'; measure: 'enterprises' }
  /** Events held in the period; the projects signed at them, counted or their signed amounts summed. */
  | { kind: 'events'; measure: 'held' | 'signedCount' | 'signedYuan' }
  /** Leads collected in the period; of them, the share whose project is signed; the median days to that signing. */
  | { kind: 'leads'; measure: 'collected' | 'conversionRate' | 'medianDaysToSigning' };

type Period = { from: IsoDate; to: IsoDate };
const within = (date: IsoDate, { from, to }: Period) => date >= from && date <= to;

export function evaluateActivity(spec: ActivitySpec, facts: ActivityFacts, period: Period): number | null {
  switch (spec.kind) {
    case 'trips': {
      const led = facts.trips.filter((t) => !spec.roles || spec.roles.includes(t.leaderRole));
      if (spec.measure === 'count') return led.filter((t) => within(t.fromOn, period)).length;
      return tripDays(led.map((t) => ({ leader: `${t.unitId}/${t.leaderName}`, from: t.fromOn, to: t.toOn })), period).total;
    }
    case 'visits':
      return new Set(facts.visits.filter((v) => within(v.visitedOn, period)).map((v) => (v.enterpriseId ? `#${v.enterpriseId}` : v.enterpriseName))).size;
    case 'events': {
      const held = facts.events.filter((e) => within(e.heldOn, period));
      if (spec.measure === 'held') return held.length;
      const signed = held.flatMap((e) => e.signed);
      return spec.measure === 'signedCount' ? signed.length : signed.reduce((sum, s) => sum + s.signedYuan, 0);
    }
    case 'leads': {
      const collected = facts.leads.filter((l) => within(l.collectedOn, period));
      if (spec.measure === 'collected') return collected.length;
      const result = conversion(collected.map((l) => ({ collectedOn: l.collectedOn, signedOn: l.projectSignedOn && l.projectSignedOn <= period.to ? l.projectSignedOn : null })));
      if (spec.measure === 'conversionRate') return collected.length === 0 ? null : result.rate;
      return result.medianDaysToSigning;
    }
  }
}

type Described = {
  key: string;
  unit: 'count' | 'yuan' | 'percent' | 'days';
  /** The measure word a bulletin writes after the number (次, 天, 家, 场, 条). */
  measure?: string;
  /** A median: neither summed over units nor given a target. */
  median?: true;
  name: { zh: string; en: string };
  definition: { zh: string; en: string };
  spec: ActivitySpec;
};

export const ACTIVITY_METRICS: Described[] = [
  {
    key: 'principalTrips',
    measure: '次',
    unit: 'count',
    name: { zh: '主要领导带队外出招商', en: 'Trips led by principal leaders' },
    definition: { zh: '期内出发、由主要领导带队的外出招商次数', en: 'Outbound trips begun in the period and led by a principal leader' },
    spec: { kind: 'trips', measure: 'count', roles: ['principal'] },
  },
  {
    key: 'leaderTrips',
    measure: '次',
    unit: 'count',
    name: { zh: '领导带队外出招商', en: 'Trips led by leaders' },
    definition: { zh: '期内出发、由主要领导、分管领导或县区党政主要负责人带队的外出招商次数', en: 'Outbound trips begun in the period, led by a principal leader, a leader in charge or a county head' },
    spec: { kind: 'trips', measure: 'count', roles: ['principal', 'leader'] },
  },
  {
    key: 'tripDays',
    measure: '天',
    unit: 'days',
    name: { zh: '外出招商天数', en: 'Days on outbound trips' },
    definition: { zh: '期内外出招商的天数，同一带队人同一天只计一次', en: 'Days away on outbound trips in the period, each leader\'s day counted once' },
    spec: { kind: 'trips', measure: 'days' },
  },
  {
    key: 'enterprisesVisited',
    measure: '家',
    unit: 'count',
    name: { zh: '拜访企业', en: 'Enterprises visited' },
    definition: { zh: '期内拜访、洽谈或接待的企业家数（同一企业计一次）', en: 'Distinct enterprises visited, met or received in the period' },
    spec: { kind: 'visits', measure: 'enterprises' },
  },
  {
    key: 'eventsHeld',
    measure: '场',
    unit: 'count',
    name: { zh: '举办招商活动', en: 'Events held' },
    definition: { zh: '期内举办的推介会、洽谈会、签约仪式、展会等活动场次', en: 'Promotion conferences, talks, signing ceremonies, fairs and other events held in the period' },
    spec: { kind: 'events', measure: 'held' },
  },
  {
    key: 'eventSignedCount',
    measure: '个',
    unit: 'count',
    name: { zh: '活动签约项目', en: 'Projects signed at events' },
    definition: { zh: '期内举办的活动上签约的项目个数', en: 'Projects signed at the events held in the period' },
    spec: { kind: 'events', measure: 'signedCount' },
  },
  {
    key: 'eventSignedYuan',
    unit: 'yuan',
    name: { zh: '活动签约合同额', en: 'Contracted investment signed at events' },
    definition: { zh: '期内举办的活动上签约项目的合同投资额之和（未填合同投资的按总投资）', en: 'Contracted investment of the projects signed at the events held in the period' },
    spec: { kind: 'events', measure: 'signedYuan' },
  },
  {
    key: 'leadsCollected',
    measure: '条',
    unit: 'count',
    name: { zh: '收集意向信息', en: 'Leads collected' },
    definition: { zh: '期内收集的招商线索（意向信息）条数', en: 'Leads collected in the period' },
    spec: { kind: 'leads', measure: 'collected' },
  },
  {
    key: 'leadConversionRate',
    unit: 'percent',
    name: { zh: '线索转化率', en: 'Lead conversion rate' },
    definition: { zh: '期内收集的线索中，截至期末已转化为项目并签约的比例', en: 'Of the leads collected in the period, the share turned into a project signed by the period\'s end' },
    spec: { kind: 'leads', measure: 'conversionRate' },
  },
  {
    key: 'leadDaysToSigning',
    measure: '天',
    median: true,
    unit: 'days',
    name: { zh: '线索至签约天数（中位数）', en: 'Median days from lead to signing' },
    definition: { zh: '期内收集并已签约的线索，从收集到签约所用天数的中位数', en: 'For leads collected in the period and since signed, the median number of days from collection to signing' },
    spec: { kind: 'leads', measure: 'medianDaysToSigning' },
  },
];
