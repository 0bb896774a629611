import { describe, expect, it } from 'vitest';
import { eventCohort, type CohortProject } from './event-cohort.ts';

const project = (overrides: Partial<CohortProject>): CohortProject => ({
  signedOn: '2024-04-10',
  registeredOn: null,
  startedOn: null,
  producingOn: null,
  signedYuan: 100_000_000,
  ...overrides,
});

describe('an event\'s cohort', () => {
  const signedAtTheFair = [
    project({ registeredOn: '2024-05-01', startedOn: '2024-07-01' }),
    project({ registeredOn: '2024-06-01' }),
    project({ startedOn: '2024-09-01', producingOn: '2025-03-01', signedYuan: 300_000_000 }),
    project({}),
  ];
  const funds = [
    { arrivedOn: '2024-06-15', amountYuan: 30_000_000 },
    { arrivedOn: '2025-01-10', amountYuan: 90_000_000 },
  ];

  it('counts what became of the projects signed there, as of a day', () => {
    expect(eventCohort(signedAtTheFair, funds, '2024-12-31')).toEqual({
      signed: 4,
      signedYuan: 600_000_000,
      registered: 3,
      started: 2,
      producing: 0,
      fundsArrivedYuan: 30_000_000,
      startRate: '50.00',
      arrivalRate: '5.00',
    });
    expect(eventCohort(signedAtTheFair, funds, '2025-06-30')).toMatchObject({ producing: 1, fundsArrivedYuan: 120_000_000, arrivalRate: '20.00' });
  });

  it('has no rates before anything was signed', () => {
    expect(eventCohort(signedAtTheFair, funds, '2024-01-01')).toMatchObject({ signed: 0, startRate: null, arrivalRate: null });
  });
});
