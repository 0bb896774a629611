import { describe, expect, it } from 'vitest';
import { compareEnterpriseNames, enterpriseNameCore, enterpriseNameKey } from './enterprise-names.ts';

describe('enterprise names', () => {
  it('reads full-width and half-width brackets, spaces and the company form as the same name', () => {
    expect(enterpriseNameKey('宁德时代（深圳）新能源有限公司')).toBe(enterpriseNameKey('宁德时代(深圳)新能源有限公司'));
    expect(compareEnterpriseNames('华为技术有限公司', '华为技术 有限责任公司')).toBe('same');
    expect(compareEnterpriseNames('ＡＢＣ科技有限公司', 'abc科技有限公司')).toBe('same');
    expect(compareEnterpriseNames('襄阳　储能科技有限公司', '襄阳储能科技有限公司')).toBe('same');
  });

  it('flags the same core under another form or with a place in brackets as similar', () => {
    expect(compareEnterpriseNames('宁德时代新能源科技股份有限公司', '宁德时代新能源科技有限公司')).toBe('similar');
    expect(compareEnterpriseNames('宁德时代新能源科技(襄阳)有限公司', '宁德时代新能源科技股份有限公司')).toBe('similar');
    expect(compareEnterpriseNames('三一集团有限公司', '三一集团')).toBe('similar');
    expect(enterpriseNameCore('中国中车集团有限公司')).toBe('中国中车');
  });

  it('keeps different companies apart', () => {
    expect(compareEnterpriseNames('比亚迪股份有限公司', '比亚迪汽车工业有限公司')).toBeNull();
    expect(compareEnterpriseNames('华为技术有限公司', '华为终端有限公司')).toBeNull();
    expect(compareEnterpriseNames('美的集团股份有限公司', '美的置业集团有限公司')).toBeNull();
  });

  // Written for the survivors of the first full mutation run (issue 20, docs/testing.md "Mutation testing").
  it('writes the key with ASCII brackets, no dots or commas, and the company form changed only at the end', () => {
    expect(enterpriseNameKey('【襄阳】甲科技〔二期〕有限公司')).toBe('(襄阳)甲科技(二期)有限公司');
    expect(enterpriseNameKey('甲·乙.丙,丁、戊 有限公司')).toBe('甲乙丙丁戊有限公司');
    expect(enterpriseNameKey('有限责任公司研究所')).toBe('有限责任公司研究所');
    expect(enterpriseNameKey('股份有限公司研究所')).toBe('股份有限公司研究所');
    expect(enterpriseNameKey('甲股份有限公司')).toBe('甲股份公司');
  });

  it('takes off at most three company forms and every place in brackets from the core', () => {
    expect(enterpriseNameCore('甲公司公司公司公司')).toBe('甲公司');
    expect(enterpriseNameCore('甲(襄阳)乙(二期)有限公司')).toBe('甲乙');
  });

  it('compares cores of one character as nothing, and a prefix of four characters or more either way round', () => {
    expect(compareEnterpriseNames('甲公司', '甲集团')).toBeNull();
    expect(compareEnterpriseNames('宁德时代新能源科技有限公司', '宁德时代新能源集团')).toBe('similar');
    expect(compareEnterpriseNames('三一重工', '三一重工机械有限公司')).toBe('similar');
    expect(compareEnterpriseNames('三一重工机械有限公司', '三一重工')).toBe('similar');
    expect(compareEnterpriseNames('三一重', '三一重工机械有限公司')).toBeNull();
    expect(compareEnterpriseNames('重工机械', '三一重工机械有限公司')).toBeNull();
  });
});
