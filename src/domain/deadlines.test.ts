import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { computeDeadlines, deadlineColumns, dueDateOf, RULES_26211, ruleProblem, statusFromColumns, summarizeDeadlines, type DeadlineRule } from './deadlines.ts';

const byKey = (deadlines: ReturnType<typeof computeDeadlines>) => Object.fromEntries(deadlines.map((d) => [d.rule.key, d]));

describe('26211 deadlines', () => {
  it('counts registration 2 months and start 6 months from signing, to the month end when needed', () => {
    const d = byKey(computeDeadlines({ state: 'signed', stageDates: { signed: '2023-08-31' }, rules: RULES_26211, today: '2023-09-01' }));
    expect(d.signedToRegistered!.dueDate).toBe('2023-10-31');
    expect(d.signedToStarted!.dueDate).toBe('2024-02-29');
    expect(d.startedToInStats).toBeUndefined(); // not started: that clock has not begun
    const january = byKey(computeDeadlines({ state: 'signed', stageDates: { signed: '2024-01-31' }, rules: RULES_26211, today: '2024-02-01' }));
    expect(january.signedToRegistered!.dueDate).toBe('2024-03-31');
  });

  it('is on track, then due soon within the warning days, then overdue the day after the due date', () => {
    const at = (today: string) =>
      byKey(computeDeadlines({ state: 'signed', stageDates: { signed: '2023-08-31' }, rules: RULES_26211, today })).signedToRegistered!;
    expect(at('2023-10-15')).toMatchObject({ open: true, status: 'onTrack', colour: 'green', daysLeft: 16 });
    expect(at('2023-10-16')).toMatchObject({ open: true, status: 'dueSoon', colour: 'yellow', daysLeft: 15 });
    expect(at('2023-10-31')).toMatchObject({ open: true, status: 'dueSoon', daysLeft: 0 });
    expect(at('2023-11-01')).toMatchObject({ open: true, status: 'overdue', colour: 'red', daysLeft: -1 });
  });

  it('closes a deadline when its stage happens: on time or late', () => {
    const onTime = byKey(
      computeDeadlines({ state: 'registered', stageDates: { signed: '2023-08-31', registered: '2023-10-31' }, rules: RULES_26211, today: '2024-01-01' }),
    );
    expect(onTime.signedToRegistered).toMatchObject({ open: false, outcome: 'metOnTime', doneDate: '2023-10-31' });
    const late = byKey(
      computeDeadlines({ state: 'registered', stageDates: { signed: '2023-08-31', registered: '2023-11-01' }, rules: RULES_26211, today: '2024-01-01' }),
    );
    expect(late.signedToRegistered).toMatchObject({ open: false, outcome: 'metLate' });
  });

  it('starts the statistics clock at the start date and supersedes a skipped registration', () => {
    const d = byKey(
      computeDeadlines({ state: 'started', stageDates: { signed: '2023-01-10', started: '2023-06-30' }, rules: RULES_26211, today: '2023-07-01' }),
    );
    expect(d.signedToRegistered).toMatchObject({ open: false, outcome: 'superseded' });
    expect(d.signedToStarted).toMatchObject({ open: false, outcome: 'metOnTime' });
    expect(d.startedToInStats).toMatchObject({ open: true, dueDate: '2023-08-30', status: 'onTrack' });
  });

  it('keeps a stalled project on the clock and cancels a terminated one', () => {
    const stalled = computeDeadlines({ state: 'stalled', stageDates: { signed: '2023-01-10' }, rules: RULES_26211, today: '2023-12-01' });
    expect(stalled.every((d) => d.open && d.status === 'overdue')).toBe(true);
    const terminated = computeDeadlines({ state: 'terminated', stageDates: { signed: '2023-01-10' }, rules: RULES_26211, today: '2023-12-01' });
    expect(terminated.every((d) => !d.open && d.outcome === 'cancelled')).toBe(true);
  });
});

