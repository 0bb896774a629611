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
});
