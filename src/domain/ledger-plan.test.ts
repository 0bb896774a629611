import { describe, expect, it } from 'vitest';
import { planRow, type ExistingProject, type ResolvedRow } from './ledger-plan.ts';
import { warningText, warningTextEn } from './ledger-warnings.ts';
import type { LedgerRecord } from './ledger-rows.ts';

const TODAY = '2026-03-02';

function record(overrides: Partial<LedgerRecord> = {}): LedgerRecord {
  return {
    rowNumber: 6,
    systemId: null,
    code: null,
    name: '新能源电池项目',
    investorName: '深圳新能源科技有限公司',
    creditCode: null,
    sourceRegion: null,
    totalInvestmentYuan: 50_000_000,
    contractInvestmentYuan: null,
    signedOn: '2025-03-01',
    registeredOn: null,
    startedOn: null,
    producingOn: null,
    inStatsOn: null,
    monthOnly: [],
    unitName: '甲县',
    industry: null,
    localIndustry: null,
    stage: null,
    leader: null,
    note: null,
    ...overrides,
  };
}

function resolved(r: LedgerRecord, fields: ResolvedRow['fields'] = {}): ResolvedRow {
  return {
    record: r,
    fields: { name: r.name, unitId: 2, investorEnterpriseId: 7, ...(r.totalInvestmentYuan !== null ? { totalInvestmentYuan: r.totalInvestmentYuan } : {}), ...fields },
    newInvestor: false,
    problems: [],
    warnings: [],
  };
}

const existing = (overrides: Partial<ExistingProject> = {}): ExistingProject => ({
  id: 41,
  name: '新能源电池项目',
  unitId: 2,
  investorEnterpriseId: 7,
  totalInvestmentYuan: 50_000_000,
  contractInvestmentYuan: null,
  industryCode: null,
  localIndustry: null,
  responsibleLeader: null,
  code: null,
  note: null,
  events: [{ id: 1, kind: 'advance', state: 'signed', happenedOn: '2025-03-01', evidence: {}, reason: null, correctsEventId: null }],
  confidentialElsewhere: false,
  ...overrides,
});

describe('planning a ledger row', () => {
  it('creates a project with the stages its dates give, in order, the ledger row as evidence', () => {
    const plan = planRow(resolved(record({ startedOn: '2025-06-01', producingOn: '2026-01-10' })), null, TODAY, '台账.xlsx');
    expect(plan.action).toBe('create');
    expect(plan.moves.map((m) => [m.to, m.date, m.kind])).toEqual([
      ['signed', '2025-03-01', 'advance'],
      ['started', '2025-06-01', 'advance'],
      ['producing', '2026-01-10', 'advance'],
    ]);
  });

  it('refuses a new row without name, unit, total or investor, naming each', () => {
    const r = record({ name: '', totalInvestmentYuan: null });
    const plan = planRow({ record: r, fields: {}, newInvestor: false, problems: [], warnings: [] }, null, TODAY, 'x.xlsx');
    expect(plan.action).toBe('refused');
    expect(plan.problems.map((p) => [p.field, p.code])).toEqual([
      ['name', 'required'],
      ['unit', 'required'],
      ['totalInvestment', 'required'],
      ['investorName', 'required'],
    ]);
  });

  it('refuses a new project dated in the future, and only warns about it on an existing one', () => {
    expect(planRow(resolved(record({ signedOn: '2026-04-01' })), null, TODAY, 'x').problems).toEqual([
      { rowNumber: 6, field: 'signedOn', code: 'date.future', raw: '2026-04-01' },
    ]);
    const plan = planRow(resolved(record({ startedOn: '2026-05-01' })), existing(), TODAY, 'x');
    expect(plan.action).toBe('unchanged');
    expect(plan.warnings.map(warningText)).toEqual(["开工时间 '2026-05-01'：晚于今天，未导入"]);
    expect(plan.warnings.map(warningTextEn)).toEqual(["Start date: '2026-05-01' is in the future; not imported"]);
  });

  it('leaves a project unchanged when the row says what is recorded; a blank cell clears nothing', () => {
    const plan = planRow(resolved(record({ contractInvestmentYuan: null, leader: null })), existing({ contractInvestmentYuan: 1, responsibleLeader: '张三' }), TODAY, 'x');
    expect(plan).toMatchObject({ action: 'unchanged', changes: [], moves: [] });
  });

  it('updates only what differs, and appends the stages the project has not reached', () => {
    const plan = planRow(resolved(record({ totalInvestmentYuan: 60_000_000, startedOn: '2025-09-09' })), existing(), TODAY, 'x');
    expect(plan.action).toBe('update');
    expect(plan.changes).toEqual(['totalInvestmentYuan']);
    expect(plan.fields).toEqual({ totalInvestmentYuan: 60_000_000 });
    expect(plan.moves.map((m) => m.to)).toEqual(['started']);
  });

  it('never rewrites a recorded stage date: a different one is a warning pointing to the correction', () => {
    const plan = planRow(resolved(record({ signedOn: '2025-03-05' })), existing(), TODAY, 'x');
    expect(plan.action).toBe('unchanged');
    expect(plan.warnings.map(warningText)).toEqual(["签约时间 '2025-03-05' 与系统记录 2025-03-01 不一致，未修改（如需更正请在项目页操作）"]);
    expect(plan.warnings.map(warningTextEn)).toEqual(["Signing date: '2025-03-05' differs from the recorded 2025-03-01; not changed (to correct it, use the project page)"]);
  });

  it('does not invent dates: a progress word beyond the dated stages is reported, not recorded', () => {
    const plan = planRow(resolved(record({ stage: 'producing' })), null, TODAY, 'x');
    expect(plan.moves.map((m) => m.to)).toEqual(['signed']);
    expect(plan.warnings.map(warningText)).toEqual(['项目进展为投产，但没有投产时间，阶段只记到签约']);
    expect(plan.warnings.map(warningTextEn)).toEqual(['progress is producing but there is no Production date; the stage is recorded only up to signed']);
  });

  it('records 停滞 from the progress column on the day of the import, with the word as the reason', () => {
    const plan = planRow(resolved(record({ stage: 'stalled' })), existing(), TODAY, 'x');
    expect(plan.moves).toEqual([{ to: 'stalled', kind: 'stall', date: TODAY, reason: '台账项目进展：停滞' }]);
  });

  it('leaves another unit\'s confidential project alone', () => {
    const plan = planRow(resolved(record({ totalInvestmentYuan: 1 })), existing({ confidentialElsewhere: true }), TODAY, 'x');
    expect(plan).toMatchObject({ action: 'unchanged', changes: [], warnings: [{ code: 'confidential' }] });
    expect(plan.warnings.map(warningText)).toEqual(['保密项目由其所属单位维护，本次导入不更新']);
  });

  it('a later stage already reached is not back-filled with an earlier one', () => {
    const started = existing({
      events: [
        { id: 1, kind: 'advance', state: 'signed', happenedOn: '2025-03-01', evidence: {}, reason: null, correctsEventId: null },
        { id: 2, kind: 'advance', state: 'started', happenedOn: '2025-06-01', evidence: {}, reason: null, correctsEventId: null },
      ],
    });
    const plan = planRow(resolved(record({ registeredOn: '2025-04-01' })), started, TODAY, 'x');
    expect(plan.action).toBe('unchanged');
    expect(plan.warnings.map(warningText)).toEqual(['注册时间：项目已到开工阶段，不再补录注册']);
    expect(plan.warnings.map(warningTextEn)).toEqual(['Registration date: the project is already started, so registered is not filled in afterwards']);
  });
});
