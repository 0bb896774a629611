import { describe, expect, it } from 'vitest';
import { ACTIVITY_METRICS, evaluateActivity, NO_ACTIVITIES, type ActivityFacts } from './activity-metrics.ts';

/**
 * The funnel's front as metrics (issue 6), evaluated over facts. Written for the mutants that survived with only the
 * server's tests covering these rules (issue 20, docs/testing.md "Mutation testing"): each case sits on a bound —
 * the period's first and last day, a role on or off the list, a lead signed on or after the period's end.
 */
const march = { from: '2024-03-01', to: '2024-03-31' } as const;

const facts: ActivityFacts = {
  trips: [
    { id: 1, unitId: 1, leaderName: '王', leaderRole: 'principal', fromOn: '2024-03-01', toOn: '2024-03-02' },
    { id: 2, unitId: 1, leaderName: '李', leaderRole: 'leader', fromOn: '2024-03-31', toOn: '2024-04-03' },
    { id: 3, unitId: 2, leaderName: '王', leaderRole: 'other', fromOn: '2024-02-28', toOn: '2024-03-01' },
    { id: 4, unitId: 1, leaderName: '王', leaderRole: 'principal', fromOn: '2024-04-01', toOn: '2024-04-01' },
  ],
  visits: [
    { id: 1, enterpriseId: 7, enterpriseName: '甲公司', visitedOn: '2024-03-01' },
    { id: 2, enterpriseId: 7, enterpriseName: '甲公司（简称）', visitedOn: '2024-03-31' },
    { id: 3, enterpriseId: null, enterpriseName: '乙公司', visitedOn: '2024-03-10' },
    { id: 4, enterpriseId: null, enterpriseName: '乙公司', visitedOn: '2024-03-11' },
    { id: 5, enterpriseId: null, enterpriseName: '7', visitedOn: '2024-03-12' },
    { id: 6, enterpriseId: 8, enterpriseName: '丙公司', visitedOn: '2024-02-29' },
    { id: 7, enterpriseId: 9, enterpriseName: '丁公司', visitedOn: '2024-04-01' },
  ],
  events: [
    { id: 1, heldOn: '2024-03-01', signed: [{ projectId: 1, signedYuan: 100_000_000 }, { projectId: 2, signedYuan: 5 }] },
    { id: 2, heldOn: '2024-03-31', signed: [{ projectId: 3, signedYuan: 7 }] },
    { id: 3, heldOn: '2024-02-29', signed: [{ projectId: 4, signedYuan: 1_000 }] },
    { id: 4, heldOn: '2024-04-01', signed: [{ projectId: 5, signedYuan: 2_000 }] },
  ],
  leads: [
    { id: 1, collectedOn: '2024-03-01', projectSignedOn: '2024-03-11' },
    { id: 2, collectedOn: '2024-03-31', projectSignedOn: '2024-03-31' },
    { id: 3, collectedOn: '2024-03-15', projectSignedOn: '2024-04-01' },
    { id: 4, collectedOn: '2024-03-20', projectSignedOn: null },
    { id: 5, collectedOn: '2024-02-29', projectSignedOn: '2024-03-01' },
    { id: 6, collectedOn: '2024-04-01', projectSignedOn: '2024-04-02' },
  ],
};

