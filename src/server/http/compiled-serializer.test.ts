import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { ZProjectPage, type TProject } from '../../shared/projects.ts';
import { compiledSerializer, compiledSerializerCompiler } from './compiled-serializer.ts';

/** What the default (zod) serializer answers: the contract's encoding, then JSON.stringify. */
const byContract = (schema: z.ZodType, data: unknown) => JSON.stringify(z.encode(schema, data as never));

function project(overrides: Partial<TProject> = {}): TProject {
  return {
    id: 7, name: '锂电池隔膜项目', confidential: false, investorEnterpriseId: 3, investorName: '某某新能源有限公司',
    unitId: 8, unitName: '襄州区', reportedUnitId: null, reportedUnitName: null, projectType: 'industrial',
    industryCode: '3841', industryName: '锂离子电池制造', totalInvestmentYuan: 1_230_000_000, contractInvestmentYuan: null,
    fundSource: 'outOfProvince', foreignInvestmentUsd: null, isMajor: true, threeBatch: '2026年第一批', amountsEstimated: false,
    responsibleLeader: null, responsibleOfficerId: 5, responsibleOfficerName: '张三', codeName: null, code: 'XY-2026-001',
    note: null, localIndustry: '智能制造', stage: 'started', stageDates: { signed: '2026-01-02', started: '2026-02-01' }, nextDueOn: '2026-04-01',
    nextDueRule: 'startedToInStats', deadlineStatus: 'overdue', createdAt: '2026-01-02T03:04:05.678Z', updatedAt: '2026-02-01T00:00:00.000Z',
    ...overrides,
  };
}

const AWKWARD_TEXT = ['', '"引号" and \\backslash\\', 'line\nbreak\ttab\r\u0000\u001f', '😀 emoji', 'lone \ud800 surrogate', '\u2028\u2029', '</script>', 'x'.repeat(300)];

describe('the compiled response serializer', () => {
  const serialize = compiledSerializer(ZProjectPage, { verify: false });

  it('writes a project page exactly as the zod contract does: nulls, confidential rows, every kind of text', () => {
    const items = [
      project(),
      project({ id: 8, name: '代号A', confidential: true, investorEnterpriseId: null, investorName: '***', codeName: null, code: null, note: null, fundSource: null, deadlineStatus: null, nextDueOn: null, nextDueRule: null, stageDates: {} }),
      ...AWKWARD_TEXT.map((text, i) => project({ id: 100 + i, name: text, investorName: text, note: text, unitName: text, stageDates: { [text || 'signed']: text } })),
      project({ id: 200, totalInvestmentYuan: Number.MAX_SAFE_INTEGER, contractInvestmentYuan: 0, foreignInvestmentUsd: 12_345, reportedUnitId: 9, reportedUnitName: '园区' }),
    ];
    const page = { items, total: 50_000, page: 3, pageSize: 20 };
    expect(serialize(page)).toBe(byContract(ZProjectPage, page));
    expect(JSON.parse(serialize(page))).toEqual(ZProjectPage.parse(page));
  });

  it('writes an empty page', () => {
    const page = { items: [], total: 0, page: 1, pageSize: 20 };
    expect(serialize(page)).toBe(byContract(ZProjectPage, page));
  });

  it('leaves out fields the contract does not name, as the zod contract does', () => {
    const page = { items: [{ ...project(), realName: '真实名称', secret: 1 }], total: 1, page: 1, pageSize: 20, debug: true };
    expect(serialize(page)).toBe(byContract(ZProjectPage, page));
    expect(serialize(page)).not.toContain('真实名称');
  });

  it('refuses to answer without a field the contract requires', () => {
    const { name: _name, ...nameless } = project();
    expect(() => serialize({ items: [nameless], total: 1, page: 1, pageSize: 20 })).toThrow();
  });

  it('under test, refuses a response the contract would refuse', () => {
    const checked = compiledSerializer(ZProjectPage, { verify: true });
    const page = { items: [project()], total: 1, page: 1, pageSize: 20 };
    expect(checked(page)).toBe(byContract(ZProjectPage, page));
    expect(() => checked({ ...page, items: [project({ stage: 'nonsense' as TProject['stage'] })] })).toThrow();
    expect(() => checked({ ...page, total: 1.5 })).toThrow();
  });

  it('compiles only zod schemas', () => {
    expect(() => compiledSerializerCompiler({ schema: { type: 'object' } })).toThrow(/zod/);
  });
});
