import { describe, expect, it } from 'vitest';
import { listNameKey, listTemplateHeader, readListRows } from './enterprise-list-rows.ts';

describe('reading an enterprise list', () => {
  it('finds the header under a title and reads rank, code and batch; skips blank and total rows', () => {
    const read = readListRows(
      [
        ['2024年中国企业500强'],
        ['排名', '企业名称', '统一社会信用代码', '省份', '批次'],
        ['第1名', '华为技术有限公司', ' 914403001922038216 ', '广东', ''],
        ['', '', '', '', ''],
        ['合计', '', '', '', ''],
      ],
      true,
    );
    expect(read?.header).toMatchObject({ rank: 0, name: 1, creditCode: 2, region: 3, batch: 4 });
    expect(read?.rows).toEqual([expect.objectContaining({ rowNumber: 3, name: '华为技术有限公司', creditCode: '914403001922038216', rank: 1, batch: null, region: '广东' })]);
    expect(read?.refusals).toEqual([]);
  });

  it('refuses by row and field: no name, a bad code, a bad rank on a ranked list, a repeat', () => {
    const read = readListRows(
      [
        ['名次', '公司名称', '统一社会信用代码'],
        ['1', '', ''],
        ['2', '甲有限公司', '123'],
        ['三', '乙有限公司', ''],
        ['4', '丙有限公司', ''],
        ['5', '丙股份有限公司', ''],
      ],
      true,
    );
    expect(read?.refusals).toEqual([
      { rowNumber: 2, field: 'name', code: 'required' },
      { rowNumber: 3, field: 'creditCode', code: 'creditCode' },
      { rowNumber: 4, field: 'rank', code: 'rank' },
      { rowNumber: 6, field: 'name', code: 'duplicate' },
    ]);
    // On a list that does not rank, the rank column is ignored.
    expect(readListRows([['名次', '企业名称'], ['三', '乙有限公司']], false)?.refusals).toEqual([]);
  });

  it('reads 省份 and 城市 as one place, keeps capital and founding date as written, and names the header cells', () => {
    const read = readListRows(
      [
        ['序号', '企业名称', '省份', '城市', '注册资本(万元)', '成立日期', '联系人'],
        ['1', '甲有限公司', '湖北', '襄阳', '5,000', '2019/3/5', '张三'],
      ],
      false,
    );
    expect(read?.regionParts).toEqual([2, 3]);
    expect(read?.labels).toEqual(['序号', '企业名称', '省份', '城市', '注册资本(万元)', '成立日期', '联系人']);
    expect(read?.headerRow).toBe(1);
    expect(read?.rows[0]).toMatchObject({ region: '湖北襄阳', capital: '5,000', founded: '2019/3/5' });
  });

  it('says when no header names the enterprise', () => {
    expect(readListRows([['序号', '金额'], ['1', '2']], false)).toBeNull();
  });

  it('keys 有限公司, 股份有限公司, 有限责任公司 and both kinds of bracket as one name, not others', () => {
    expect(listNameKey('宁德时代（福建）新能源科技股份有限公司')).toBe(listNameKey('宁德时代(福建)新能源科技有限公司'));
    expect(listNameKey('比亚迪有限责任公司')).toBe(listNameKey('比亚迪股份有限公司'));
    expect(listNameKey('比亚迪汽车有限公司')).not.toBe(listNameKey('比亚迪股份有限公司'));
  });
});

describe('the blank list', () => {
  it('names every column a list can say, each recognised when read back, the rank only where the list ranks', () => {
    for (const ranked of [true, false]) {
      const header = listTemplateHeader(ranked);
      const read = readListRows([header, ['宁德时代新能源科技股份有限公司', '91350900587527783P', ...(ranked ? ['1'] : []), '福建省宁德市', '3841', '244,000', '2011-12-16', '300750', '']], ranked)!;
      expect(read.labels).toEqual(header);
      expect(Object.keys(read.header).sort()).toEqual(
        ['name', 'creditCode', 'region', 'industry', 'capital', 'founded', 'listing', 'batch', ...(ranked ? ['rank'] : [])].sort(),
      );
      expect(read.rows).toHaveLength(1);
      expect(read.refusals).toEqual([]);
    }
    expect(listTemplateHeader(true)).toContain('排名');
    expect(listTemplateHeader(false)).not.toContain('排名');
  });
});