describe('activity metrics over facts (issue 6)', () => {
  it('counts trips begun in the period, both ends included, narrowed by the leader’s role', () => {
    expect(evaluateActivity({ kind: 'trips', measure: 'count' }, facts, march)).toBe(2);
    expect(evaluateActivity({ kind: 'trips', measure: 'count', roles: ['principal'] }, facts, march)).toBe(1);
    expect(evaluateActivity({ kind: 'trips', measure: 'count', roles: ['principal', 'leader'] }, facts, march)).toBe(2);
    expect(evaluateActivity({ kind: 'trips', measure: 'count', roles: ['other'] }, facts, march)).toBe(0);
    expect(evaluateActivity({ kind: 'trips', measure: 'count', roles: [] }, facts, march)).toBe(0);
  });

  it('counts days away within the period, once per leader and day, a leader being a name within a unit', () => {
    // 王 of unit 1: 1, 2 March; 李 of unit 1: 31 March; 王 of unit 2 (another person): 1 March.
    expect(evaluateActivity({ kind: 'trips', measure: 'days' }, facts, march)).toBe(4);
    expect(evaluateActivity({ kind: 'trips', measure: 'days', roles: ['principal'] }, facts, march)).toBe(2);
    expect(evaluateActivity({ kind: 'trips', measure: 'days', roles: ['other'] }, facts, march)).toBe(1);
  });

  it('counts enterprises visited once each: by id when on record, otherwise by the name as written', () => {
    // #7 twice under two names → 1; 乙公司 twice by name → 1; a name that reads "7" is not enterprise 7 → 1.
    expect(evaluateActivity({ kind: 'visits', measure: 'enterprises' }, facts, march)).toBe(3);
    expect(evaluateActivity({ kind: 'visits', measure: 'enterprises' }, facts, { from: '2024-02-29', to: '2024-02-29' })).toBe(1);
    expect(evaluateActivity({ kind: 'visits', measure: 'enterprises' }, NO_ACTIVITIES, march)).toBe(0);
  });

  it('counts events held in the period and what was signed at them, amounts summed in whole 元', () => {
    expect(evaluateActivity({ kind: 'events', measure: 'held' }, facts, march)).toBe(2);
    expect(evaluateActivity({ kind: 'events', measure: 'signedCount' }, facts, march)).toBe(3);
    expect(evaluateActivity({ kind: 'events', measure: 'signedYuan' }, facts, march)).toBe(100_000_012);
    expect(evaluateActivity({ kind: 'events', measure: 'signedYuan' }, NO_ACTIVITIES, march)).toBe(0);
  });

  it('converts leads collected in the period, counting a signing only up to the period’s end', () => {
    expect(evaluateActivity({ kind: 'leads', measure: 'collected' }, facts, march)).toBe(4);
    // Of leads 1–4, two signed by 31 March (lead 3 signed on 1 April is not yet converted).
    expect(evaluateActivity({ kind: 'leads', measure: 'conversionRate' }, facts, march)).toBe(0.5);
    // Days to signing: 10 and 0 → median 5.
    expect(evaluateActivity({ kind: 'leads', measure: 'medianDaysToSigning' }, facts, march)).toBe(5);
    expect(evaluateActivity({ kind: 'leads', measure: 'conversionRate' }, facts, { from: '2024-03-01', to: '2024-04-01' })).toBe(0.6);
  });

  it('gives no conversion rate and no median where nothing was collected', () => {
    expect(evaluateActivity({ kind: 'leads', measure: 'conversionRate' }, NO_ACTIVITIES, march)).toBeNull();
    expect(evaluateActivity({ kind: 'leads', measure: 'medianDaysToSigning' }, NO_ACTIVITIES, march)).toBeNull();
    expect(evaluateActivity({ kind: 'leads', measure: 'collected' }, NO_ACTIVITIES, march)).toBe(0);
  });

  it('describes each metric with a unique key, both languages, and a measure word only where a count is written', () => {
    const keys = ACTIVITY_METRICS.map((m) => m.key);
    expect(new Set(keys).size).toBe(keys.length);
    expect(keys).toEqual(['principalTrips', 'leaderTrips', 'tripDays', 'enterprisesVisited', 'eventsHeld', 'eventSignedCount', 'eventSignedYuan', 'leadsCollected', 'leadConversionRate', 'leadDaysToSigning']);
    for (const metric of ACTIVITY_METRICS) {
      expect(metric.name.zh).toMatch(/[\u4e00-\u9fff]/);
      expect(metric.name.en).toMatch(/^[A-Z][^\u4e00-\u9fff]*$/);
      expect(metric.definition.zh).toMatch(/[\u4e00-\u9fff]/);
      expect(metric.definition.en).toMatch(/^[A-Z][^\u4e00-\u9fff]*$/);
    }
    expect(ACTIVITY_METRICS.filter((m) => m.median).map((m) => m.key)).toEqual(['leadDaysToSigning']);
    expect(ACTIVITY_METRICS.filter((m) => !m.measure).map((m) => m.unit)).toEqual(['yuan', 'percent']);
  });
});