describe('custom rules', () => {
  // 银川: started but not in the statistics after 1 month = yellow, after 2 = red; counted in days here.
  const yinchuan: DeadlineRule = {
    key: 'yinchuan',
    fromStage: 'started',
    toStage: 'inStats',
    amount: 60,
    unit: 'days',
    warnBeforeDays: 30,
    colours: { onTrack: 'blue', dueSoon: 'yellow', overdue: 'red' },
  };

  it('counts days and uses the rule’s own colours', () => {
    const at = (today: string) => computeDeadlines({ state: 'started', stageDates: { started: '2024-01-01' }, rules: [yinchuan], today })[0]!;
    expect(at('2024-01-20')).toMatchObject({ dueDate: '2024-03-01', status: 'onTrack', colour: 'blue' }); // 2024 is a leap year
    expect(at('2024-01-31')).toMatchObject({ status: 'dueSoon', colour: 'yellow', daysLeft: 30 });
    expect(at('2024-03-02')).toMatchObject({ status: 'overdue', colour: 'red' });
  });

  it('refuses rules that point backwards, have no length, or warn negatively', () => {
    expect(ruleProblem({ ...yinchuan, fromStage: 'inStats', toStage: 'signed' })).toBe('stagesOutOfOrder');
    expect(ruleProblem({ ...yinchuan, toStage: 'started' })).toBe('stagesOutOfOrder');
    expect(ruleProblem({ ...yinchuan, amount: 0 })).toBe('amountNotPositive');
    expect(ruleProblem({ ...yinchuan, amount: 1.5 })).toBe('amountNotPositive');
    expect(ruleProblem({ ...yinchuan, warnBeforeDays: -1 })).toBe('warnNotBeforeDue');
    expect(ruleProblem(yinchuan)).toBeNull();
  });
});

describe('a project’s deadline summary', () => {
  it('shows the next due date and the worst status, with days overdue', () => {
    const deadlines = computeDeadlines({ state: 'signed', stageDates: { signed: '2023-08-31' }, rules: RULES_26211, today: '2023-11-10' });
    const summary = summarizeDeadlines(deadlines);
    expect(summary.next?.rule.key).toBe('signedToRegistered');
    expect(summary.status).toBe('overdue');
    expect(summary.daysOverdue).toBe(10);
  });

  it('has nothing pending for a lead or a finished project', () => {
    expect(summarizeDeadlines(computeDeadlines({ state: 'lead', stageDates: {}, rules: RULES_26211, today: '2023-11-10' }))).toEqual({
      next: null,
      status: null,
      daysOverdue: 0,
    });
  });
});

describe('deadline columns kept on the project row', () => {
  it('keep the earliest open due date and warning day, and give the same light as the full computation', () => {
    const stageDates = { signed: '2023-08-31' };
    const columns = deadlineColumns('signed', stageDates, RULES_26211);
    expect(columns).toEqual({ nextDueOn: '2023-10-31', nextDueRule: 'signedToRegistered', warnFromOn: '2023-10-16' });
    for (const today of ['2023-09-01', '2023-10-15', '2023-10-16', '2023-10-31', '2023-11-01', '2024-03-01']) {
      const full = summarizeDeadlines(computeDeadlines({ state: 'signed', stageDates, rules: RULES_26211, today }));
      expect(statusFromColumns(columns, today), today).toBe(full.status);
    }
  });

  it('are empty when nothing is pending', () => {
    const done = { signed: '2023-01-01', registered: '2023-02-01', started: '2023-03-01', inStats: '2023-04-01' };
    expect(deadlineColumns('inStats', done, RULES_26211)).toEqual({ nextDueOn: null, nextDueRule: null, warnFromOn: null });
    expect(statusFromColumns({ nextDueOn: null, nextDueRule: null, warnFromOn: null }, '2024-01-01')).toBeNull();
  });
});

describe('deadlines are monotone in the start date (property)', () => {
  const isoDate = fc.date({ min: new Date('2000-01-01T00:00:00Z'), max: new Date('2060-12-31T00:00:00Z'), noInvalidDate: true }).map((d) => d.toISOString().slice(0, 10));
  const rule = fc.oneof(
    fc.constantFrom(...RULES_26211),
    fc.record({ unit: fc.constantFrom('months' as const, 'days' as const), amount: fc.integer({ min: 0, max: 120 }) }).map((r) => ({ ...RULES_26211[0]!, ...r })),
  );

  it('a later start never gives an earlier due date, and a due date is never before its start', () => {
    fc.assert(
      fc.property(rule, isoDate, isoDate, (r, x, y) => {
        const [early, late] = x <= y ? [x, y] : [y, x];
        expect(dueDateOf(r, early) <= dueDateOf(r, late)).toBe(true);
        expect(dueDateOf(r, early) >= early).toBe(true);
      }),
      { numRuns: 2000 },
    );
  });

  it('a later start never makes a deadline more urgent on the same day', () => {
    const rank = { onTrack: 0, dueSoon: 1, overdue: 2 } as const;
    fc.assert(
      fc.property(isoDate, isoDate, isoDate, (x, y, today) => {
        const [early, late] = x <= y ? [x, y] : [y, x];
        const status = (signed: string) => {
          const d = computeDeadlines({ state: 'signed', stageDates: { signed }, rules: RULES_26211, today }).find((e) => e.rule.key === 'signedToStarted')!;
          return d.open ? rank[d.status] : null;
        };
        expect(status(late)! <= status(early)!).toBe(true);
      }),
      { numRuns: 1000 },
    );
  });
});

